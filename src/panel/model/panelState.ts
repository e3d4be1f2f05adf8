import type { RecordingState } from '../../core/protocol.ts';
import { FIRST_SIMULATION } from '../../core/simulator/presets.ts';
import type { ServerAnswers, Simulation } from '../../core/simulator/simulation.ts';
import type { WhatIf } from '../../core/simulator/whatIf.ts';
import { IMPORT_IDLE, reduceImport, type ImportEvent, type ImportFlow } from './importFlow.ts';
import type { ImportedFile } from './importFile.ts';
import { NO_FILTER, type RowFilter } from './rowFilter.ts';

/** The panel's views; the user-visible tab of 'simulator' is "Learn". */
export type PanelView = 'requests' | 'cache' | 'imported' | 'simulator';

/** What the simulator view shows: a simulation, and for a transaction opened there, its captured answers and what the capture lacked. */
export interface SimulatorState {
  /** Grows with each transaction opened: the editors, whose text is their own, start afresh. */
  readonly opened: number;
  readonly simulation: Simulation;
  readonly baseline: ServerAnswers | null;
  readonly notes: readonly string[];
}

/**
 * Everything the panel shows besides the tab's transactions (useTransactionLog
 * holds those). Pure: usePanelModel dispatches, tests call reducePanel.
 */
export interface PanelState {
  readonly view: PanelView;
  readonly filter: RowFilter;
  /** The selected row of each list, by seq. */
  readonly selected: { readonly live: number | null; readonly imported: number | null };
  readonly importFlow: ImportFlow;
  /** The file shown read-only beside the live tab: a failed import leaves it as it was. */
  readonly imported: ImportedFile | null;
  readonly exporting: boolean;
  readonly simulator: SimulatorState;
  /** What the worker records (every tab or the ones looked at, and the setting); null until it has said. */
  readonly recording: RecordingState | null;
  /** The last change of "Record from browser start" the worker refused (or did not answer): the value asked for, and why. */
  readonly recordingRefused: RecordingRefusal | null;
}

export interface RecordingRefusal {
  readonly on: boolean;
  readonly reason: string;
}

/** The worker's recording state, and the setting asked for. */
export type RecordingAction =
  | { readonly type: 'recording-changed'; readonly recording: RecordingState }
  /** "Record from browser start" asked for: shown at once, before the worker answers. */
  | { readonly type: 'record-from-browser-start-requested'; readonly on: boolean }
  /** The worker refused it or did not answer: the switch goes back, and the panel says why. */
  | { readonly type: 'record-from-browser-start-refused'; readonly on: boolean; readonly reason: string };

export type PanelAction =
  | ImportEvent
  | RecordingAction
  | { readonly type: 'view-chosen'; readonly view: PanelView }
  | { readonly type: 'filter-changed'; readonly filter: RowFilter }
  /** A row of the list shown (the imported file's in the imported view, the tab's otherwise). */
  | { readonly type: 'row-selected'; readonly seq: number }
  | { readonly type: 'imported-closed' }
  | { readonly type: 'export-opened' }
  | { readonly type: 'export-closed' }
  | { readonly type: 'opened-in-simulator'; readonly whatIf: WhatIf }
  | { readonly type: 'simulation-changed'; readonly simulation: Simulation };

export const INITIAL_PANEL_STATE: PanelState = {
  view: 'requests',
  filter: NO_FILTER,
  selected: { live: null, imported: null },
  importFlow: IMPORT_IDLE,
  imported: null,
  exporting: false,
  simulator: { opened: 0, simulation: FIRST_SIMULATION, baseline: null, notes: [] },
  recording: null,
  recordingRefused: null,
};

export function reducePanel(state: PanelState, action: PanelAction): PanelState {
  switch (action.type) {
    case 'import-started':
    case 'import-progressed':
    case 'import-failed':
      return { ...state, importFlow: reduceImport(state.importFlow, action) };
    case 'import-finished': {
      const importFlow = reduceImport(state.importFlow, action);
      if (importFlow === state.importFlow) return state;
      return { ...state, importFlow, imported: action.file, view: 'imported', selected: { ...state.selected, imported: null } };
    }
    case 'view-chosen':
      return action.view === 'imported' && !state.imported ? state : { ...state, view: action.view };
    case 'filter-changed':
      return { ...state, filter: action.filter };
    case 'row-selected':
      return { ...state, selected: state.view === 'imported' ? { ...state.selected, imported: action.seq } : { ...state.selected, live: action.seq } };
    case 'imported-closed':
      return { ...state, imported: null, view: 'requests', selected: { ...state.selected, imported: null } };
    case 'export-opened':
      return { ...state, exporting: true };
    case 'export-closed':
      return { ...state, exporting: false };
    case 'opened-in-simulator': {
      const { simulation, notes } = action.whatIf;
      return { ...state, view: 'simulator', simulator: { opened: state.simulator.opened + 1, simulation, baseline: simulation.server, notes } };
    }
    case 'recording-changed': {
      // A refusal no longer holds once the setting is what was asked (another panel turned it).
      const refused = state.recordingRefused?.on === action.recording.recordFromBrowserStart ? null : state.recordingRefused;
      return { ...state, recording: action.recording, recordingRefused: refused };
    }
    case 'record-from-browser-start-requested':
      return state.recording ? { ...state, recording: { ...state.recording, recordFromBrowserStart: action.on }, recordingRefused: null } : state;
    case 'record-from-browser-start-refused': {
      const recording = state.recording && { ...state.recording, recordFromBrowserStart: !action.on };
      return { ...state, recording, recordingRefused: { on: action.on, reason: action.reason } };
    }
    case 'simulation-changed': {
      // A preset replaces the opened transaction: its captured answers and notes no longer apply.
      const { simulation } = action;
      return {
        ...state,
        simulator:
          simulation.server.kind === 'answers' ? { ...state.simulator, simulation } : { opened: state.simulator.opened, simulation, baseline: null, notes: [] },
      };
    }
  }
}
