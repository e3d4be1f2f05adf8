import { describe, expect, it } from 'vitest';
import { isRecorderTrigger, RECORDER_TRIGGER_URL } from './recorderTrigger.ts';

describe('isRecorderTrigger', () => {
  it('is a top-level navigation to the trigger address that no page started', () => {
    expect(isRecorderTrigger({ type: 'main_frame', url: RECORDER_TRIGGER_URL })).toBe(true);
  });

  it('is nothing a web page can cause: a link, a frame, another address', () => {
    expect(isRecorderTrigger({ type: 'main_frame', url: RECORDER_TRIGGER_URL, originUrl: 'https://evil.example/' })).toBe(false);
    expect(isRecorderTrigger({ type: 'main_frame', url: RECORDER_TRIGGER_URL, initiator: 'https://evil.example' })).toBe(false);
    expect(isRecorderTrigger({ type: 'sub_frame', url: RECORDER_TRIGGER_URL })).toBe(false);
    expect(isRecorderTrigger({ type: 'main_frame', url: `${RECORDER_TRIGGER_URL}?x` })).toBe(false);
  });
});
