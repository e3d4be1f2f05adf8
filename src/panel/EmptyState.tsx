/** What the panel shows before this tab made any cross-origin request. */
export function EmptyState() {
  return (
    <main className="empty-state" aria-label="CORS Lens">
      <h1>CORS Lens</h1>
      <p>
        No cross-origin request from this tab yet. Use the page, or reload it: each CORS request appears here with the
        preflight that guarded it, whether Chromium blocked it and why, in Chromium's own terms, and the header to change on
        the server.
      </p>
      <p>
        You can also record any page from a terminal with <code>npx cors-lens record URL</code>, or explain a HAR file with{' '}
        <code>npx cors-lens explain FILE.har</code>.
      </p>
    </main>
  );
}
