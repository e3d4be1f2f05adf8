// The lint that `npm test` runs (`npm run lint`): typescript-eslint's
// type-aware rules, React's rules of hooks in the panel, and the layers of
// the architecture as a rule (eslint-plugin-boundaries, from ./eslint.layers.js).
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { LAYER_ELEMENTS, LAYER_FILES, layerPolicies, TEST_FILES } from './eslint.layers.js';

/** Unit tests and their helpers (test doubles, made-up events), and the e2e specs. */
const TESTS = [...TEST_FILES, 'e2e/**/*.spec.ts'];

export default defineConfig(
  globalIgnores([
    'dist/',
    'dist-firefox/',
    'dist-cli/',
    'release/',
    'test-results/',
    'playwright-report/',
    'blob-report/',
    'out/',
    '.lab-profile/',
    // A project of its own (its own tsconfig and node_modules): packedInstall.spec.ts installs the packed cors-lens there and type-checks it.
    'e2e/packedProject/',
  ]),
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A union that gains a member (a new CorsError, a new message type) must reach every switch over it.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false }],
      // Numbers print as they should; undefined, null, objects and booleans in a message are the bugs this rule is for.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => void send()` and `onClick={() => setOpen(false)}` are how this code says "discard the result" (over a hundred of them);
      // a void expression returned from a block or used as a value is still reported.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidOperator: true }],
      // `const { omitted: _, ...rest } = value` is how this code leaves a field out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // storage.session and the worker's messages take plain objects keyed by name; deleting a key from one is what such code means.
      '@typescript-eslint/no-dynamic-delete': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // GUIDE.md: no .only/.skip in a test suite (Playwright's forbidOnly covers e2e's .only; this covers Vitest and .skip).
      'no-restricted-properties': [
        'error',
        ...['it', 'test', 'describe'].flatMap((object) =>
          ['only', 'skip', 'todo'].map((property) => ({ object, property, message: 'A suite runs every test: no .only, .skip or .todo (GUIDE.md).' })),
        ),
      ],
    },
  },
  {
    files: TESTS,
    rules: {
      // Tests read what they just made: `rows[0]!` fails the test loudly when it is missing, which is what a test wants.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Test doubles implement async interfaces with async methods that have nothing to await.
      '@typescript-eslint/require-await': 'off',
      // Vitest types its asymmetric matchers (expect.objectContaining(...) inside an expected object) as any.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs', 'eslint.*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // The lab's pages and the benchmark's no-op extension run in the browser as they are (no build).
    files: ['e2e/lab/page/**/*.js', 'bench/noop-extension/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, ...globals.serviceworker, ...globals.webextensions } },
  },
  {
    // lab.js defines corsLab for the pages that load it before their own scripts.
    files: ['e2e/lab/page/**/*.js'],
    languageOptions: { globals: { corsLab: 'readonly' } },
  },

  {
    // The panel is React: the rules of hooks, and the React Compiler's checks of what a component may do while rendering.
    files: ['src/panel/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    rules: {
      'react-hooks/exhaustive-deps': 'error',
      // It only says React Compiler would skip a component (useVirtualizer's results change every render); the panel is not compiled by it.
      'react-hooks/incompatible-library': 'off',
    },
  },

  {
    // The layers: which folder may import which (eslint.layers.js says why).
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': import.meta.dirname,
      'boundaries/elements': LAYER_ELEMENTS,
      'boundaries/files': LAYER_FILES,
    },
    rules: {
      // Every import is checked: of a package, of Node, of a file of no layer (a new folder is no way around the layers),
      // and within a layer (checkInternals: a test's helper is for tests only).
      'boundaries/dependencies': [
        'error',
        { default: 'disallow', checkAllOrigins: true, checkUnknownLocals: true, checkInternals: true, policies: layerPolicies },
      ],
    },
  },
  {
    // Every source file belongs to a layer or a harness: a new folder is added to eslint.layers.js, with what it may import.
    files: ['src/**', 'e2e/**', 'bench/**', 'scripts/**'],
    rules: { 'boundaries/no-unknown-files': 'error' },
  },
);
