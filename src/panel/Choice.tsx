/**
 * A select of named values: `choices` maps each value to the words shown
 * for it (a list shows the values themselves).
 */
export function Choice<T extends string>({
  value,
  choices,
  onChange,
  ariaLabel,
}: {
  readonly value: T;
  readonly choices: Readonly<Record<T, string>> | readonly T[];
  readonly onChange: (value: T) => void;
  readonly ariaLabel?: string;
}) {
  const entries: [T, string][] = Array.isArray(choices) ? choices.map((choice: T) => [choice, choice]) : (Object.entries(choices) as [T, string][]);
  return (
    <select value={value} onChange={(event) => onChange(event.target.value as T)} aria-label={ariaLabel}>
      {entries.map(([choice, words]) => (
        <option key={choice} value={choice}>
          {words}
        </option>
      ))}
    </select>
  );
}
