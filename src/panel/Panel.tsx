import { useRef, type DragEvent } from 'react';
import type { WorkerClient } from '../platform/workerClient.ts';
import { ConfirmWithChromium } from './ConfirmWithChromium.tsx';
import { EmptyState } from './EmptyState.tsx';
import { ExportDialog } from './ExportDialog.tsx';
import { HostAccessBanner, type HostAccess } from './HostAccessBanner.tsx';
import { usePanelModel, type PanelWorkers } from './model/usePanelModel.ts';
import { PreflightCacheView } from './PreflightCacheView.tsx';
import { RecordingNote } from './RecordingNote.tsx';
import { SimulatorView } from './simulator/SimulatorView.tsx';
import { Toolbar } from './Toolbar.tsx';
import { TransactionsView } from './TransactionsView.tsx';
import { ViewTabs } from './ViewTabs.tsx';
import { WorkerProblemBanner } from './WorkerProblemBanner.tsx';

interface Props {
  readonly client: WorkerClient;
  readonly tabId: number;
  /** Whether the browser lets CORS Lens see sites' requests (Firefox lets users withdraw it). */
  readonly hostAccess?: HostAccess;
  readonly workers?: PanelWorkers;
}

/** The standalone simulator page (learn.html), where a shared link opens. */
const SIMULATOR_PAGE = new URL('./learn.html', window.location.href).href;

const PANEL_WORKERS: PanelWorkers = {
  startImportWorker: () => new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' }),
  startExportWorker: () => new Worker(new URL('./exportWorker.ts', import.meta.url), { type: 'module' }),
};

/** The CORS panel: toolbar, the tab's transactions (or an imported file's), their details, the preflight cache and the simulator. Renders usePanelModel. */
export function Panel({ client, tabId, hostAccess, workers = PANEL_WORKERS }: Props) {
  const model = usePanelModel(client, tabId, workers);
  const { state, log, actions } = model;
  const fileInput = useRef<HTMLInputElement>(null);
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    actions.openFile(event.dataTransfer.files[0]);
  };

  const idle = <ConfirmWithChromium client={client} tabId={tabId} />;
  const list = (
    <TransactionsView
      rows={model.rows}
      entries={model.entries}
      selectedSeq={model.selectedSeq}
      selected={model.selected}
      selectedNote={model.selectedNote}
      idle={state.view === 'imported' ? <p className="muted">Select a request.</p> : idle}
      onSelect={actions.select}
      onOpenInSimulator={actions.openInSimulator}
    />
  );
  return (
    <div className="panel" onDragOver={(event) => event.preventDefault()} onDrop={onDrop}>
      <Toolbar
        filter={state.filter}
        origins={model.origins}
        preserveLog={log.session?.preserveLog ?? false}
        recordFromBrowserStart={model.recordFromBrowserStart}
        shown={model.rows.length}
        total={model.total}
        onFilter={actions.setFilter}
        onClear={actions.clear}
        onPreserveLog={actions.setPreserveLog}
        onRecordFromBrowserStart={actions.setRecordFromBrowserStart}
        onImport={() => fileInput.current?.click()}
        onExport={actions.openExport}
      />
      <input
        ref={fileInput}
        type="file"
        accept=".har,.json,application/json"
        hidden
        aria-label="Import a HAR file or CORS Lens trace"
        onChange={(event) => {
          actions.openFile(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      {model.recordingNote && <RecordingNote text={model.recordingNote} />}
      {model.recordingProblem && (
        <p role="alert" className="banner problem">
          {model.recordingProblem}
        </p>
      )}
      {log.problem && <WorkerProblemBanner problem={log.problem} />}
      {hostAccess && <HostAccessBanner access={hostAccess} />}
      {state.exporting && <ExportDialog source={model.exportSource} onClose={actions.closeExport} />}
      {model.importProgress && (
        <p role="status" className="banner">
          {model.importProgress}
        </p>
      )}
      {model.importProblem && (
        <p role="alert" className="banner problem">
          {model.importProblem}
        </p>
      )}
      <ViewTabs view={state.view} imported={state.imported} onChoose={actions.chooseView} onCloseImported={actions.closeImported} />
      {state.view === 'simulator' ? (
        <SimulatorView
          key={state.simulator.opened}
          simulation={state.simulator.simulation}
          baseline={state.simulator.baseline}
          notes={state.simulator.notes}
          onChange={actions.changeSimulation}
          pageUrl={SIMULATOR_PAGE}
          now={() => Date.now()}
        />
      ) : state.view === 'cache' ? (
        <PreflightCacheView entries={model.cacheEntries} rows={log.rows} />
      ) : state.view === 'imported' && state.imported ? (
        <section className="imported" aria-label={`Imported file ${state.imported.name}, read-only`}>
          <p className="imported-note">{`Imported ${state.imported.kind === 'har' ? 'HAR file' : 'CORS Lens trace'} ${state.imported.name}: read-only, judged again by the engine.`}</p>
          {list}
        </section>
      ) : log.rows.length === 0 && (log.session?.gaps.length ?? 0) === 0 ? (
        <div className="panel-empty">
          <EmptyState onOpenSimulator={() => actions.chooseView('simulator')} />
          {idle}
        </div>
      ) : (
        list
      )}
    </div>
  );
}
