import { useMemo } from 'react';
import { negotiationTimeline, type TimelineStep } from '../core/explain/negotiationTimeline.ts';
import type { Transaction } from '../core/pairing/transaction.ts';
import { clockTime, countdown, duration } from './model/formatTime.ts';
import { useNow } from './model/useNow.ts';

const KIND_LABELS: Readonly<Record<TimelineStep['kind'], string>> = {
  preflight: 'Preflight',
  'cache-hit': 'Cache hit',
  request: 'Request',
  redirect: 'Redirect',
};

/** The negotiation on a time axis: each step's bar, duration and outcome; a cache hit shows its entry instead of a preflight. */
export function NegotiationTimeline({ transaction }: { readonly transaction: Transaction }) {
  const timeline = useMemo(() => negotiationTimeline(transaction), [transaction]);
  const now = useNow();
  const span = Math.max(1, timeline.end - timeline.start);
  return (
    <section aria-label="Negotiation timeline">
      <h3>Timeline</h3>
      <ol className="timeline">
        {timeline.steps.map((step, index) => {
          const left = ((step.start - timeline.start) / span) * 100;
          const width = step.end === null ? 100 - left : ((step.end - step.start) / span) * 100;
          return (
            <li key={`${index}-${step.kind}`} className={`step step-${step.kind}`}>
              <span className="step-kind">{KIND_LABELS[step.kind]}</span>
              <span className="step-label" title={step.label}>
                {step.label}
              </span>
              <span className="step-bar" aria-hidden="true">
                <span style={{ left: `${left}%`, width: `max(${width}%, 2px)` }} />
              </span>
              <span className="step-time">{step.end === null ? 'open' : duration(step.end - step.start)}</span>
              <span className="step-outcome">{step.outcome}</span>
              {step.cacheEntry && (
                <span className="step-entry">
                  {`Entry stored at ${clockTime(step.cacheEntry.storedAt)}, expires at ${clockTime(step.cacheEntry.expiresAt)} (${countdown(step.cacheEntry.expiresAt, now)})`}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
