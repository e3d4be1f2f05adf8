import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from './scenarios/index.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const FIREFOX_SECTION = README.slice(README.indexOf('### Where Firefox decides differently'), README.indexOf('## How we know the engine is right'));

describe('the README lists where Firefox differs', () => {
  it('names every scenario whose Firefox declaration says it differs', () => {
    const differing = SCENARIOS.filter((scenario) => scenario.firefox?.differs).map((scenario) => scenario.name);
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.filter((name) => !FIREFOX_SECTION.includes(`\`${name}\``))).toEqual([]);
  });
});
