import type { ServerPolicy, Simulation, SimulatedRequest } from './simulation.ts';

/** A ready-made simulation, named after where the situation comes from. */
export interface SimulationPreset {
  readonly id: string;
  readonly name: string;
  /** Where this situation is seen: a public report, a documentation example, a well-known pattern. */
  readonly source: { readonly title: string; readonly url?: string };
  /** What the learner should notice. */
  readonly lesson: string;
  readonly simulation: Simulation;
}

const PAGE = 'https://app.example';

function request(overrides: Partial<SimulatedRequest>): SimulatedRequest {
  return {
    pageOrigin: PAGE,
    url: 'https://api.example/items/1',
    method: 'GET',
    headers: [],
    body: 'none',
    mode: 'cors',
    credentials: 'same-origin',
    redirect: 'follow',
    ...overrides,
  };
}

function policy(overrides: Partial<ServerPolicy>): ServerPolicy {
  return {
    kind: 'policy',
    allowOrigin: { kind: 'list', origins: [PAGE] },
    allowMethods: '',
    allowHeaders: '',
    exposeHeaders: '',
    allowCredentials: false,
    maxAge: '',
    preflightStatus: 204,
    responseStatus: 200,
    redirect: null,
    ...overrides,
  };
}

function simulation(req: Partial<SimulatedRequest>, server: Partial<ServerPolicy>): Simulation {
  return { request: request(req), server: policy(server), sends: [0], clock: 0 };
}

export const SIMULATION_PRESETS: readonly SimulationPreset[] = [
  {
    id: 'object-store-403',
    name: 'Object store: PUT with x-oss-test, preflight answered 403',
    source: { title: 'ali-sdk/ali-oss issue #531 (upload refused at the preflight)', url: 'https://github.com/ali-sdk/ali-oss/issues/531' },
    lesson:
      'A bucket with no CORS rule for the page answers the preflight 403 without Access-Control-Allow-Origin: Chromium names the missing header, not the status, because it checks the origin first.',
    simulation: simulation(
      { url: 'https://bucket.oss.example/uploads/photo.jpg', method: 'PUT', headers: [{ name: 'x-oss-test', value: '1' }], body: 'text' },
      { allowOrigin: { kind: 'none' }, preflightStatus: 403, responseStatus: 403 },
    ),
  },
  {
    id: 'delete-x-requested-with-max-age',
    name: 'DELETE with X-Requested-With and Max-Age 86400',
    source: { title: "jQuery's X-Requested-With header, and the one-day Max-Age many servers send" },
    lesson:
      'The server asks for a day; Chromium keeps the result 2 hours (7200 s), Firefox a day. Send again within the lifetime: no preflight. Advance the clock past 7200 s: a fresh one.',
    simulation: simulation(
      { method: 'DELETE', headers: [{ name: 'X-Requested-With', value: 'XMLHttpRequest' }] },
      { allowMethods: 'GET, POST, DELETE', allowHeaders: 'X-Requested-With', maxAge: '86400' },
    ),
  },
  {
    id: 'messaging-json-post',
    name: 'Messaging webhook: POST with Content-Type: application/json',
    source: { title: 'Chat incoming-webhook integrations called from a web page' },
    lesson:
      'application/json is not a safelisted Content-Type: the POST is preflighted, and a server that lists no allowed headers refuses it. text/plain would not be preflighted.',
    simulation: simulation(
      { url: 'https://hooks.chat.example/services/T000/B000', method: 'POST', headers: [{ name: 'Content-Type', value: 'application/json' }], body: 'text' },
      { allowOrigin: { kind: 'any' }, allowMethods: 'POST' },
    ),
  },
  {
    id: 'delete-with-credentials',
    name: 'DELETE with credentials',
    source: { title: 'Fetch Standard: CORS protocol and credentials', url: 'https://fetch.spec.whatwg.org/#cors-protocol-and-credentials' },
    lesson:
      'With credentials: "include", the preflight must also say Access-Control-Allow-Credentials: true, even though the preflight itself carries no cookies.',
    simulation: simulation({ method: 'DELETE', credentials: 'include' }, { allowOrigin: { kind: 'echo' }, allowMethods: 'DELETE' }),
  },
  {
    id: 'put-with-dnt',
    name: 'PUT with DNT',
    source: { title: 'Pages that copy the Do Not Track header onto their API calls' },
    lesson:
      'DNT is a forbidden request header: fetch() drops it silently, so it never reaches Access-Control-Request-Headers and the server need not allow it. The PUT is preflighted for its method alone.',
    simulation: simulation(
      {
        method: 'PUT',
        headers: [
          { name: 'DNT', value: '1' },
          { name: 'Content-Type', value: 'text/plain' },
        ],
        body: 'text',
      },
      { allowMethods: 'PUT', allowHeaders: 'Content-Type' },
    ),
  },
  {
    id: 'allow-origin-without-scheme',
    name: 'Access-Control-Allow-Origin: example.com (no scheme)',
    source: {
      title: 'MDN: CORS header Access-Control-Allow-Origin does not match',
      url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSAllowOriginNotMatchingOrigin',
    },
    lesson: 'An origin is scheme, host and port: a bare host name never matches, and Chromium reports it as an invalid value.',
    simulation: simulation({ pageOrigin: 'https://example.com', url: 'https://api.example/items/1' }, { allowOrigin: { kind: 'exact', value: 'example.com' } }),
  },
  {
    id: 'allow-origin-null',
    name: 'Access-Control-Allow-Origin: null',
    source: { title: 'Fetch Standard: Access-Control-Allow-Origin', url: 'https://fetch.spec.whatwg.org/#http-access-control-allow-origin' },
    lesson:
      '"null" matches only an opaque origin (a sandboxed frame, a file: page, a tainted redirect): an ordinary page is refused, and allowing null lets any sandboxed page in.',
    simulation: simulation({}, { allowOrigin: { kind: 'null' } }),
  },
  {
    id: 'wildcard-with-credentials',
    name: '* with credentials',
    source: {
      title: "MDN: Credential is not supported if the CORS header 'Access-Control-Allow-Origin' is '*'",
      url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSNotSupportingCredentials',
    },
    lesson: 'A credentialed request needs its own origin echoed back: * is refused even with Access-Control-Allow-Credentials: true.',
    simulation: simulation({ credentials: 'include' }, { allowOrigin: { kind: 'any' }, allowCredentials: true }),
  },
  {
    id: 'simple-get',
    name: 'Simple GET: no preflight',
    source: { title: 'Fetch Standard: CORS-safelisted method and request-header', url: 'https://fetch.spec.whatwg.org/#cors-safelisted-method' },
    lesson:
      'GET with only safelisted headers goes straight out; the response alone must allow the origin, and script reads only safelisted or exposed headers.',
    simulation: simulation({ headers: [{ name: 'Accept', value: 'application/json' }] }, { exposeHeaders: 'X-Total-Count' }),
  },
];

export function presetById(id: string): SimulationPreset | undefined {
  return SIMULATION_PRESETS.find((preset) => preset.id === id);
}

/** The preset a simulation still is (same request and server), if any: its lesson applies. */
export function presetOf(simulation: Simulation): SimulationPreset | undefined {
  return SIMULATION_PRESETS.find((preset) => sameData(preset.simulation.request, simulation.request) && sameData(preset.simulation.server, simulation.server));
}

function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Where the simulator starts: the simple GET that needs no preflight. */
export const FIRST_SIMULATION: Simulation = (presetById('simple-get') as SimulationPreset).simulation;
