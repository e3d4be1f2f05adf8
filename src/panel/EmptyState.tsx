/** What the panel shows before there is anything to show. */
export function EmptyState() {
  return (
    <main className="empty-state" aria-label="CORS Lens">
      <h1>CORS Lens</h1>
      <p>
        CORS Lens captures every cross-origin request of this tab, pairs each preflight with the request it guards, and
        judges it in Chromium's own terms. The list of this tab's requests, their timeline and the preflight cache come to
        this panel next.
      </p>
      <p>
        Meanwhile, record any page with <code>npx cors-lens record URL</code>, or explain a HAR file with{' '}
        <code>npx cors-lens explain FILE.har</code>.
      </p>
    </main>
  );
}
