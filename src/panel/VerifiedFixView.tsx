import { useMemo, useState } from 'react';
import { FIX_DIALECTS, renderFix, type FixDialect } from '../core/explain/fixDialects.ts';
import { fixWarnings } from '../core/explain/fixPolicy.ts';
import { verifiedFix, type FixOption } from '../core/explain/verifiedFix.ts';
import type { Transaction } from '../core/pairing/transaction.ts';
import { Choice } from './Choice.tsx';

const CREDENTIALS_NOTES = {
  included: null,
  omitted: null,
  unknown: 'The capture does not show whether the request carried credentials: this is what it needs without them.',
  inferred: 'The capture does not show credentials, but only a request carrying them fails this way: this is what it needs with them.',
} as const;

/** The whole server change that makes a blocked request pass, verified by the engine, in the user's server's terms. */
export function VerifiedFixView({ transaction }: { readonly transaction: Transaction }) {
  const fix = useMemo(() => verifiedFix(transaction), [transaction]);
  const [dialect, setDialect] = useState<FixDialect>('raw');
  if (!fix) return null;
  const note = CREDENTIALS_NOTES[fix.credentials];
  return (
    <section className="verified-fix" aria-label="Verified server change">
      <h3>Everything the server must change</h3>
      <p className="muted">Checked by the engine: with these headers, the request is allowed.</p>
      <label>
        Write it for <Choice value={dialect} choices={FIX_DIALECTS} onChange={setDialect} ariaLabel="Server" />
      </label>
      {note && <p className="muted">{note}</p>}
      <FixText fix={fix} dialect={dialect} label="Header lines to send" />
      {fix.withCredentials && (
        <>
          <p>
            If the page sends cookies or HTTP authentication (fetch with credentials: &apos;include&apos;, or XMLHttpRequest withCredentials), the server must
            send this instead:
          </p>
          <FixText fix={fix.withCredentials} dialect={dialect} label="Header lines to send if the page sends credentials" />
        </>
      )}
    </section>
  );
}

function FixText({ fix, dialect, label }: { readonly fix: FixOption; readonly dialect: FixDialect; readonly label: string }) {
  return (
    <>
      <pre aria-label={label}>{renderFix(fix, dialect)}</pre>
      {fixWarnings(fix).map((warning) => (
        <p key={warning} className="warning">
          {warning}
        </p>
      ))}
    </>
  );
}
