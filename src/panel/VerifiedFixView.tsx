import { useMemo, useState } from 'react';
import { FIX_DIALECTS, fixWarnings, renderFix, type FixDialect } from '../core/explain/fixDialects.ts';
import { verifiedFix } from '../core/explain/verifiedFix.ts';
import type { Transaction } from '../core/pairing/transaction.ts';
import { Choice } from './Choice.tsx';

/** The whole server change that makes a blocked request pass, verified by the engine, in the user's server's terms. */
export function VerifiedFixView({ transaction }: { readonly transaction: Transaction }) {
  const fix = useMemo(() => verifiedFix(transaction), [transaction]);
  const [dialect, setDialect] = useState<FixDialect>('raw');
  if (!fix) return null;
  const text = renderFix(fix, dialect);
  const warnings = fixWarnings(fix);
  return (
    <section className="verified-fix" aria-label="Verified server change">
      <h3>Everything the server must change</h3>
      <p className="muted">Checked by the engine: with these headers, the request is allowed.</p>
      <label>
        Write it for{' '}
        <Choice value={dialect} choices={FIX_DIALECTS} onChange={setDialect} ariaLabel="Server" />
      </label>
      <pre>{text}</pre>
      {warnings.map((warning) => (
        <p key={warning} className="warning">
          {warning}
        </p>
      ))}
    </section>
  );
}
