import { describe, expect, it } from 'vitest';
import { API, PAGE, preflightedPut } from '../core/explain/testTransactions.ts';
import { failureReport, isCorsFailure } from './corsFailures.ts';

describe('failureReport', () => {
  it("names the request, Chromium's CorsError, the header at fault, the preflight and the verified header lines to send", () => {
    const put = preflightedPut('x-custom', 204, [
      ['Access-Control-Allow-Origin', PAGE],
      ['Access-Control-Allow-Methods', 'PUT'],
    ]);
    expect(isCorsFailure(put)).toBe(true);
    const report = failureReport([put], 3);
    expect(report).toMatch(/^The browser blocked 1 of the 3 cross-origin requests of the page \(CORS: /);
    expect(report).toContain(`1) PUT ${API}\n   Chromium's CORS error: HeaderDisallowedByPreflightResponse (failed parameter: "x-custom")`);
    expect(report).toContain('Access-Control-Allow-Headers: the server sent nothing; the browser needed x-custom');
    expect(report).toContain(
      'Preflight: sent (OPTIONS asking for method PUT, headers x-custom), answered 204; needed because the method PUT is not GET, HEAD or POST; the page sets x-custom',
    );
    // The capture cannot show credentials: the lines for a request without them first, then those for one with them.
    expect(report).toContain(`   The server must send, in its preflight response to OPTIONS ${API}:\n     Access-Control-Allow-Headers: x-custom\n`);
    expect(report).toContain(
      `   If the page sends cookies or HTTP authentication (credentials: 'include'), the server must send instead, in its preflight response to OPTIONS ${API}:\n`,
    );
    expect(report).toMatch(/instead, in its preflight response[^\n]*\n( {5}[^\n]+\n)* {5}Access-Control-Allow-Credentials: true\n/);
  });

  it('never passes on a control character from the network (a header value could rewrite a terminal)', () => {
    const hostile = '\u001b[2J\u001b]0;pwned\u0007\r\nX-Injected: 1';
    const put = preflightedPut('x-custom', 204, [['Access-Control-Allow-Origin', `${PAGE}${hostile}`]]);
    const report = failureReport([put], 1);
    expect(report).toContain("The browser blocked the page's only cross-origin request");
    expect(report).toContain('\\u001b[2J');
    // No control character (Unicode's Cc) but the newline reaches the report.
    expect(report).not.toMatch(/(?!\n)\p{Cc}/u);
    expect(report).not.toMatch(/^X-Injected/m);
  });
});
