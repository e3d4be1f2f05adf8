import { useMemo, useReducer, useRef } from 'react';
import type { PreflightCacheEntry } from '../../core/cache/preflightCache.ts';
import type { Transaction } from '../../core/pairing/transaction.ts';
import type { SequencedTransaction } from '../../core/protocol.ts';
import type { RecordingGap } from '../../core/recording/recordingGap.ts';
import type { Simulation } from '../../core/simulator/simulation.ts';
import { whatIfFromTransaction } from '../../core/simulator/whatIf.ts';
import type { WorkerClient } from '../../platform/workerClient.ts';
import type { ExportSource } from './exportCapture.ts';
import { importProblemText, importProgressText } from './importFlow.ts';
import { importedTransaction, importFile } from './importFile.ts';
import { withGaps, type ListEntry } from './listEntries.ts';
import { INITIAL_PANEL_STATE, reducePanel, type PanelState, type PanelView } from './panelState.ts';
import { recordingNoteText, recordingRefusedText } from './recordingNote.ts';
import type { TransactionRow } from '../../core/session/transactionRow.ts';
import { isEmptyFilter, matchesFilter, type RowFilter } from './rowFilter.ts';
import type { TransactionLog } from './transactionLog.ts';
import { usePreflightCache } from './usePreflightCache.ts';
import { useRecording } from './useRecording.ts';
import { useShownTransaction } from './useShownTransaction.ts';
import { useTransactionLog } from './useTransactionLog.ts';

/** The panel's own Web Workers (injected: a test runs them in process). */
export interface PanelWorkers {
  readonly startImportWorker: () => Worker;
  readonly startExportWorker: () => Worker;
}

export interface PanelActions {
  readonly chooseView: (view: PanelView) => void;
  readonly setFilter: (filter: RowFilter) => void;
  /** Selects a row of the list shown. */
  readonly select: (seq: number) => void;
  readonly clear: () => void;
  readonly setPreserveLog: (on: boolean) => void;
  readonly setRecordFromBrowserStart: (on: boolean) => void;
  /** Reads a file chosen or dropped (nothing for none) and shows it beside the tab. */
  readonly openFile: (file: File | undefined) => void;
  readonly closeImported: () => void;
  readonly openExport: () => void;
  readonly closeExport: () => void;
  readonly openInSimulator: (transaction: Transaction) => void;
  readonly changeSimulation: (simulation: Simulation) => void;
}

/** Everything the panel renders, computed: the components only draw it. */
export interface PanelModel {
  readonly state: PanelState;
  readonly log: TransactionLog;
  /** Their rows that pass the filter, and how many there are before it. */
  readonly rows: readonly TransactionRow[];
  /** The lines of the list: those rows, and where the live recording missed requests, a gap (a filter hides rows, never a gap). */
  readonly entries: readonly ListEntry[];
  readonly total: number;
  /** The target origins of the list, for the origin filter. */
  readonly origins: readonly string[];
  /** The row selected in the list shown, if it is there. */
  readonly selectedSeq: number | null;
  /** That transaction in full, once read (a live one is read from the worker). */
  readonly selected: SequencedTransaction | undefined;
  /** Said in the details pane while the selected transaction is read, or why it cannot be shown; null otherwise. */
  readonly selectedNote: string | null;
  /** What the live list can hold in the mode the worker records in; null in other views and until known. */
  readonly recordingNote: string | null;
  /** The "Record from browser start" setting; null until the worker has said. */
  readonly recordFromBrowserStart: boolean | null;
  /** Why the worker did not change that setting when asked; null unless it refused. */
  readonly recordingProblem: string | null;
  readonly cacheEntries: readonly PreflightCacheEntry[];
  readonly exportSource: ExportSource;
  /** "Reading capture.har…", or how many transactions arrived; null when no import is under way. */
  readonly importProgress: string | null;
  /** Why the last file could not be imported; null unless it failed. */
  readonly importProblem: string | null;
  readonly actions: PanelActions;
}

/**
 * The CORS panel's model (the presenter of Chrome DevTools' MVP, React's
 * form): the tab's log from the worker, the panel's own state in a pure
 * reducer (reducePanel, with the import flow in reduceImport), and the rows
 * and texts the views show.
 */
export function usePanelModel(client: WorkerClient, tabId: number, workers: PanelWorkers): PanelModel {
  const { log, setPreserveLog, clear } = useTransactionLog(client, tabId);
  const [state, dispatch] = useReducer(reducePanel, INITIAL_PANEL_STATE);
  const importIds = useRef(0);
  const setRecordFromBrowserStart = useRecording(client, dispatch);
  const cacheEntries = usePreflightCache(client, state.view === 'cache' ? (log.rows.at(-1)?.seq ?? 0) : null);

  const imported = state.view === 'imported' ? state.imported : null;
  const showsImported = imported !== null;
  // While a file is shown, what the worker sends changes nothing there.
  const allRows = imported ? imported.rows : log.rows;
  const rows = useMemo(() => (isEmptyFilter(state.filter) ? allRows : allRows.filter((row) => matchesFilter(row, state.filter))), [allRows, state.filter]);
  const gaps = showsImported ? NO_GAPS : (log.session?.gaps ?? NO_GAPS);
  const entries = useMemo(() => withGaps(rows, gaps), [rows, gaps]);
  const origins = imported ? imported.targetOrigins : log.targetOrigins;
  const chosenSeq = showsImported ? state.selected.imported : state.selected.live;
  // A selection the list no longer holds (cleared, dropped) shows nothing.
  const selectedSeq = useMemo(() => (chosenSeq !== null && allRows.some((row) => row.seq === chosenSeq) ? chosenSeq : null), [allRows, chosenSeq]);
  const liveSeq = showsImported ? null : selectedSeq;
  const shown = useShownTransaction(client, tabId, liveSeq, log.workerRuns, liveSeq === null ? undefined : log.confirmations.get(liveSeq));
  const importedSelected = useMemo(() => (imported && selectedSeq !== null ? importedTransaction(imported, selectedSeq) : undefined), [imported, selectedSeq]);
  const selected = imported ? importedSelected : shown.kind === 'shown' ? shown.item : undefined;
  const selectedNote = imported ? null : shown.kind === 'reading' ? 'Reading the transaction…' : shown.kind === 'unavailable' ? shown.reason : null;

  const actions = useMemo<PanelActions>(
    () => ({
      chooseView: (view) => dispatch({ type: 'view-chosen', view }),
      setFilter: (filter) => dispatch({ type: 'filter-changed', filter }),
      select: (seq) => dispatch({ type: 'row-selected', seq }),
      clear,
      setPreserveLog,
      setRecordFromBrowserStart,
      openFile: (file) => {
        if (!file) return;
        const id = ++importIds.current;
        dispatch({ type: 'import-started', id, name: file.name });
        importFile(file, workers.startImportWorker, (loaded, total) => dispatch({ type: 'import-progressed', id, loaded, total })).then(
          (imported) => dispatch({ type: 'import-finished', id, file: imported }),
          // A bad file changes nothing but this message: the live log and any earlier import stay.
          (error: unknown) => dispatch({ type: 'import-failed', id, message: error instanceof Error ? error.message : String(error) }),
        );
      },
      closeImported: () => dispatch({ type: 'imported-closed' }),
      openExport: () => dispatch({ type: 'export-opened' }),
      closeExport: () => dispatch({ type: 'export-closed' }),
      openInSimulator: (transaction) => dispatch({ type: 'opened-in-simulator', whatIf: whatIfFromTransaction(transaction) }),
      changeSimulation: (simulation) => dispatch({ type: 'simulation-changed', simulation }),
    }),
    [clear, setPreserveLog, setRecordFromBrowserStart, workers],
  );

  const exportSource = useMemo<ExportSource>(
    () => (imported ? { kind: 'imported', capture: imported, startWorker: workers.startExportWorker } : { kind: 'tab', client, tabId }),
    [imported, workers, client, tabId],
  );

  return {
    state,
    log,
    rows,
    entries,
    total: allRows.length,
    origins,
    selectedSeq,
    selected,
    selectedNote,
    recordingNote: state.view === 'requests' ? recordingNoteText(state.recording, log.session?.recordingSince ?? null) : null,
    recordFromBrowserStart: state.recording?.recordFromBrowserStart ?? null,
    recordingProblem: recordingRefusedText(state.recordingRefused),
    cacheEntries,
    exportSource,
    importProgress: importProgressText(state.importFlow),
    importProblem: importProblemText(state.importFlow),
    actions,
  };
}

const NO_GAPS: readonly RecordingGap[] = [];
