/** What the panel shows before there is anything to show. */
export function EmptyState() {
  return (
    <main className="empty-state" aria-label="CORS Lens">
      <h1>CORS Lens</h1>
      <p>
        This panel will list every cross-origin request of the inspected page, each preflight paired with the request it
        guards, and explain in Chromium's own terms why a request was blocked.
      </p>
      <p>
        Until live capture lands, explain a HAR file with <code>npx cors-lens explain FILE.har</code>, or run the lab
        with <code>npm start</code>.
      </p>
    </main>
  );
}
