/** What this panel's list can hold, in the mode the worker records in (recordingNoteText). */
export function RecordingNote({ text }: { readonly text: string }) {
  return <p className="banner recording-note">{text}</p>;
}
