/** A capture time as the wall clock shows it, to the millisecond. */
export function clockTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.toLocaleTimeString('en-GB', { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** "in 9 min 58 s", "expired 3 s ago". */
export function countdown(expiresAt: number, now: number): string {
  const seconds = Math.round((expiresAt - now) / 1000);
  const span = (total: number): string => {
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const rest = total % 60;
    return [hours ? `${hours} h` : '', minutes ? `${minutes} min` : '', `${rest} s`].filter(Boolean).join(' ');
  };
  return seconds > 0 ? `expires in ${span(seconds)}` : `expired ${span(-seconds)} ago`;
}

export function duration(ms: number): string {
  return ms < 1 ? '<1 ms' : `${Math.round(ms)} ms`;
}
