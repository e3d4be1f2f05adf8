import { useMemo, useState } from 'react';
import type { PreflightCacheEntry } from '../../core/cache/preflightCache.ts';
import { corsErrorOf, failedParameterOf } from '../../core/cors/verdictFacts.ts';
import { compareBrowsers } from '../../core/simulator/compareBrowsers.ts';
import { sendDiagramInput } from '../../core/diagram/diagramInput.ts';
import { diagramUpTo, withSteps } from '../../core/diagram/diagramSteps.ts';
import { negotiationDiagram } from '../../core/diagram/negotiationDiagram.ts';
import { playSimulation } from '../../core/simulator/playSimulation.ts';
import { PREFLIGHT_STATUS_LABELS } from '../../core/explain/preflightStatusLabel.ts';
import { BrowserComparisonView } from './BrowserComparisonView.tsx';
import { presetById, presetOf, SIMULATION_PRESETS, type SimulationPreset } from '../../core/simulator/presets.ts';
import { MAX_CLOCK_SECONDS, MAX_SENDS, type ServerAnswers, type Simulation } from '../../core/simulator/simulation.ts';
import { simulationFragment } from '../../core/simulator/simulationLink.ts';
import { clock } from '../../core/simulator/simulationStep.ts';
import { simulationSteps } from '../../core/simulator/simulationSteps.ts';
import { simulationTrace, simulationTransactions } from '../../core/simulator/simulationTrace.ts';
import { CopyButton } from '../CopyButton.tsx';
import { SequenceDiagram } from '../SequenceDiagram.tsx';
import { VerifiedFixView } from '../VerifiedFixView.tsx';
import { saveFile } from '../model/saveFile.ts';
import { RequestEditor } from './RequestEditor.tsx';
import { ServerAnswersEditor } from './ServerAnswersEditor.tsx';
import { ServerPolicyEditor } from './ServerPolicyEditor.tsx';
import { StepList } from './StepList.tsx';

interface Props {
  readonly simulation: Simulation;
  readonly onChange: (simulation: Simulation) => void;
  /** Set when a captured transaction was opened: its answers, to show what the edits changed. */
  readonly baseline?: ServerAnswers | null;
  /** What the capture could not show, when a transaction was opened. */
  readonly notes?: readonly string[];
  /** Where the shared link points: the standalone simulator page. */
  readonly pageUrl: string;
  /** The wall clock, for the exported trace's date only. */
  readonly now: () => number;
}

const CLOCK_STEPS: readonly [string, number][] = [
  ['+10 s', 10],
  ['+1 min', 60],
  ['+10 min', 600],
  ['+1 h', 3600],
  ['+2 h', 7200],
  ['+1 day', 86_400],
];

/**
 * The preflight simulator: compose a request and a server, then watch the
 * negotiation rule by rule, send again on a clock to see the preflight
 * cache serve and expire. Every decision comes from the engine.
 */
export function SimulatorView({ simulation, onChange, baseline = null, notes = [], pageUrl, now }: Props) {
  const run = useMemo(() => playSimulation(simulation), [simulation]);
  const comparisons = useMemo(() => compareBrowsers(simulation), [simulation]);
  const preset = useMemo(() => presetOf(simulation), [simulation]);
  const [shownSend, setShownSend] = useState<number | null>(null);
  // Stepping through: how many steps are shown (null: all of them).
  const [revealed, setRevealed] = useState<number | null>(null);
  const sendIndex = Math.min(shownSend ?? run.sends.length - 1, run.sends.length - 1);
  const send = run.sends[sendIndex];
  const steps = useMemo(() => (send ? simulationSteps(send) : []), [send]);
  const diagram = useMemo(() => (send ? withSteps(negotiationDiagram(sendDiagramInput(send), { time: clock }), steps) : null), [send, steps]);
  // Stepping through draws the diagram as far as the steps shown.
  const shownDiagram = useMemo(
    () => diagram && diagramUpTo(diagram, revealed === null ? null : new Set(steps.slice(0, revealed).map((step) => step.id))),
    [diagram, steps, revealed],
  );
  // The shown send as a capture would hold it: what the panel's verified fix works on.
  const blockedTransaction = useMemo(() => (send?.verdict.outcome === 'blocked' ? simulationTransactions(run)[sendIndex] : undefined), [run, send, sendIndex]);
  const link = `${pageUrl}#${simulationFragment(simulation)}`;
  const sendAgain = (): void => {
    setShownSend(null);
    onChange({ ...simulation, sends: [...simulation.sends, simulation.clock].slice(-MAX_SENDS) });
  };

  return (
    <div className="simulator">
      <section className="simulator-compose" aria-label="Compose">
        <label className="preset">
          Preset
          <select
            value={preset?.id ?? ''}
            onChange={(event) => {
              const chosen = presetById(event.target.value);
              if (!chosen) return;
              setShownSend(null);
              onChange(chosen.simulation);
            }}
          >
            <option value="">{preset ? 'Choose a situation…' : 'Your own simulation'}</option>
            {SIMULATION_PRESETS.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.name}
              </option>
            ))}
          </select>
        </label>
        {preset && <PresetLesson preset={preset} />}
        {notes.length > 0 && (
          <ul className="what-if-notes" aria-label="What the capture could not show">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
        <RequestEditor request={simulation.request} onChange={(request) => onChange({ ...simulation, request })} />
        {simulation.server.kind === 'policy' ? (
          <ServerPolicyEditor policy={simulation.server} onChange={(server) => onChange({ ...simulation, server })} />
        ) : (
          <ServerAnswersEditor answers={simulation.server} baseline={baseline} onChange={(server) => onChange({ ...simulation, server })} />
        )}
      </section>
      <section className="simulator-play" aria-label="Negotiation">
        <div className="sim-controls" role="group" aria-label="Clock">
          <span className="sim-clock" aria-live="polite">{`Clock: ${clock(simulation.clock * 1000)}`}</span>
          {CLOCK_STEPS.map(([label, seconds]) => (
            <button key={label} type="button" onClick={() => onChange({ ...simulation, clock: Math.min(simulation.clock + seconds, MAX_CLOCK_SECONDS) })}>
              {label}
            </button>
          ))}
          <button type="button" className="primary" onClick={sendAgain}>
            Send again
          </button>
          <button
            type="button"
            onClick={() => {
              setShownSend(null);
              onChange({ ...simulation, sends: [0], clock: 0 });
            }}
          >
            Start over
          </button>
        </div>
        <ol className="sim-sends" aria-label="Sends">
          {run.sends.map((each, index) => (
            <li key={index}>
              <button type="button" aria-pressed={index === sendIndex} onClick={() => setShownSend(index)}>
                {`Send ${index + 1} at ${clock(each.at)}: ${each.verdict.outcome === 'blocked' ? `blocked (${corsErrorOf(each.verdict) ?? ''})` : each.verdict.outcome}, preflight ${PREFLIGHT_STATUS_LABELS[each.verdict.preflight]}`}
              </button>
            </li>
          ))}
        </ol>
        {send && (
          <p className={`sim-verdict ${send.verdict.outcome === 'blocked' ? 'bad' : 'good'}`} role="status" aria-label="Verdict">
            {send.verdict.outcome === 'blocked'
              ? `Blocked: ${corsErrorOf(send.verdict) ?? ''}`
              : send.verdict.outcome === 'allowed'
                ? 'Allowed'
                : `Outcome: ${send.verdict.outcome}`}
            {failedParameterOf(send.verdict) ? ` (failed parameter ${failedParameterOf(send.verdict)})` : ''}
          </p>
        )}
        {comparisons[sendIndex] && <BrowserComparisonView comparison={comparisons[sendIndex]} />}
        <div className="sim-stepper" role="group" aria-label="Step through">
          {revealed === null ? (
            <button type="button" onClick={() => setRevealed(1)}>
              Step through
            </button>
          ) : (
            <>
              <button type="button" disabled={revealed <= 1} onClick={() => setRevealed(Math.max(1, revealed - 1))}>
                Previous step
              </button>
              <button type="button" disabled={revealed >= steps.length} onClick={() => setRevealed(Math.min(steps.length, revealed + 1))}>
                Next step
              </button>
              <span aria-live="polite">{`Step ${Math.min(revealed, steps.length)} of ${steps.length}`}</span>
              <button type="button" onClick={() => setRevealed(null)}>
                Show all
              </button>
            </>
          )}
        </div>
        {shownDiagram && send && <SequenceDiagram diagram={shownDiagram} caption={`Send ${sendIndex + 1} at ${clock(send.at)}`} />}
        <StepList steps={revealed === null ? steps : steps.slice(0, revealed)} />
        {blockedTransaction && <VerifiedFixView transaction={blockedTransaction} />}
        <CacheAtClock entries={run.cache} clockSeconds={simulation.clock} />
        <div className="sim-share">
          <label>
            Link to this simulation
            <input readOnly value={link} onFocus={(event) => event.target.select()} />
          </label>
          <CopyButton label="Copy link" text={() => link} />
          <button
            type="button"
            onClick={() =>
              saveFile(`cors-lens-simulation-${now()}.trace.json`, [`${JSON.stringify(simulationTrace(run, now()), null, 2)}\n`], 'application/json')
            }
          >
            Export as trace
          </button>
        </div>
      </section>
    </div>
  );
}

function PresetLesson({ preset }: { readonly preset: SimulationPreset }) {
  return (
    <p className="lesson">
      {preset.lesson}{' '}
      <span className="muted">
        {'Source: '}
        {preset.source.url ? (
          <a href={preset.source.url} target="_blank" rel="noreferrer">
            {preset.source.title}
          </a>
        ) : (
          preset.source.title
        )}
      </span>
    </p>
  );
}

function CacheAtClock({ entries, clockSeconds }: { readonly entries: readonly PreflightCacheEntry[]; readonly clockSeconds: number }) {
  return (
    <section className="sim-cache" aria-label="Preflight cache at the clock">
      <h3>{`Preflight cache at ${clock(clockSeconds * 1000)}`}</h3>
      {entries.length === 0 ? (
        <p className="muted">No live entry: the next send that needs a preflight sends one.</p>
      ) : (
        <ul>
          {entries.map((entry) => (
            <li key={`${entry.key.origin} ${entry.key.url}`}>
              {`${entry.key.origin} → ${entry.key.url}: stored at ${clock(entry.storedAt)}, expires at ${clock(entry.expiresAt)} (in ${Math.round(entry.expiresAt / 1000 - clockSeconds)} s); methods ${entry.result.methods.join(', ') || '(safelisted)'}, headers ${entry.result.headers.join(', ') || '(safelisted)'}${entry.result.credentials ? ', with credentials' : ''}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
