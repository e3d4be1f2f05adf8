import { describe, expect, it } from 'vitest';
import { createChromiumReports } from './chromiumReports.ts';

const API = 'http://api.test/items';

describe('createChromiumReports', () => {
  it('links a preflight announced before its request', () => {
    const reports = createChromiumReports();
    reports.handle('Network.requestWillBeSent', {
      requestId: 'p',
      request: { url: API, method: 'OPTIONS' },
      initiator: { type: 'preflight', requestId: '1.1' },
    });
    reports.handle('Network.requestWillBeSent', { requestId: '1.1', request: { url: API, method: 'PUT' }, wallTime: 10, initiator: { type: 'script' } });
    expect(reports.candidates('PUT', API)).toEqual([expect.objectContaining({ preflightSent: true, startTime: 10_000 })]);
  });

  it('keeps a redirected request under its first URL', () => {
    const reports = createChromiumReports();
    reports.handle('Network.requestWillBeSent', { requestId: '1.1', request: { url: API, method: 'GET' }, initiator: { type: 'script' } });
    reports.handle('Network.requestWillBeSent', {
      requestId: '1.1',
      request: { url: 'http://api.test/moved', method: 'GET' },
      redirectResponse: { status: 302 },
      initiator: { type: 'script' },
    });
    expect(reports.candidates('GET', API)).toHaveLength(1);
    expect(reports.candidates('GET', 'http://api.test/moved')).toEqual([]);
  });

  it('takes the first failure Chromium reports (a CORS error, then an abort)', () => {
    const reports = createChromiumReports();
    reports.handle('Network.requestWillBeSent', { requestId: '1.1', request: { url: API, method: 'GET' }, initiator: { type: 'script' } });
    reports.handle('Network.loadingFailed', {
      requestId: '1.1',
      errorText: 'net::ERR_FAILED',
      corsErrorStatus: { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
    });
    reports.handle('Network.loadingFailed', { requestId: '1.1', errorText: 'net::ERR_ABORTED' });
    expect(reports.candidates('GET', API)[0]).toMatchObject({
      ended: true,
      corsError: { corsError: 'MissingAllowOriginHeader' },
      errorText: 'net::ERR_FAILED',
    });
  });

  it('stays bounded: the oldest reports go first', () => {
    const reports = createChromiumReports();
    for (let index = 0; index < 6_000; index++)
      reports.handle('Network.requestWillBeSent', {
        requestId: String(index),
        request: { url: `${API}/${index}`, method: 'GET' },
        initiator: { type: 'script' },
      });
    expect(reports.size()).toBe(5_000);
    expect(reports.candidates('GET', `${API}/0`)).toEqual([]);
    expect(reports.candidates('GET', `${API}/5999`)).toHaveLength(1);
  });
});

describe('createChromiumReports, across sessions', () => {
  it("keeps a worker's request apart from the page's with the same id, and links the preflight to the open one", () => {
    const reports = createChromiumReports();
    // The page's 10th request, long finished, and the worker's own 10th.
    reports.handle('Network.requestWillBeSent', { requestId: '77.10', request: { url: `${API}/page`, method: 'GET' }, initiator: { type: 'script' } });
    reports.handle('Network.loadingFinished', { requestId: '77.10' });
    reports.handle(
      'Network.requestWillBeSent',
      { requestId: '77.10', request: { url: `${API}/worker`, method: 'PUT' }, initiator: { type: 'script' } },
      'worker',
    );
    reports.handle('Network.requestWillBeSent', {
      requestId: 'GUID',
      request: { url: `${API}/worker`, method: 'OPTIONS' },
      initiator: { type: 'preflight', requestId: '77.10' },
    });
    reports.handle('Network.loadingFinished', { requestId: '77.10' }, 'worker');
    expect(reports.candidates('PUT', `${API}/worker`)).toEqual([expect.objectContaining({ sessionId: 'worker', preflightSent: true, ended: true })]);
    expect(reports.candidates('GET', `${API}/page`)).toEqual([expect.objectContaining({ preflightSent: false, ended: true })]);
  });
});
