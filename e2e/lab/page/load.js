// Makes `n` cross-origin requests at once: 7 in 10 simple GETs, 3 in 10 PUTs
// with a custom header (each to its own URL, so each is preflighted), then
// records how long after navigation start the last one settled.
'use strict';
(async function load() {
  const params = new URLSearchParams(location.search);
  const count = Number(params.get('n') ?? '1000');
  const api = params.get('api');
  const requests = Array.from({ length: count }, (_, index) =>
    index % 10 < 7
      ? fetch(`${api}/s/bench-load/?n=${index}`).then((response) => response.text())
      : fetch(`${api}/s/bench-load/put?n=${index}`, { method: 'PUT', headers: { 'X-Bench': String(index) }, body: 'x' }).then((response) => response.text()),
  );
  const results = await Promise.allSettled(requests);
  const failed = results.filter((result) => result.status === 'rejected').length;
  globalThis.loadResult = { ms: performance.now(), failed };
  document.getElementById('state').textContent = `done: ${count} requests, ${failed} failed`;
})();
