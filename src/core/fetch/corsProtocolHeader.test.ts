import { describe, expect, it } from 'vitest';
import { isCorsProtocolHeader } from './corsProtocolHeader.ts';

describe('isCorsProtocolHeader', () => {
  it('marks Origin, Access-Control-*, Vary and Sec-Fetch-*, in any case', () => {
    for (const name of ['Origin', 'Access-Control-Request-Method', 'access-control-allow-origin', 'ACCESS-CONTROL-MAX-AGE', 'Vary', 'Sec-Fetch-Mode']) {
      expect(isCorsProtocolHeader(name), name).toBe(true);
    }
  });

  it('leaves other headers unmarked, those that merely contain the words too', () => {
    for (const name of ['Content-Type', 'Referer', 'X-Origin', 'X-Access-Control-Allow-Origin', 'sec-ch-ua', 'Cookie']) {
      expect(isCorsProtocolHeader(name), name).toBe(false);
    }
  });
});
