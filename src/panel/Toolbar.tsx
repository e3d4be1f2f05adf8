import type { RowFilter } from './model/rowFilter.ts';

interface Props {
  readonly filter: RowFilter;
  readonly origins: readonly string[];
  readonly preserveLog: boolean;
  /** Null until the worker has said. */
  readonly recordFromBrowserStart: boolean | null;
  readonly shown: number;
  readonly total: number;
  readonly onFilter: (filter: RowFilter) => void;
  readonly onClear: () => void;
  readonly onPreserveLog: (on: boolean) => void;
  readonly onRecordFromBrowserStart: (on: boolean) => void;
  readonly onImport: () => void;
  readonly onExport: () => void;
}

/** Clear, preserve log and the filters, as in the Network panel's toolbar. */
export function Toolbar({
  filter,
  origins,
  preserveLog,
  recordFromBrowserStart,
  shown,
  total,
  onFilter,
  onClear,
  onPreserveLog,
  onRecordFromBrowserStart,
  onImport,
  onExport,
}: Props) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Transactions">
      <button type="button" onClick={onClear}>
        Clear
      </button>
      <label>
        <input type="checkbox" checked={preserveLog} onChange={(event) => onPreserveLog(event.target.checked)} /> Preserve log
      </label>
      <label title={RECORD_FROM_BROWSER_START}>
        <input
          type="checkbox"
          checked={recordFromBrowserStart ?? false}
          disabled={recordFromBrowserStart === null}
          onChange={(event) => onRecordFromBrowserStart(event.target.checked)}
        />{' '}
        Record from browser start
      </label>
      <button type="button" onClick={onImport}>
        Import…
      </button>
      <button type="button" onClick={onExport}>
        Export…
      </button>
      <span className="separator" />
      <input
        type="search"
        placeholder="Filter URL"
        aria-label="Filter by URL"
        value={filter.text}
        onChange={(event) => onFilter({ ...filter, text: event.target.value })}
      />
      <label>
        <input type="checkbox" checked={filter.blockedOnly} onChange={(event) => onFilter({ ...filter, blockedOnly: event.target.checked })} /> Blocked only
      </label>
      <label>
        <input type="checkbox" checked={filter.preflightedOnly} onChange={(event) => onFilter({ ...filter, preflightedOnly: event.target.checked })} />{' '}
        Preflighted only
      </label>
      <select aria-label="Target origin" value={filter.targetOrigin} onChange={(event) => onFilter({ ...filter, targetOrigin: event.target.value })}>
        <option value="">All origins</option>
        {origins.map((origin) => (
          <option key={origin} value={origin}>
            {origin}
          </option>
        ))}
      </select>
      <span className="count">{shown === total ? requests(total) : `${shown} of ${requests(total)}`}</span>
    </div>
  );
}

const RECORD_FROM_BROWSER_START =
  "Off: CORS Lens records a tab only while its CORS panel is open, and browsing costs nothing otherwise. On: every tab, from the browser's start, so preflights made before a panel opened (and the preflight cache they filled) are known; every page pays for the recording.";

function requests(count: number): string {
  return `${count} ${count === 1 ? 'request' : 'requests'}`;
}
