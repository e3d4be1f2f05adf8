import { useState } from 'react';
import type { WorkerClient } from '../platform/workerClient.ts';
import { exportCapture, type ExportFormat } from './model/exportCapture.ts';
import { saveFile } from './model/saveFile.ts';

interface Props {
  readonly client: WorkerClient;
  readonly tabId: number;
  onClose(): void;
}

/** Saves the tab's capture as a trace or a HAR file; says what it left out. The file never leaves the machine. */
export function ExportDialog({ client, tabId, onClose }: Props) {
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const save = async (format: ExportFormat): Promise<void> => {
    try {
      const file = await exportCapture(client, tabId, format, includeSecrets);
      saveFile(file.fileName, file.text, file.mimeType);
      setSaid(`Saved ${file.fileName}. ${file.redacted ? `${file.redacted}.` : includeSecrets ? 'Secrets included.' : 'No secret value to leave out.'}`);
    } catch (error) {
      setSaid(`Could not export: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <div className="dialog" role="dialog" aria-label="Export">
      <h2>Export this tab's capture</h2>
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
