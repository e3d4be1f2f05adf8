import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownSummary } from './markdownSummary.ts';
import { API, context, judged, PAGE, preflightedPut } from './testTransactions.ts';

const preflightRefused = (allowOrigin: string) =>
  preflightedPut('x-trace', 204, [
    ['Access-Control-Allow-Origin', allowOrigin],
    ['Access-Control-Allow-Methods', 'PUT'],
    ['Access-Control-Allow-Headers', 'x-trace'],
  ]);

describe('markdownSummary', () => {
  it('gives the request, the preflight, the verdict, the failing header and the fix', () => {
    const text = markdownSummary(preflightRefused('http://other.test'));
    expect(text).toContain('### CORS: `PUT http://api.test/items` blocked (PreflightAllowOriginMismatch)');
    expect(text).toContain('- **Preflight:** sent, answered 204; asked `Access-Control-Request-Method: PUT`, `Access-Control-Request-Headers: x-trace`');
    expect(text).toContain("- **Chromium's error:** `PreflightAllowOriginMismatch`, failed parameter `http://other.test`");
    expect(text).toContain('- **Failing header:** `Access-Control-Allow-Origin`: the server sent `http://other.test`, the browser needed `http://app.test`');
    expect(text).toMatch(/- \*\*Fix:\*\* send this in the preflight response:\n\n```http\nAccess-Control-Allow-Origin: http:\/\/app.test\n/);
  });

  it('lists only the Access-Control-Request-* headers the preflight carried', () => {
    const transaction = preflightRefused('http://other.test');
    const hop = transaction.hops[0]!;
    const withoutHeaders = {
      ...transaction,
      hops: [
        {
          ...hop,
          preflight: { ...hop.preflight!, requestHeaders: hop.preflight!.requestHeaders.filter((header) => header.name !== 'Access-Control-Request-Headers') },
        },
      ],
    };
    const text = markdownSummary(withoutHeaders);
    expect(text).toContain('asked `Access-Control-Request-Method: PUT`\n');
    expect(text).not.toContain('null');
  });

  it('says why a simple request needed no preflight, the headers the browser set in one item', () => {
    const get = judged([
      { type: 'started', id: 'get', time: 0, url: API, method: 'GET', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest', context },
      {
        type: 'sent',
        id: 'get',
        time: 1,
        headers: [
          { name: 'Origin', value: PAGE },
          { name: 'Sec-Fetch-Mode', value: 'cors' },
          { name: 'User-Agent', value: 'Mozilla/5.0' },
        ],
      },
      { type: 'response', id: 'get', time: 2, status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] },
      { type: 'completed', id: 'get', time: 3 },
    ]);
    expect(markdownSummary(get)).toContain(
      '- **Why:** a simple request: no preflight needed; GET is a safelisted method; 3 headers set by the browser (origin, sec-fetch-mode, user-agent)\n',
    );
  });

  it('keeps any header value inside its code span: backticks, line breaks and markup change nothing around it', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('`', '\n', '*', '<', 'a', ' ', '#'), maxLength: 20 }), (value) => {
        const text = markdownSummary(preflightRefused(`http://x.test/${value}`));
        const failing = text.split('\n').find((line) => line.startsWith('- **Failing header:**')) ?? '';
        // The line's own structure survives: it still ends with the value the browser needed.
        expect(failing.endsWith('the browser needed `http://app.test`')).toBe(true);
        expect(text.split('\n').filter((line) => line.startsWith('- **'))).toHaveLength(7);
      }),
    );
  });
});
