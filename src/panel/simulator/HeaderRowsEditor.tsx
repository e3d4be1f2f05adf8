import type { Header } from '../../core/fetch/headers.ts';

interface Props {
  readonly label: string;
  readonly headers: readonly Header[];
  readonly onChange: (headers: Header[]) => void;
}

/** The request's headers, one row each: add, edit, remove. Values are shown as text only. */
export function HeaderRowsEditor({ label, headers, onChange }: Props) {
  const set = (index: number, patch: Partial<Header>): void => onChange(headers.map((header, at) => (at === index ? { ...header, ...patch } : header)));
  return (
    <fieldset className="header-rows">
      <legend>{label}</legend>
      {headers.map((header, index) => (
        <div className="header-row" key={index}>
          <input
            aria-label={`${label}: name ${index + 1}`}
            value={header.name}
            spellCheck={false}
            onChange={(event) => set(index, { name: event.target.value })}
          />
          <input
            aria-label={`${label}: value ${index + 1}`}
            value={header.value}
            spellCheck={false}
            onChange={(event) => set(index, { value: event.target.value })}
          />
          <button type="button" aria-label={`Remove ${header.name || `header ${index + 1}`}`} onClick={() => onChange(headers.filter((_, at) => at !== index))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...headers, { name: '', value: '' }])}>
        Add header
      </button>
    </fieldset>
  );
}
