// The architecture's layers (GUIDE.md) as eslint-plugin-boundaries policies:
// which folder may import which, and which packages. Whatever no policy
// allows is an error, and so is a source file in a folder of no layer.
// src/core/tsconfig.json keeps the DOM, Node and extension globals out of
// core's type-check; these policies keep their imports out
// (webextension-polyfill, react, node:*). scripts/lintLayers.test.ts checks
// that they hold.

/** Each folder of src/ is a layer; the lab, e2e, bench and scripts are the harnesses around them. */
export const LAYER_ELEMENTS = ['core', 'platform', 'background', 'devtools', 'panel', 'record', 'cli', 'playwright']
  .map((layer) => ({ type: layer, pattern: `src/${layer}`, partialMatch: false }))
  .concat([
    // The CORS lab: scenarios as data, their server and pages (e2e/lab/).
    { type: 'lab', pattern: 'e2e/lab', partialMatch: false },
    { type: 'e2e', pattern: 'e2e', partialMatch: false },
    { type: 'bench', pattern: 'bench', partialMatch: false },
    { type: 'scripts', pattern: 'scripts', partialMatch: false },
  ]);

/**
 * Tests, and their helpers: the modules named test<Something> beside them
 * (made-up events, test doubles of the worker or of chrome.storage, a
 * viewport for happy-dom), which only tests import.
 */
export const TEST_FILES = ['**/*.test.{ts,tsx}', 'src/**/test[A-Z]*.{ts,tsx}'];
export const LAYER_FILES = [{ category: 'test', pattern: TEST_FILES }];

const layer = (type) => ({ element: { type } });
const packages = (...source) => ({ module: { origin: 'external', source } });
const NODE = { module: { origin: 'core' } };
const ANY_PACKAGE = [{ module: { origin: 'external' } }, NODE];
const REACT = ['react', 'react-dom', 'react-dom/*', '@tanstack/react-virtual'];
/** The layers that run inside the extension: only the browser reaches them. */
const EXTENSION = ['background', 'devtools', 'panel', 'record', 'platform'];

const from = (type, ...to) => ({ from: layer(type), allow: { to } });

export const layerPolicies = [
  // The engine: pure TypeScript, nothing but itself and its three parsing/validation packages.
  from('core', layer('core'), packages('zod', 'jsonc-parser', 'har-format')),
  // Browser glue over the extension APIs, shared by the extension's pages.
  from('platform', layer('platform'), layer('core'), packages('webextension-polyfill')),
  // The thin layers: each imports core and platform, never another layer.
  from('background', layer('background'), layer('core'), layer('platform'), packages('webextension-polyfill')),
  from('devtools', layer('devtools'), layer('core'), layer('platform'), packages('webextension-polyfill')),
  from('panel', layer('panel'), layer('core'), layer('platform'), packages('webextension-polyfill', ...REACT)),
  from('record', layer('record'), layer('core'), layer('platform'), packages('webextension-polyfill')),
  from('cli', layer('cli'), layer('core'), layer('platform'), NODE, packages('commander', 'playwright-core', 'puppeteer-core')),
  from('playwright', layer('playwright'), layer('core'), NODE, packages('@playwright/test')),

  // Tests and their helpers may use, beyond what their layer may: the test
  // runners and Node, the lab's scenarios, the benchmark's generated captures
  // (bench/events.ts) and the build scripts. Never another layer's modules.
  {
    from: { file: { categories: 'test' } },
    allow: { to: [...ANY_PACKAGE, layer('lab'), { element: { type: 'bench' }, file: { path: 'bench/events.ts' } }, layer('scripts')] },
  },

  // The lab serves scenarios the engine also replays: core, and Node.
  from('lab', layer('lab'), layer('core'), NODE),
  // e2e drives the built extension through real browsers: it may use the CLI's
  // launchers, cors-lens/playwright and the lab, never the extension's own modules.
  {
    from: layer('e2e'),
    allow: { to: [...ANY_PACKAGE, { element: { type: `!{${EXTENSION.join(',')}}` } }] },
  },
  // The benchmarks time each layer's code directly; the build scripts build
  // everything, from files of no layer too (manifest.json).
  { from: { element: { type: '{bench,scripts}' } }, allow: { to: [...ANY_PACKAGE, { element: { type: '*' } }, { element: { isUnknown: true } }] } },

  // Last, so that it overrides every allow above: what only tests use stays
  // out of what ships (and out of the benchmarks' timings).
  // (A file of no category is matched by its path: a category selector matches no such file.)
  { from: { file: { path: `!{${TEST_FILES.join(',')}}` } }, disallow: { to: { file: { categories: 'test' } } } },
];
