import type { LogProblem } from './model/transactionLog.ts';

/**
 * Says why the panel shows nothing new from the extension's background. A
 * panel and a background of different protocol versions (the extension was
 * updated or reloaded while DevTools stayed open) cannot talk at all: say
 * how to recover, as React DevTools does.
 */
export function WorkerProblemBanner({ problem }: { readonly problem: LogProblem }) {
  return (
    <p role="alert" className="banner problem">
      {problem.kind === 'protocol-mismatch'
        ? "This panel and the extension's background speak different versions of CORS Lens, so the panel cannot show this tab's requests. Reload the extension on the browser's extensions page, then close and reopen DevTools."
        : `The extension's background did not answer: ${problem.message}`}
    </p>
  );
}
