import { useMemo, useRef, useState, type DragEvent } from 'react';
import type { WorkerClient } from '../platform/workerClient.ts';
import { ConfirmWithChromium } from './ConfirmWithChromium.tsx';
import { EmptyState } from './EmptyState.tsx';
import { ExportDialog } from './ExportDialog.tsx';
import { HostAccessBanner, type HostAccess } from './HostAccessBanner.tsx';
import { importFile, type ImportedCapture } from './model/importFile.ts';
import { matchesFilter, NO_FILTER, toRow, type RowFilter } from './model/transactionRow.ts';
import { usePreflightCache } from './model/usePreflightCache.ts';
import { useRecording } from './model/useRecording.ts';
import { useTransactionLog } from './model/useTransactionLog.ts';
import { RecordingNote } from './RecordingNote.tsx';
import { PreflightCacheView } from './PreflightCacheView.tsx';
import { Toolbar } from './Toolbar.tsx';
import { TransactionsView } from './TransactionsView.tsx';
import { LearnView } from './learn/LearnView.tsx';
import { FIRST_SIMULATION } from '../core/simulator/presets.ts';
import type { ServerAnswers, Simulation } from '../core/simulator/simulation.ts';
import { whatIfFromTransaction } from '../core/simulator/whatIf.ts';
import type { Transaction } from '../core/pairing/transaction.ts';

interface Props {
  readonly client: WorkerClient;
  readonly tabId: number;
  /** Whether the browser lets CORS Lens see sites' requests (Firefox lets users withdraw it). */
  readonly hostAccess?: HostAccess;
}

type View = 'requests' | 'cache' | 'imported' | 'learn';

/** What the Learn view shows: a simulation, and for a transaction opened there, its captured answers and what the capture lacked. */
interface Lesson {
  /** Grows with each transaction opened: the editors, whose text is their own, start afresh. */
  readonly opened: number;
  readonly simulation: Simulation;
  readonly baseline: ServerAnswers | null;
  readonly notes: readonly string[];
}

/** The standalone simulator page, where a shared link opens. */
const SIMULATOR_PAGE = new URL('./learn.html', window.location.href).href;

/** A file being read (total null), then its judged transactions arriving. */
interface ImportState {
  readonly name: string;
  readonly loaded: number;
  readonly total: number | null;
}

const startImportWorker = (): Worker => new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
const startExportWorker = (): Worker => new Worker(new URL('./exportWorker.ts', import.meta.url), { type: 'module' });

/** The CORS panel: toolbar, the tab's transactions (or an imported file's), their details, and the preflight cache. */
export function Panel({ client, tabId, hostAccess }: Props) {
  const { log, setPreserveLog, clear } = useTransactionLog(client, tabId);
  const { recording, setRecordFromBrowserStart } = useRecording(client);
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [view, setView] = useState<View>('requests');
  const [imported, setImported] = useState<ImportedCapture | null>(null);
  const [importProblem, setImportProblem] = useState<string | null>(null);
  const [importing, setImporting] = useState<ImportState | null>(null);
  const [exporting, setExporting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const [lesson, setLesson] = useState<Lesson>({ opened: 0, simulation: FIRST_SIMULATION, baseline: null, notes: [] });
  const openInSimulator = (transaction: Transaction): void => {
    const whatIf = whatIfFromTransaction(transaction);
    setLesson((current) => ({ opened: current.opened + 1, simulation: whatIf.simulation, baseline: whatIf.simulation.server, notes: whatIf.notes }));
    setView('learn');
  };
  // A preset replaces the opened transaction: its captured answers and notes no longer apply.
  const changeLesson = (simulation: Simulation): void =>
    setLesson((current) => (simulation.server.kind === 'answers' ? { ...current, simulation } : { opened: current.opened, simulation, baseline: null, notes: [] }));
  const cacheEntries = usePreflightCache(client, view === 'cache' ? (log.items.at(-1)?.seq ?? 0) : null);

  const liveRows = useMemo(() => log.items.map(toRow), [log.items]);
  const importedRows = useMemo(() => imported?.items.map(toRow) ?? [], [imported]);
  const rows = view === 'imported' ? importedRows : liveRows;
  const shown = useMemo(() => rows.filter((row) => matchesFilter(row, filter)), [rows, filter]);
  const origins = useMemo(() => [...new Set(rows.map((row) => row.targetOrigin))].sort(), [rows]);

  const open = (file: File | undefined): void => {
    if (!file) return;
    setImporting({ name: file.name, loaded: 0, total: null });
    setImportProblem(null);
    importFile(file, startImportWorker, (loaded, total) => setImporting({ name: file.name, loaded, total })).then(
      (capture) => {
        setImported(capture);
        setView('imported');
        setImporting(null);
      },
      // A bad file changes nothing but this message: the live log and any earlier import stay.
      (error: unknown) => {
        setImportProblem(error instanceof Error ? error.message : String(error));
        setImporting(null);
      },
    );
  };
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    open(event.dataTransfer.files[0]);
  };

  const idle = <ConfirmWithChromium client={client} tabId={tabId} />;
  return (
    <div className="panel" onDragOver={(event) => event.preventDefault()} onDrop={onDrop}>
      <Toolbar
        filter={filter}
        origins={origins}
        preserveLog={log.session?.preserveLog ?? false}
        recordFromBrowserStart={recording?.recordFromBrowserStart ?? null}
        onRecordFromBrowserStart={setRecordFromBrowserStart}
        shown={shown.length}
        total={rows.length}
        onFilter={setFilter}
        onClear={clear}
        onPreserveLog={setPreserveLog}
        onImport={() => fileInput.current?.click()}
        onExport={() => setExporting(true)}
      />
      <input
        ref={fileInput}
        type="file"
        accept=".har,.json,application/json"
        hidden
        aria-label="Import a HAR file or CORS Lens trace"
        onChange={(event) => {
          open(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      {view === 'requests' && <RecordingNote recording={recording} since={log.session?.recordingSince ?? null} />}
      {hostAccess && <HostAccessBanner access={hostAccess} />}
      {exporting && <ExportDialog source={view === 'imported' && imported ? { kind: 'imported', capture: imported, startWorker: startExportWorker } : { kind: 'tab', client, tabId }} onClose={() => setExporting(false)} />}
      {importing && (
        <p role="status" className="banner">
          {importing.total === null ? `Reading ${importing.name}…` : `Loading ${importing.name}: ${importing.loaded.toLocaleString('en-US')} of ${importing.total.toLocaleString('en-US')} transactions…`}
        </p>
      )}
      {importProblem && (
        <p role="alert" className="banner problem">
          {`Could not import ${importProblem}`}
        </p>
      )}
      <div className="views" role="tablist" aria-label="Views">
        <button type="button" role="tab" aria-selected={view === 'requests'} onClick={() => setView('requests')}>
          Requests
        </button>
        <button type="button" role="tab" aria-selected={view === 'cache'} onClick={() => setView('cache')}>
          Preflight cache
        </button>
        <button type="button" role="tab" aria-selected={view === 'learn'} onClick={() => setView('learn')}>
          Learn
        </button>
        {imported && (
          <span className="imported-tab">
            <button type="button" role="tab" aria-selected={view === 'imported'} onClick={() => setView('imported')}>
              {`Imported: ${imported.name}${imported.browser ? ` (${imported.browser})` : ''}`}
            </button>
            <button
              type="button"
              aria-label={`Close ${imported.name}`}
              onClick={() => {
                setImported(null);
                setView('requests');
              }}
            >
              ×
            </button>
          </span>
        )}
      </div>
      {view === 'learn' ? (
        <LearnView
          key={lesson.opened}
          simulation={lesson.simulation}
          baseline={lesson.baseline}
          notes={lesson.notes}
          onChange={changeLesson}
          pageUrl={SIMULATOR_PAGE}
          now={() => Date.now()}
        />
      ) : view === 'cache' ? (
        <PreflightCacheView entries={cacheEntries} items={log.items} />
      ) : view === 'imported' && imported ? (
        <section className="imported" aria-label={`Imported file ${imported.name}, read-only`}>
          <p className="imported-note">{`Imported ${imported.kind === 'har' ? 'HAR file' : 'CORS Lens trace'} ${imported.name}: read-only, judged again by the engine.`}</p>
          <TransactionsView key={imported.name} items={imported.items} rows={shown} idle={<p className="muted">Select a request.</p>} onOpenInSimulator={openInSimulator} />
        </section>
      ) : log.items.length === 0 && (log.session?.gaps.length ?? 0) === 0 ? (
        <div className="panel-empty">
          <EmptyState onOpenSimulator={() => setView('learn')} />
          {idle}
        </div>
      ) : (
        <TransactionsView items={log.items} rows={shown} gaps={log.session?.gaps ?? []} idle={idle} onOpenInSimulator={openInSimulator} />
      )}
    </div>
  );
}
