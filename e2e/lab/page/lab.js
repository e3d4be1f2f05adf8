// The lab page's only job: make the requests a scenario declares, exactly as
// declared, and report what the page itself saw. CORS decisions are read
// from the browser (CDP) by the test, never from here.
'use strict';

/**
 * @param {object} spec a LabRequest with `url` resolved by the caller
 * @returns {Promise<{outcome: 'ok' | 'error', status?: number, type?: string, error?: string}>}
 */
async function runLabRequest(spec) {
  if (spec.via === 'xhr') return runXhr(spec);
  /** @type {RequestInit} */
  const init = { method: spec.method, headers: spec.headers || [] };
  if (spec.mode) init.mode = spec.mode;
  if (spec.credentials) init.credentials = spec.credentials;
  if (spec.redirect) init.redirect = spec.redirect;
  if (spec.cache) init.cache = spec.cache;
  if (spec.targetAddressSpace) init.targetAddressSpace = spec.targetAddressSpace;
  const body = buildBody(spec);
  if (body !== undefined) init.body = body;
  try {
    const response = await fetch(spec.url, init);
    await response.arrayBuffer().catch(() => undefined);
    return { outcome: 'ok', status: response.status, type: response.type };
  } catch (error) {
    return { outcome: 'error', error: String(error) };
  }
}

function buildBody(spec) {
  if (spec.body === undefined) return undefined;
  switch (spec.bodyKind) {
    case 'urlencoded': return new URLSearchParams(spec.body);
    case 'formdata': {
      const form = new FormData();
      form.append('field', spec.body);
      return form;
    }
    case 'blob': return new Blob([spec.body], { type: spec.blobType || '' });
    default: return spec.body;
  }
}

function runXhr(spec) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(spec.method, spec.url);
    xhr.withCredentials = spec.credentials === 'include';
    // A listener on the upload sets the use-CORS-preflight flag: the request
    // is preflighted even when its method and headers are simple.
    if (spec.uploadListener) xhr.upload.addEventListener('progress', () => undefined);
    for (const [name, value] of spec.headers || []) xhr.setRequestHeader(name, value);
    xhr.onload = () => resolve({ outcome: 'ok', status: xhr.status, type: 'cors' });
    xhr.onerror = () => resolve({ outcome: 'error', error: 'XMLHttpRequest network error' });
    xhr.send(buildBody(spec) ?? null);
  });
}

/** Result cells of the scenario table, by scenario name (filled in by renderIndex). */
const resultCells = new Map();

/**
 * Runs a request where the scenario says: in this page, in its dedicated
 * worker, or in one of its iframes (same-origin, from the frame origin,
 * sandboxed, or a data: URL: the last two have opaque origins).
 * The worker and the frames start with the page and live as long as it does,
 * as an app's would: a debugger attached after the page loaded (the
 * extension's "Confirm with Chromium") sees every request they make.
 */
async function runFrom(spec, origins) {
  if (!spec.context) return runLabRequest(spec);
  const contexts = await labContexts(origins.frame);
  const target = {
    worker: contexts.worker,
    iframe: contexts.frame,
    'cross-origin-iframe': contexts.crossOriginFrame,
    'sandboxed-iframe': contexts.sandboxedFrame,
    'data-iframe': contexts.dataFrame,
  }[spec.context];
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    target.post(spec, channel.port2);
  });
}

let contextsStarted;

/** The page's worker and frames, started once. */
function labContexts(frameOrigin) {
  if (!contextsStarted) {
    const worker = new Worker('/lab/worker.js');
    const frames = [startFrame(location.origin), startFrame(frameOrigin), startSandboxedFrame(), startDataFrame()];
    contextsStarted = Promise.all(frames).then(([frame, crossOriginFrame, sandboxedFrame, dataFrame]) => ({
      worker: { post: (spec, port) => worker.postMessage(spec, [port]) },
      frame,
      crossOriginFrame,
      sandboxedFrame,
      dataFrame,
    }));
  }
  return contextsStarted;
}

function startFrame(origin) {
  return addFrame(`lab frame (${origin})`, origin, (frame) => {
    frame.src = `${origin}/lab/frame.html`;
  });
}

// Without allow-same-origin the frame's origin is opaque: its requests say
// Origin: null, and only "*" or "null" lets them through.
function startSandboxedFrame() {
  return addFrame('lab frame (sandboxed)', '*', (frame) => {
    frame.sandbox.add('allow-scripts');
    frame.src = `${location.origin}/lab/frame.html`;
  });
}

// A data: URL document has an opaque origin too; it loads the lab's script from the page's origin.
function startDataFrame() {
  const html = `<!doctype html><script src="${location.origin}/lab/lab.js"></script><script src="${location.origin}/lab/frame.js"></script>`;
  return addFrame('lab frame (data: URL)', '*', (frame) => {
    frame.src = `data:text/html,${encodeURIComponent(html)}`;
  });
}

function addFrame(title, targetOrigin, configure) {
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.hidden = true;
    frame.title = title;
    frame.onload = () => resolve({ post: (spec, port) => frame.contentWindow.postMessage(spec, targetOrigin, [port]) });
    configure(frame);
    document.body.append(frame);
  });
}

/** Runs a scenario's requests one after the other, or all at once when `parallel`, and shows the outcome. */
async function runScenario(name, requests, origins, parallel) {
  const specs = requests.map((request) => {
    const base = request.target === 'page' ? origins.page : origins.api;
    return { ...request, url: request.url || `${base}/s/${name}${request.path || '/'}` };
  });
  const run = (spec) => runFrom(spec, origins);
  let results;
  if (parallel) results = await Promise.all(specs.map(run));
  else {
    results = [];
    for (const spec of specs) results.push(await run(spec));
  }
  showResult(name, results);
  return results;
}

// Text only: nothing from a response ever becomes markup.
function showResult(name, outcomes) {
  const cell = resultCells.get(name);
  if (!cell) return;
  cell.textContent = outcomes.map((o) => (o.outcome === 'ok' ? `${o.status} ${o.type}` : o.error)).join('\n');
  cell.className = `result ${outcomes.every((o) => o.outcome === 'ok') ? 'ok' : 'error'}`;
}

globalThis.corsLab = { runLabRequest, runScenario };

// The interactive page: a row per scenario, a button to run each. (This
// script also runs in the lab's worker and frames, which have no list.)
(async function renderIndex() {
  const list = globalThis.document?.getElementById('scenarios');
  if (!list) return;
  const { page, api, frame, scenarios } = await (await fetch('/lab/scenarios.json')).json();
  // The worker and frames belong to the lab page (the public pages of the
  // Local Network Access scenarios make requests from their main frame only).
  // With ?contexts=on-demand they start when a scenario first needs them: see
  // e2e/support/devtoolsPanel.ts for why the tests in DevTools ask for that.
  const onDemand = new URLSearchParams(location.search).get('contexts') === 'on-demand';
  if (location.origin === page && !onDemand) await labContexts(frame);
  document.body.dataset.labReady = 'true';
  document.getElementById('page-origin').textContent = location.origin;
  document.getElementById('api-origin').textContent = api;
  const rows = scenarios.map((scenario) => {
    const row = document.createElement('tr');
    const name = document.createElement('td');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = scenario.name;
    name.append(button);
    const title = document.createElement('td');
    title.textContent = scenario.source ? `${scenario.title} (${scenario.source})` : scenario.title;
    const count = document.createElement('td');
    count.textContent = String(scenario.requests.length);
    const result = document.createElement('td');
    result.className = 'result';
    row.append(name, title, count, result);
    list.append(row);
    resultCells.set(scenario.name, result);
    const run = async () => {
      result.textContent = 'running…';
      await runScenario(scenario.name, scenario.requests, { page, api, frame }, scenario.parallel);
    };
    button.addEventListener('click', run);
    return run;
  });
  const runAll = async (which) => {
    for (const [index, run] of rows.entries()) if (which(scenarios[index])) await run();
  };
  document.getElementById('run-all').addEventListener('click', () => runAll((scenario) => !scenario.from));
  // ?run=all, or ?run=name,name: run on load (what `cors-lens record` and
  // `npm start` open). "all" means the scenarios made from this page.
  const wanted = new URLSearchParams(location.search).get('run');
  if (wanted) {
    const names = new Set(wanted.split(','));
    await runAll((scenario) => (wanted === 'all' ? !scenario.from : names.has(scenario.name)));
    document.body.dataset.labDone = 'true';
  }
})();
