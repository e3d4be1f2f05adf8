import type { ImportedFile } from './importFile.ts';

/**
 * Where the import of a file stands: read by the import worker (reading),
 * its judged transactions arriving in batches (importing), then shown
 * (done), or refused with the reason (failed). Each import has an `id`:
 * what a superseded import still reports is ignored.
 */
export type ImportFlow =
  | { readonly phase: 'idle' }
  | { readonly phase: 'reading'; readonly id: number; readonly name: string }
  | { readonly phase: 'importing'; readonly id: number; readonly name: string; readonly loaded: number; readonly total: number }
  | { readonly phase: 'done'; readonly id: number; readonly name: string; readonly count: number }
  | { readonly phase: 'failed'; readonly id: number; readonly name: string; readonly message: string };

export type ImportEvent =
  /** The user chose or dropped a file: it replaces any import under way. */
  | { readonly type: 'import-started'; readonly id: number; readonly name: string }
  /** The worker judged the file and `loaded` of its `total` transactions have arrived. */
  | { readonly type: 'import-progressed'; readonly id: number; readonly loaded: number; readonly total: number }
  | { readonly type: 'import-finished'; readonly id: number; readonly file: ImportedFile }
  /** One line that names the file and what is wrong with it (importFile's message). */
  | { readonly type: 'import-failed'; readonly id: number; readonly message: string };

export const IMPORT_IDLE: ImportFlow = { phase: 'idle' };

/** The import flow's transitions; an event of another import than the current one changes nothing. */
export function reduceImport(flow: ImportFlow, event: ImportEvent): ImportFlow {
  if (event.type === 'import-started') return { phase: 'reading', id: event.id, name: event.name };
  if (flow.phase !== 'reading' && flow.phase !== 'importing') return flow;
  if (flow.id !== event.id) return flow;
  switch (event.type) {
    case 'import-progressed':
      return { phase: 'importing', id: flow.id, name: flow.name, loaded: event.loaded, total: event.total };
    case 'import-finished':
      return { phase: 'done', id: flow.id, name: flow.name, count: event.file.items.length };
    case 'import-failed':
      return { phase: 'failed', id: flow.id, name: flow.name, message: event.message };
  }
}

/** What the panel says while a file is read or loaded; null otherwise. */
export function importProgressText(flow: ImportFlow): string | null {
  switch (flow.phase) {
    case 'reading':
      return `Reading ${flow.name}…`;
    case 'importing':
      return `Loading ${flow.name}: ${flow.loaded.toLocaleString('en-US')} of ${flow.total.toLocaleString('en-US')} transactions…`;
    default:
      return null;
  }
}

/** Why the last file could not be imported, as the panel says it; null unless that import failed. */
export function importProblemText(flow: ImportFlow): string | null {
  return flow.phase === 'failed' ? `Could not import ${flow.message}` : null;
}
