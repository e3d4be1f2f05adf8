import type { SimulationStep } from '../../core/simulator/simulationStep.ts';

const STATUS_LABELS = { passed: 'passed', failed: 'failed', info: '', 'not-reached': 'not reached' } as const;

/** The negotiation, one Fetch rule a step; the failing check carries Chromium's code. */
export function StepList({ steps }: { readonly steps: readonly SimulationStep[] }) {
  const failing = steps.find((step) => step.status === 'failed');
  return (
    <ol className="sim-steps" aria-label="Negotiation steps">
      {steps.map((step) => (
        <li key={step.id} className={`sim-step sim-${step.status}`} aria-current={step === failing ? 'step' : undefined}>
          <div className="sim-step-head">
            {STATUS_LABELS[step.status] && <span className="sim-status">{STATUS_LABELS[step.status]}</span>}
            <span className="sim-title">{step.title}</span>
            {step.corsError && <code className="cors-error">{step.corsError}</code>}
            <a className="sim-rule" href={step.rule.url} target="_blank" rel="noreferrer">
              {step.rule.title}
            </a>
          </div>
          {step.details.map((detail, index) => (
            <p key={index} className="sim-detail">
              {detail}
            </p>
          ))}
          {step.lines && <pre className="sim-lines">{step.lines.join('\n')}</pre>}
        </li>
      ))}
    </ol>
  );
}
