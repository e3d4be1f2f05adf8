import type { BrowserComparison } from '../../core/simulator/compareBrowsers.ts';

const decided = (outcome: string, name: string | null): string => (outcome === 'blocked' ? `blocked (${name ?? 'no CORS reason'})` : outcome);

/** One send as Chromium and as Firefox decide it, side by side, and where they differ. Text only. */
export function BrowserComparisonView({ comparison }: { comparison: BrowserComparison }) {
  const { chromium, firefox, differences } = comparison;
  return (
    <section className="sim-browsers" aria-label="As Chromium and as Firefox">
      <dl>
        <dt>As Chromium</dt>
        <dd>{`${decided(chromium.outcome, chromium.corsError)}, preflight ${chromium.preflight}`}</dd>
        <dt>As Firefox</dt>
        <dd>{`${decided(firefox.outcome, firefox.reason)}, preflight ${firefox.preflight}`}</dd>
      </dl>
      <p role="note" className={differences.length > 0 ? 'bad' : 'muted'}>
        {differences.length > 0 ? `They would decide differently. ${differences.join(' ')}` : 'Both browsers decide alike here (each in its own terms).'}
      </p>
    </section>
  );
}
