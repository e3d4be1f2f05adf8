// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedGet, PAGE, preflightedPut, sequenced } from './model/testItems.ts';
import { TransactionDetails } from './TransactionDetails.tsx';

afterEach(cleanup);

const show = (events: Parameters<typeof sequenced>[0]) => render(<TransactionDetails item={sequenced(events)[0]!} />);
const region = (name: string) => within(screen.getByRole('region', { name: 'Transaction details' })).getByRole('region', { name });

describe('TransactionDetails', () => {
  it("a blocked preflight: Chromium's CorsError, the failing header with what was sent and needed, and the fix", () => {
    show(preflightedPut('put', 0, []));
    const verdict = region('Verdict');
    expect(verdict.querySelector('code.cors-error')?.textContent).toBe('PreflightMissingAllowOriginHeader');
    const mismatch = verdict.querySelector('dl[aria-label="What the server sent and what the browser needed"]') as HTMLElement;
    expect(
      within(mismatch)
        .getAllByRole('term')
        .map((cell) => cell.textContent),
    ).toEqual(['Header', 'Server sent', 'Browser needed']);
    expect(
      within(mismatch)
        .getAllByRole('definition')
        .map((cell) => cell.textContent),
    ).toEqual(['Access-Control-Allow-Origin', '(absent)', PAGE]);
    const fix = within(verdict).getByLabelText('Fix on the server');
    expect(fix.textContent).toContain('Send this in the preflight response:');
    expect(fix.querySelector('pre')?.textContent).toMatch(new RegExp(`^Access-Control-Allow-Origin: ${PAGE}\\n`));
    expect(region('Why preflighted').querySelector('h3')?.textContent).toBe('Why it was preflighted');
  });

  it("why no preflight was needed: the page's own headers one by one, those the browser set in one line that opens", () => {
    show(allowedGet('get', 0));
    const why = region('Why preflighted');
    expect(why.querySelector('h3')?.textContent).toBe('Why no preflight was needed');
    const items = within(why).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('summary')?.textContent ?? item.textContent)).toEqual([
      'a simple request: no preflight needed',
      'GET is a safelisted method',
      '4 headers set by the browser (origin, sec-fetch-mode, sec-fetch-site, …)',
    ]);
    expect(items.at(-1)?.querySelector('details code')?.textContent).toBe('origin, sec-fetch-mode, sec-fetch-site, user-agent');
  });

  it('marks the headers the CORS protocol reads or writes in the header tables', () => {
    show(allowedGet('get', 0));
    const headers = region('Headers');
    expect(within(headers).getByRole('rowheader', { name: 'Origin CORS' })).toBeTruthy();
    expect(within(headers).getByRole('rowheader', { name: 'Access-Control-Allow-Origin CORS' })).toBeTruthy();
    expect(within(headers).getByRole('rowheader', { name: 'User-Agent' })).toBeTruthy();
  });
});
