import { describe, expect, it } from 'vitest';
import { isForbiddenRequestHeader } from './forbiddenRequestHeader.ts';

describe('isForbiddenRequestHeader (Fetch: "forbidden request-header", Chromium list)', () => {
  it.each([
    'Accept-Charset',
    'Accept-Encoding',
    'Access-Control-Request-Headers',
    'Access-Control-Request-Method',
    'Connection',
    'Content-Length',
    'Cookie',
    'Cookie2',
    'Date',
    'DNT',
    'Expect',
    'Host',
    'Keep-Alive',
    'Origin',
    'Referer',
    'Set-Cookie',
    'TE',
    'Trailer',
    'Transfer-Encoding',
    'Upgrade',
    'Via',
    'User-Agent',
  ])('%s is forbidden', (name) => {
    expect(isForbiddenRequestHeader(name, 'x')).toBe(true);
  });

  it('forbids any Proxy- or Sec- name', () => {
    expect(isForbiddenRequestHeader('Proxy-Authorization', 'x')).toBe(true);
    expect(isForbiddenRequestHeader('Sec-Fetch-Mode', 'cors')).toBe(true);
    expect(isForbiddenRequestHeader('sec-ch-ua', 'x')).toBe(true);
  });

  it('forbids method-override headers only when they name CONNECT, TRACE or TRACK', () => {
    expect(isForbiddenRequestHeader('X-HTTP-Method-Override', 'PUT')).toBe(false);
    expect(isForbiddenRequestHeader('X-HTTP-Method-Override', 'put, Trace')).toBe(true);
    expect(isForbiddenRequestHeader('X-Method-Override', 'CONNECT')).toBe(true);
  });

  it('allows ordinary names', () => {
    expect(isForbiddenRequestHeader('Authorization', 'x')).toBe(false);
    expect(isForbiddenRequestHeader('X-Requested-With', 'x')).toBe(false);
  });
});
