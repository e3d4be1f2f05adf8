/** Where `npm run lab` serves the CORS lab (e2e/lab/serve.ts). */
const LAB_URL = 'http://127.0.0.1:4780/';

/** What the panel shows before this tab made any cross-origin request. */
export function EmptyState({ onOpenSimulator }: { readonly onOpenSimulator: () => void }) {
  return (
    <main className="empty-state" aria-label="CORS Lens">
      <h1>CORS Lens</h1>
      <p>
        No cross-origin request from this tab yet. Use the page, or reload it: each CORS request appears here with the preflight that guarded it, whether
        Chromium blocked it and why, in Chromium's own terms, and the header to change on the server.
      </p>
      <p>
        New to preflights?{' '}
        <button type="button" className="button" onClick={onOpenSimulator}>
          Open the preflight simulator
        </button>{' '}
        and play a request against a server of your making, rule by rule, with the preflight cache on a clock.
      </p>
      <p>
        To see it at work, start the CORS lab with <code>npm run lab</code> in the CORS Lens folder, then{' '}
        <a className="button" href={LAB_URL} target="_blank" rel="noreferrer">
          open the CORS lab
        </a>
        : each of its scenarios makes a request that Chromium allows or blocks for one reason.
      </p>
      <p>
        You can also record any page from a terminal with <code>npx cors-lens record URL</code>, or explain a HAR file with{' '}
        <code>npx cors-lens explain FILE.har</code>.
      </p>
    </main>
  );
}
