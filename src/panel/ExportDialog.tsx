import { useState } from 'react';
import { exportCapture, type ExportFormat, type ExportSource } from './model/exportCapture.ts';
import { saveFile } from './model/saveFile.ts';

interface Props {
  readonly source: ExportSource;
  readonly onClose: () => void;
}

/** Saves the tab's capture, or the imported file shown, as a trace or a HAR file; says what it left out. The file never leaves the machine. */
export function ExportDialog({ source, onClose }: Props) {
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const save = async (format: ExportFormat): Promise<void> => {
    // A large capture takes a second or two to write (off the panel's thread): say so meanwhile.
    setSaid('Writing the file…');
    try {
      const file = await exportCapture(source, format, includeSecrets, Date.now());
      saveFile(file.fileName, file.parts, file.mimeType);
      setSaid(`Saved ${file.fileName}. ${file.redacted ? `${file.redacted}.` : includeSecrets ? 'Secrets included.' : 'No secret value to leave out.'}`);
    } catch (error) {
      setSaid(`Could not export: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <div className="dialog" role="dialog" aria-label="Export">
      <h2>{source.kind === 'tab' ? "Export this tab's capture" : `Export the imported ${source.capture.name}, as CORS Lens judged it`}</h2>
      <label>
        <input type="checkbox" checked={includeSecrets} onChange={(event) => setIncludeSecrets(event.target.checked)} /> Include secrets (Cookie, Set-Cookie,
        Authorization and Proxy-Authorization values, and query values named like token, key, secret, password, sig or session)
      </label>
      <p>
        <button type="button" onClick={() => void save('trace')}>
          Save trace (JSON)
        </button>{' '}
        <button type="button" onClick={() => void save('har')}>
          Save HAR
        </button>{' '}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </p>
      {said && <p role="status">{said}</p>}
    </div>
  );
}
