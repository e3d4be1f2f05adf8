// An iframe of the lab page (same-origin, cross-origin, sandboxed or a data:
// URL): makes one request each time the page asks, and answers on the port
// that came with the question.
'use strict';
addEventListener('message', async (event) => {
  if (event.source !== parent || !event.ports[0]) return;
  event.ports[0].postMessage(await corsLab.runLabRequest(event.data));
});
