import { describe, expect, it } from 'vitest';
import { extractMimeTypeEssence } from './mimeType.ts';

describe("extractMimeTypeEssence (Chromium's Content-Type reading)", () => {
  it.each([
    ['text/plain', 'text/plain'],
    ['Text/Plain;charset=UTF-8', 'text/plain'],
    ['  text/plain', 'text/plain'],
    ['text/plain  ; a=b', 'text/plain'],
    ['multipart/form-data; boundary=x', 'multipart/form-data'],
    ['application/vnd.api+json', 'application/vnd.api+json'],
  ])('%s has essence %s', (value, essence) => {
    expect(extractMimeTypeEssence(value)).toBe(essence);
  });

  it.each(['text', 'text/', '/plain', 'text /plain', 'text/ plain', 'text/plain, text/html', 'a/b/c', ''])('%s does not parse', (value) => {
    expect(extractMimeTypeEssence(value)).toBeNull();
  });
});
