import { useMemo, type ReactNode, type RefObject } from 'react';
import { transactionDiagramInput } from '../core/diagram/diagramInput.ts';
import { negotiationDiagram } from '../core/diagram/negotiationDiagram.ts';
import { explainVerdict } from '../core/explain/explainVerdict.ts';
import { markdownSummary } from '../core/explain/markdownSummary.ts';
import { securityWarnings } from '../core/explain/securityWarnings.ts';
import { isCorsProtocolHeader } from '../core/fetch/corsProtocolHeader.ts';
import type { HeaderList } from '../core/fetch/headers.ts';
import type { Transaction } from '../core/pairing/transaction.ts';
import type { SequencedTransaction } from '../core/protocol.ts';
import { CopyButton } from './CopyButton.tsx';
import { clockTime } from './model/formatTime.ts';
import { NegotiationTimeline } from './NegotiationTimeline.tsx';
import { SequenceDiagram } from './SequenceDiagram.tsx';
import { VerifiedFixView } from './VerifiedFixView.tsx';

interface Props {
  readonly item: SequencedTransaction;
  readonly headingRef?: RefObject<HTMLHeadingElement | null>;
  readonly onOpenInSimulator?: (transaction: Transaction) => void;
}

const CONFIRMATION_LABELS = {
  confirmed: 'Confirmed by Chromium',
  decided: 'Chromium decided what webRequest could not show',
  disagree: 'Engine and Chromium disagree',
  unconfirmed: 'Not confirmed by Chromium',
} as const;

/** The selected transaction: the verdict explained, why it was (not) preflighted, and its headers. Text only. */
export function TransactionDetails({ item, headingRef, onOpenInSimulator }: Props) {
  const { transaction } = item;
  const explanation = useMemo(() => explainVerdict(transaction, transaction.verdict), [transaction]);
  const warnings = useMemo(() => securityWarnings(transaction), [transaction]);
  const diagram = useMemo(() => negotiationDiagram(transactionDiagramInput(transaction), { time: clockTime }), [transaction]);
  const { mismatch, fix } = explanation;
  return (
    <section className="details" aria-label="Transaction details">
      <h2 ref={headingRef} tabIndex={-1}>
        {transaction.request.method} {transaction.request.url}
      </h2>
      <p className="actions">
        <CopyButton label="Copy summary" text={() => markdownSummary(transaction)} />
        {onOpenInSimulator && (
          <button type="button" onClick={() => onOpenInSimulator(transaction)}>
            Open in simulator
          </button>
        )}
      </p>
      <section aria-label="Verdict" className={`verdict outcome-${explanation.outcome}`}>
        <p className="summary">{explanation.summary}</p>
        {explanation.corsError && (
          <p>
            <code className="cors-error">{explanation.corsError}</code>
            {explanation.failedParameter ? (
              <>
                {' '}
                failed parameter <code>{explanation.failedParameter}</code>
              </>
            ) : null}
          </p>
        )}
        {explanation.firefox && (
          <p className="firefox-reason">
            Firefox:{' '}
            <a href={explanation.firefox.url} target="_blank" rel="noreferrer">
              <code>{explanation.firefox.reason}</code>
            </a>{' '}
            <span className="muted">{explanation.firefox.meaning}</span>
          </p>
        )}
        {explanation.title && <h3>{explanation.title}</h3>}
        {explanation.rootCause && <p className="root-cause">{explanation.rootCause.text}</p>}
        {mismatch && (
          <dl className="mismatch" aria-label="What the server sent and what the browser needed">
            <dt>Header</dt>
            <dd>
              <code>{mismatch.header ?? '(none)'}</code>
            </dd>
            <dt>Server sent</dt>
            <dd>
              <mark className="received">{mismatch.received ?? '(absent)'}</mark>
            </dd>
            <dt>Browser needed</dt>
            <dd>
              <mark className="needed">{mismatch.needed}</mark>
            </dd>
          </dl>
        )}
        {explanation.details.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
        {fix && fix.lines.length > 0 && <FixLines target={fix.target} lines={fix.lines.map((line) => `${line.name}: ${line.value}`)} />}
        <VerifiedFixView transaction={transaction} />
        {explanation.readableHeaders && (
          <p>
            JavaScript can read these response headers: <code>{explanation.readableHeaders.join(', ') || '(none)'}</code>
          </p>
        )}
        {explanation.notes.map((note) => (
          <p key={note} className="note">
            {note}
          </p>
        ))}
        {item.confirmation && (
          <p className={`confirmation confirmation-${item.confirmation.status}`}>
            {CONFIRMATION_LABELS[item.confirmation.status]}
            {item.confirmation.differences.length > 0 ? `: ${item.confirmation.differences.join('; ')}` : ''}
          </p>
        )}
        {explanation.links.length > 0 && (
          <p className="links">
            {explanation.links.map((link) => (
              <a key={link.url} href={link.url} target="_blank" rel="noreferrer">
                {link.title}
              </a>
            ))}
          </p>
        )}
      </section>
      {warnings.length > 0 && (
        <section aria-label="Security warnings" className="warnings">
          <h3>Security</h3>
          <ul>
            {warnings.map((warning) => (
              <li key={`${warning.kind} ${warning.response}`}>{`${warning.response === 'preflight' ? 'Preflight response' : 'Response'}: ${warning.text}`}</li>
            ))}
          </ul>
        </section>
      )}
      <SequenceDiagram diagram={diagram} />
      <NegotiationTimeline transaction={transaction} />
      <section aria-label="Why preflighted">
        <h3>{explanation.preflight.heading}</h3>
        <ul>
          {explanation.preflight.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
          {explanation.preflight.browserSet && (
            <li className="browser-set">
              <details>
                <summary>{explanation.preflight.browserSet.line}</summary>
                <code>{explanation.preflight.browserSet.names.join(', ')}</code>
              </details>
            </li>
          )}
        </ul>
      </section>
      <section aria-label="Headers">
        <h3>Headers</h3>
        {transaction.hops.map((hop, index) => (
          <div key={`${index}-${hop.url}`} className="hop">
            {transaction.hops.length > 1 && <h4>{`Hop ${index + 1}: ${hop.method} ${hop.url}`}</h4>}
            {hop.preflight && <HeaderTable title="Preflight request (OPTIONS)" headers={hop.preflight.requestHeaders} />}
            {hop.preflight?.response && (
              <HeaderTable title={`Preflight response (${hop.preflight.response.status})`} headers={hop.preflight.response.headers} />
            )}
            {hop.sentHeaders ? <HeaderTable title="Request" headers={hop.sentHeaders} /> : <p className="muted">The request was not sent.</p>}
            {hop.response && <HeaderTable title={`Response (${hop.response.status})`} headers={hop.response.headers} />}
          </div>
        ))}
      </section>
    </section>
  );
}

function FixLines({ target, lines }: { readonly target: string; readonly lines: readonly string[] }) {
  const text = lines.join('\n');
  return (
    <div className="fix" aria-label="Fix on the server">
      <p>{`Send this in the ${target}:`}</p>
      <pre>{text}</pre>
      <CopyButton label="Copy" text={() => text} />
    </div>
  );
}

function HeaderTable({ title, headers }: { readonly title: string; readonly headers: HeaderList }): ReactNode {
  return (
    <table className="headers">
      <caption>{title}</caption>
      <tbody>
        {headers.map((header, index) => (
          <tr key={`${index}-${header.name}`} className={isCorsProtocolHeader(header.name) ? 'cors-header' : undefined}>
            <th scope="row">
              {header.name}
              {isCorsProtocolHeader(header.name) && <span className="cors-mark"> CORS</span>}
            </th>
            <td>{header.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
