import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from './scenarios/index.ts';

const DOC = readFileSync(new URL('../../docs/how-we-know.md', import.meta.url), 'utf8');
const START = DOC.indexOf('## Where Firefox decides differently');
const END = DOC.indexOf('\n## ', START + 1);
const FIREFOX_SECTION = DOC.slice(START, END);

describe('docs/how-we-know.md lists where Firefox differs', () => {
  it('names every scenario whose Firefox declaration says it differs', () => {
    expect(START).toBeGreaterThanOrEqual(0);
    expect(END).toBeGreaterThan(START);
    const differing = SCENARIOS.filter((scenario) => scenario.firefox?.differs).map((scenario) => scenario.name);
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.filter((name) => !FIREFOX_SECTION.includes(`\`${name}\``))).toEqual([]);
  });
});
