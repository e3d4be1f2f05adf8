import type { RecordingState } from '../../core/protocol.ts';
import { clockTime } from './formatTime.ts';
import type { RecordingRefusal } from './panelState.ts';

/**
 * What the live list can hold, in the mode the worker records in; null until
 * both the worker's state and the tab's recording start are known.
 */
export function recordingNoteText(recording: RecordingState | null, since: number | null): string | null {
  if (!recording || since === null) return null;
  if (recording.allTabsSince !== null) {
    const setting = recording.recordFromBrowserStart ? ' (Record from browser start is on)' : '';
    return `Recording every tab since ${clockTime(recording.allTabsSince)}${setting}: preflights other tabs made are seen too.`;
  }
  return `Recording this tab since ${clockTime(since)}, while this panel is open. Requests made before are not listed, and a preflight cache entry made before cannot be known.`;
}

/** Why "Record from browser start" did not change: the worker's reason (a storage error, no answer). */
export function recordingRefusedText(refusal: RecordingRefusal | null): string | null {
  if (!refusal) return null;
  const reason = refusal.reason.trim() || "the extension's background gave no reason";
  return `"Record from browser start" was not turned ${refusal.on ? 'on' : 'off'}: ${reason}`;
}
