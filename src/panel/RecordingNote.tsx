import type { RecordingState } from '../core/protocol.ts';
import { clockTime } from './model/formatTime.ts';

interface Props {
  readonly recording: RecordingState | null;
  /** When recording of this tab began (the session says); the note waits for it. */
  readonly since: number | null;
}

/** What this panel's list can hold, in the mode the worker records in. */
export function RecordingNote({ recording, since }: Props) {
  if (!recording || since === null) return null;
  const text =
    recording.allTabsSince !== null
      ? `Recording every tab since ${clockTime(recording.allTabsSince)}${recording.recordFromBrowserStart ? ' (Record from browser start is on)' : ''}: preflights other tabs made are seen too.`
      : `Recording this tab since ${clockTime(since)}, while this panel is open. Requests made before are not listed, and a preflight cache entry made before cannot be known.`;
  return <p className="banner recording-note">{text}</p>;
}
