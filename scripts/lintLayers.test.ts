import { ESLint } from 'eslint';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// The project's own eslint.config.js, run on snippets that are never written
// to disk: only its layer rules (type-aware rules need files their project
// holds), so a change that stops them from holding fails here.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [{ files: ['**/*.{ts,tsx}'], ...tseslint.configs.disableTypeChecked }],
  ruleFilter: ({ ruleId }) => ruleId.startsWith('boundaries/'),
});

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  // An import of a file that does not exist is not resolved, and no policy applies to it: a snippet must name real files.
  for (const [, relative] of code.matchAll(/['"](\.\.?\/[^'"]+)['"]/g)) expect(existsSync(join(ROOT, dirname(filePath), relative ?? '')), relative).toBe(true);
  const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
  if (!result) throw new Error(`ESLint gave no result for ${filePath}`);
  // A snippet that does not parse would have no layer error: it must fail here instead.
  expect(result.messages.filter((message) => message.fatal)).toEqual([]);
  return result.messages.map((message) => `${message.ruleId ?? 'parser'}: ${message.message}`);
}

describe('the layer rule (eslint.layers.js)', () => {
  it.each([
    ['src/core/probe.ts', "import { Panel } from '../panel/Panel.tsx';", /from elements of type "core" to elements of type "panel"/],
    ['src/core/probe.ts', "import { connectToWorker } from '../platform/workerClient.ts';", /from elements of type "core" to elements of type "platform"/],
    ['src/core/probe.ts', "import browser from 'webextension-polyfill';", /from elements of type "core" to .* module source "webextension-polyfill"/],
    ['src/core/probe.ts', "import { readFileSync } from 'node:fs';", /from elements of type "core" to .* module source "node:fs"/],
    [
      'src/panel/probe.ts',
      "import { createSessionStore } from '../background/sessionStore.ts';",
      /from elements of type "panel" to elements of type "background"/,
    ],
    ['src/cli/probe.ts', "import '../record/record.ts';", /from elements of type "cli" to elements of type "record"/],
    [
      'src/panel/model/probe.test.ts',
      "import { createSessionStore } from '../../background/sessionStore.ts';",
      /from file of category "test" belonging to elements of type "panel" to elements of type "background"/,
    ],
    // The recorder page is a protocol client: it no longer reads the worker's storage itself.
    [
      'src/record/record.ts',
      "import { tabStorageKey } from '../background/sessionStore.ts';",
      /from elements of type "record" to elements of type "background"/,
    ],
    // A test's helper is a test: it may not reach into another layer either.
    [
      'src/panel/model/testProbe.ts',
      "import { createSessionStore } from '../../background/sessionStore.ts';",
      /from file of category "test" belonging to elements of type "panel" to elements of type "background"/,
    ],
    // What only tests use stays out of what ships.
    [
      'src/panel/probe.ts',
      "import { allowedGet } from './model/testItems.ts';",
      /to file of category "test" are not allowed in file of path "src\/panel\/probe.ts"/,
    ],
    [
      'bench/probe.ts',
      "import { simpleGet } from '../src/core/session/testEvents.ts';",
      /to file of category "test" are not allowed in file of path "bench\/probe.ts"/,
    ],
    [
      'e2e/probe.spec.ts',
      "import { createSessionStore } from '../src/background/sessionStore.ts';",
      /from elements of type "e2e" to elements of type "background"/,
    ],
    // A file of no layer is no way around them.
    ['src/core/probe.ts', "import manifest from '../../manifest.json';", /from elements of type "core" to entities of module with origin "local"/],
  ])('refuses, in %s: %s', async (filePath, code, error) => {
    const errors = await layerErrors(filePath, `${code}\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^boundaries\/dependencies: /);
    expect(errors[0]).toMatch(error);
  });

  it('refuses a source file in a folder that is no layer', async () => {
    expect(await layerErrors('src/shared/probe.ts', 'export const shared = 1;\n')).toEqual([
      'boundaries/no-unknown-files: File does not match any file pattern and does not belong to any known element',
    ]);
  });

  it.each([
    [
      'src/panel/probe.ts',
      "import { PROTOCOL_VERSION } from '../core/protocol.ts';\nimport { connectToWorker } from '../platform/workerClient.ts';\nimport { useState } from 'react';",
    ],
    ['src/core/probe.ts', "import { z } from 'zod';\nimport { PROTOCOL_VERSION } from './protocol.ts';"],
    [
      'src/core/probe.test.ts',
      "import { readFileSync } from 'node:fs';\nimport { describe } from 'vitest';\nimport { SCENARIOS } from '../../e2e/lab/scenarios/index.ts';",
    ],
    ['src/cli/probe.ts', "import { GECKO_ID } from '../platform/geckoId.ts';\nimport { readFile } from 'node:fs/promises';"],
    // A test's helper may use the test runner, and its layer's own test helpers.
    ['src/panel/testProbe.ts', "import { beforeAll } from 'vitest';\nimport { allowedGet } from './model/testItems.ts';"],
    ['src/panel/model/probe.test.ts', "import { summaryOf } from '../../platform/testWorkerPorts.ts';\nimport { allowedGet } from './testItems.ts';"],
  ])('allows, in %s: %s', async (filePath, code) => {
    expect(await layerErrors(filePath, `${code}\n`)).toEqual([]);
  });
});
