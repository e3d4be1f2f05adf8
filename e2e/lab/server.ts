import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HeaderLine, ResponsePlan, Route, Scenario } from './scenario.ts';

const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));

/** Requests the lab server saw for one scenario. */
export interface ScenarioCounts {
  options: number;
  other: number;
}

/**
 * Where a scenario's page runs: the lab page, one Chromium counts as public
 * (Local Network Access), or the lab's page opened from a file: URL (an
 * opaque origin, as when a beginner double-clicks an HTML file).
 */
export type PageKind = 'page' | 'public-page' | 'insecure-public-page' | 'file-page';

/** The host name Chromium maps to 127.0.0.1 for the non-secure public page. */
export const INSECURE_HOST = 'lna-insecure.test';

interface LabOrigins {
  page: string;
  api: string;
  frame: string;
}

export interface Lab {
  /** http://127.0.0.1:PORT: where the lab page lives. */
  readonly pageOrigin: string;
  /** http://localhost:PORT: the cross-origin API. */
  readonly apiOrigin: string;
  /** http://[::1]:PORT: the lab page's server under another site, for cross-origin iframes. */
  readonly frameOrigin: string;
  /** The page origin of each kind: the lab page, a secure public page, a non-secure public page, "null" for the file: page. */
  readonly pageOrigins: Readonly<Record<PageKind, string>>;
  /** The address each kind of page opens at. */
  readonly pageUrls: Readonly<Record<PageKind, string>>;
  /** The URL of `path` under a scenario on the given origin. */
  scenarioUrl(scenario: string, path?: string, target?: 'api' | 'page'): string;
  /** Chromium flags the lab needs (its public-page origins for Local Network Access). */
  readonly chromiumArgs: readonly string[];
  counts(scenario: string): ScenarioCounts;
  /** Resolves when a request with this method reaches the scenario (at once if one already did). */
  arrived(scenario: string, method: string): Promise<void>;
  /** Sends the held answers of a scenario (see ResponsePlan.hold). */
  release(scenario: string): void;
  /** Serves one more scenario from now on (a test's variant of a declared one). */
  addScenario(scenario: Scenario): void;
  close(): Promise<void>;
}

/**
 * Starts the CORS lab: two HTTP servers on loopback with ephemeral ports, a
 * page origin (127.0.0.1) and an API origin (localhost), both answering
 * /s/<scenario>/<path> from the scenario's declared routes and counting
 * what they receive. The page origin also serves the lab page.
 */
export interface LabOptions {
  /** The page origin's port; the API and the public pages take the next three. Ephemeral ports when absent (tests). */
  readonly firstPort?: number;
}

export async function startLab(scenarios: readonly Scenario[], options: LabOptions = {}): Promise<Lab> {
  const byName = new Map(scenarios.map((scenario) => [scenario.name, scenario]));
  const counts = new Map<string, ScenarioCounts>();
  const origins: LabOrigins = { page: '', api: '', frame: '' };
  const seen = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  const held = new Map<string, (() => void)[]>();
  const note = (scenario: string, method: string): void => {
    const key = `${scenario} ${method}`;
    seen.add(key);
    for (const resolve of waiting.get(key) ?? []) resolve();
    waiting.delete(key);
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://lab.invalid');
    if (url.pathname === '/' || url.pathname.startsWith('/lab/')) {
      void servePage(url.pathname, response, scenarios, origins);
      return;
    }
    const match = /^\/s\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const scenario = match ? byName.get(match[1] ?? '') : undefined;
    if (!match || !scenario) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such scenario');
      return;
    }
    const isPreflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    const tally = counts.get(scenario.name) ?? { options: 0, other: 0 };
    counts.set(scenario.name, tally);
    if (request.method === 'OPTIONS') tally.options++;
    else tally.other++;
    const route: Route | undefined = scenario.routes[(match[2] ?? '/') + url.search] ?? scenario.routes[match[2] ?? '/'];
    const plan = route && (isPreflight ? route.preflight : route.actual);
    note(scenario.name, request.method ?? '');
    // Drain the body so keep-alive connections stay usable.
    request.resume();
    request.on('end', () => {
      const send = (): void => answer(response, plan ?? { status: 404 }, request, scenario.name, origins);
      if (plan?.hold) held.set(scenario.name, [...(held.get(scenario.name) ?? []), send]);
      else send();
    });
  };

  const at = (offset: number): number => (options.firstPort === undefined ? 0 : options.firstPort + offset);
  const page = await listen(handle, at(0));
  const api = await listen(handle, at(1));
  // Two more page origins that Chromium is told to count as public, so their
  // requests to the loopback API meet Local Network Access: 127.0.0.1 is a
  // secure context, the mapped host name is not.
  const publicPage = await listen(handle, at(2));
  const insecurePublicPage = await listen(handle, at(3));
  origins.page = `http://127.0.0.1:${port(page)}`;
  origins.api = `http://localhost:${port(api)}`;
  // The page server again, under another host: another site for the lab's cross-origin iframes.
  origins.frame = `http://[::1]:${port(page)}`;
  const pageOrigins: Record<PageKind, string> = {
    page: origins.page,
    'public-page': `http://127.0.0.1:${port(publicPage)}`,
    'insecure-public-page': `http://${INSECURE_HOST}:${port(insecurePublicPage)}`,
    // A file: URL's origin is opaque: its requests carry Origin: null.
    'file-page': 'null',
  };
  const pageUrls: Record<PageKind, string> = {
    page: `${pageOrigins.page}/`,
    'public-page': `${pageOrigins['public-page']}/`,
    'insecure-public-page': `${pageOrigins['insecure-public-page']}/`,
    'file-page': pathToFileURL(`${PAGE_DIR}file.html`).href,
  };
  return {
    pageOrigin: origins.page,
    apiOrigin: origins.api,
    frameOrigin: origins.frame,
    pageOrigins,
    pageUrls,
    chromiumArgs: [
      `--ip-address-space-overrides=127.0.0.1:${port(publicPage)}=public,127.0.0.1:${port(insecurePublicPage)}=public`,
      `--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`,
    ],
    scenarioUrl: (scenario, path = '/', target = 'api') => `${target === 'api' ? origins.api : origins.page}/s/${scenario}${path}`,
    counts: (scenario) => ({ ...(counts.get(scenario) ?? { options: 0, other: 0 }) }),
    arrived: (scenario, method) => {
      const key = `${scenario} ${method}`;
      if (seen.has(key)) return Promise.resolve();
      return new Promise((resolve) => waiting.set(key, [...(waiting.get(key) ?? []), resolve]));
    },
    addScenario: (scenario) => {
      byName.set(scenario.name, scenario);
    },
    release: (scenario) => {
      for (const send of held.get(scenario) ?? []) send();
      held.delete(scenario);
    },
    close: async () => {
      await Promise.all([page, api, publicPage, insecurePublicPage].map(close));
    },
  };
}

function answer(response: ServerResponse, plan: ResponsePlan, request: IncomingMessage, scenario: string, origins: LabOrigins): void {
  const values: Record<string, string> = {
    origin: request.headers.origin ?? '',
    acrm: request.headers['access-control-request-method'] ?? '',
    acrh: request.headers['access-control-request-headers'] ?? '',
    page: origins.page,
    api: origins.api,
    base: `${origins.api}/s/${scenario}`,
    apiHost: new URL(origins.api).host,
    pageBase: `${origins.page}/s/${scenario}`,
    frameBase: `${origins.frame}/s/${scenario}`,
  };
  // Raw header lines, so a scenario can send the same header twice.
  const lines: string[] = [];
  for (const [name, value] of plan.headers ?? []) {
    lines.push(
      name,
      value.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole),
    );
  }
  lines.push('Content-Type', 'text/plain', 'Cache-Control', 'no-store');
  response.writeHead(plan.status, lines);
  response.end(plan.body ?? (plan.status === 204 || plan.status === 304 ? undefined : `lab:${scenario}`));
}

async function servePage(pathname: string, response: ServerResponse, scenarios: readonly Scenario[], origins: LabOrigins): Promise<void> {
  if (pathname === '/lab/scenarios.json') {
    const summary = scenarios.map(({ name, title, source, requests, parallel, from }) => ({ name, title, source, requests, parallel, from }));
    // The page opened from a file (an opaque origin) reads it too.
    response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify({ ...origins, scenarios: summary }));
    return;
  }
  const file = pathname === '/' ? 'index.html' : pathname.slice('/lab/'.length);
  if (!/^[\w.-]+$/.test(file)) {
    response.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(PAGE_DIR + file);
    const type = file.endsWith('.html')
      ? 'text/html'
      : file.endsWith('.js')
        ? 'text/javascript'
        : file.endsWith('.css')
          ? 'text/css'
          : 'application/octet-stream';
    response.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(body);
  } catch {
    response.writeHead(404).end();
  }
}

/** One lab origin's port, served on both loopback addresses and nowhere else. */
interface LoopbackListener {
  readonly port: number;
  readonly servers: readonly Server[];
}

const PORT_ATTEMPTS = 10;

/**
 * Listens on 127.0.0.1 and [::1] with one port, so http://localhost works
 * whichever address Chromium tries first, and nothing outside this machine
 * reaches the lab. With an ephemeral port, another one is tried when the
 * IPv6 side of the first is taken.
 */
async function listen(handler: (request: IncomingMessage, response: ServerResponse) => void, portNumber: number): Promise<LoopbackListener> {
  for (let attempt = 1; ; attempt++) {
    const v4 = await listenOn(handler, '127.0.0.1', portNumber);
    const port = (v4.address() as AddressInfo).port;
    try {
      return { port, servers: [v4, await listenOn(handler, '::1', port)] };
    } catch (error) {
      await closeServer(v4);
      if (portNumber !== 0 || attempt >= PORT_ATTEMPTS || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

function listenOn(handler: (request: IncomingMessage, response: ServerResponse) => void, host: string, portNumber: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.keepAliveTimeout = 1000;
    server.once('error', reject);
    server.listen({ host, port: portNumber, ipv6Only: host === '::1' }, () => resolve(server));
  });
}

function port(listener: LoopbackListener): number {
  return listener.port;
}

async function close(listener: LoopbackListener): Promise<void> {
  await Promise.all(listener.servers.map(closeServer));
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export type { HeaderLine };
