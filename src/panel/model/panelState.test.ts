import { describe, expect, it } from 'vitest';
import { FIRST_SIMULATION, SIMULATION_PRESETS } from '../../core/simulator/presets.ts';
import { whatIfFromTransaction } from '../../core/simulator/whatIf.ts';
import { packedTransactionTexts, type ImportedFile } from './importFile.ts';
import { INITIAL_PANEL_STATE, reducePanel, type PanelAction, type PanelState } from './panelState.ts';
import { recordingNoteText, recordingRefusedText } from './recordingNote.ts';
import { blockedGet, sequenced } from './testItems.ts';
import { transactionRow } from '../../core/session/transactionRow.ts';

const run = (actions: readonly PanelAction[], from: PanelState = INITIAL_PANEL_STATE) => actions.reduce(reducePanel, from);
const imported = (name: string): ImportedFile => {
  const items = sequenced(blockedGet('get', 0));
  return {
    name,
    kind: 'har',
    browser: 'Chromium 156',
    rows: items.map(transactionRow),
    targetOrigins: ['http://api.test'],
    texts: packedTransactionTexts(items.map((item) => item.transaction)),
  };
};

describe('reducePanel', () => {
  it('shows a file once imported, with its own selection, and goes back to the requests when it is closed', () => {
    const shown = run([
      { type: 'row-selected', seq: 4 },
      { type: 'import-started', id: 1, name: 'a.har' },
      { type: 'import-finished', id: 1, file: imported('a.har') },
      { type: 'row-selected', seq: 1 },
    ]);
    expect(shown).toMatchObject({ view: 'imported', imported: { name: 'a.har' }, selected: { live: 4, imported: 1 }, importFlow: { phase: 'done' } });
    const next = run(
      [
        { type: 'import-started', id: 2, name: 'b.har' },
        { type: 'import-finished', id: 2, file: imported('b.har') },
      ],
      shown,
    );
    expect(next.selected).toEqual({ live: 4, imported: null });
    expect(run([{ type: 'imported-closed' }], next)).toMatchObject({ view: 'requests', imported: null, selected: { live: 4 } });
  });

  it('keeps the live log and an earlier file when a later import fails', () => {
    const earlier = run([
      { type: 'import-started', id: 1, name: 'a.har' },
      { type: 'import-finished', id: 1, file: imported('a.har') },
      { type: 'view-chosen', view: 'requests' },
    ]);
    const failed = run(
      [
        { type: 'import-started', id: 2, name: 'bad.har' },
        { type: 'import-failed', id: 2, message: 'bad.har: not JSON' },
      ],
      earlier,
    );
    expect(failed).toMatchObject({ view: 'requests', imported: { name: 'a.har' }, importFlow: { phase: 'failed' } });
  });

  it('does not show a file that a superseded import finished, nor an imported view without a file', () => {
    const state = run([
      { type: 'import-started', id: 1, name: 'a.har' },
      { type: 'import-started', id: 2, name: 'b.har' },
      { type: 'import-finished', id: 1, file: imported('a.har') },
    ]);
    expect(state).toMatchObject({ view: 'requests', imported: null });
    expect(run([{ type: 'view-chosen', view: 'imported' }])).toBe(INITIAL_PANEL_STATE);
  });

  it('opens a transaction in the simulator with its captured answers; a preset then drops them', () => {
    const [item] = sequenced(blockedGet('get', 0));
    const whatIf = whatIfFromTransaction(item!.transaction);
    const opened = run([{ type: 'opened-in-simulator', whatIf }]);
    expect(opened.view).toBe('simulator');
    expect(opened.simulator).toEqual({ opened: 1, simulation: whatIf.simulation, baseline: whatIf.simulation.server, notes: whatIf.notes });
    const preset = SIMULATION_PRESETS.find((each) => each.simulation.server.kind !== 'answers')?.simulation ?? FIRST_SIMULATION;
    expect(run([{ type: 'simulation-changed', simulation: preset }], opened).simulator).toEqual({ opened: 1, simulation: preset, baseline: null, notes: [] });
    const edited = { ...whatIf.simulation, clock: 10 };
    expect(run([{ type: 'simulation-changed', simulation: edited }], opened).simulator).toMatchObject({
      simulation: edited,
      baseline: whatIf.simulation.server,
    });
  });

  it('opens and closes the export dialog, and keeps the filter', () => {
    const filter = { blockedOnly: true, preflightedOnly: false, text: 'items', targetOrigin: '' };
    expect(run([{ type: 'export-opened' }, { type: 'filter-changed', filter }])).toMatchObject({ exporting: true, filter });
    expect(run([{ type: 'export-opened' }, { type: 'export-closed' }]).exporting).toBe(false);
  });

  it("holds the worker's recording state; the setting shows at once, and a change asked before the worker said is no state", () => {
    const tabOnly = { recordFromBrowserStart: false, allTabsSince: null };
    expect(run([{ type: 'record-from-browser-start-requested', on: true }]).recording).toBeNull();
    const known = run([{ type: 'recording-changed', recording: tabOnly }]);
    expect(run([{ type: 'record-from-browser-start-requested', on: true }], known).recording).toEqual({ recordFromBrowserStart: true, allTabsSince: null });
    expect(
      run(
        [
          { type: 'record-from-browser-start-requested', on: true },
          { type: 'record-from-browser-start-requested', on: false },
        ],
        known,
      ).recording,
    ).toEqual(tabOnly);
  });

  it('a change of the setting the worker refused: the switch goes back and the reason is kept, until asked again or the setting becomes what was asked', () => {
    const tabOnly = { recordFromBrowserStart: false, allTabsSince: null };
    const known = run([{ type: 'recording-changed', recording: tabOnly }]);
    const refused = run(
      [
        { type: 'record-from-browser-start-requested', on: true },
        { type: 'record-from-browser-start-refused', on: true, reason: 'QUOTA_BYTES quota exceeded' },
      ],
      known,
    );
    expect(refused).toMatchObject({ recording: tabOnly, recordingRefused: { on: true, reason: 'QUOTA_BYTES quota exceeded' } });
    expect(run([{ type: 'record-from-browser-start-requested', on: true }], refused).recordingRefused).toBeNull();
    // Another panel, or the record page, changes what the worker records: the refusal still holds while the setting is off.
    expect(run([{ type: 'recording-changed', recording: { recordFromBrowserStart: false, allTabsSince: 5 } }], refused).recordingRefused).toEqual({
      on: true,
      reason: 'QUOTA_BYTES quota exceeded',
    });
    expect(run([{ type: 'recording-changed', recording: { recordFromBrowserStart: true, allTabsSince: 5 } }], refused).recordingRefused).toBeNull();
    // Before the worker has said anything, a refusal is still told.
    expect(run([{ type: 'record-from-browser-start-refused', on: true, reason: 'no answer' }])).toMatchObject({
      recording: null,
      recordingRefused: { on: true, reason: 'no answer' },
    });
  });
});

describe('recordingNoteText', () => {
  const at = (hours: number, minutes: number, seconds: number, ms: number) => new Date(2026, 0, 12, hours, minutes, seconds, ms).getTime();

  it('says since when this tab is recorded, and what that leaves out; nothing until both the mode and the start are known', () => {
    const tabOnly = { recordFromBrowserStart: false, allTabsSince: null };
    expect(recordingNoteText(tabOnly, at(10, 2, 3, 120))).toBe(
      'Recording this tab since 10:02:03.120, while this panel is open. Requests made before are not listed, and a preflight cache entry made before cannot be known.',
    );
    expect(recordingNoteText(null, at(10, 2, 3, 120))).toBeNull();
    expect(recordingNoteText(tabOnly, null)).toBeNull();
  });

  it('says every tab is recorded, and whether the setting is why', () => {
    expect(recordingNoteText({ recordFromBrowserStart: true, allTabsSince: at(9, 0, 0, 5) }, at(10, 0, 0, 0))).toBe(
      'Recording every tab since 09:00:00.005 (Record from browser start is on): preflights other tabs made are seen too.',
    );
    expect(recordingNoteText({ recordFromBrowserStart: false, allTabsSince: at(9, 0, 0, 5) }, at(10, 0, 0, 0))).toBe(
      'Recording every tab since 09:00:00.005: preflights other tabs made are seen too.',
    );
  });
});

describe('recordingRefusedText', () => {
  it("says which way the setting did not go and the worker's reason; a blank reason is said as none given", () => {
    expect(recordingRefusedText(null)).toBeNull();
    expect(recordingRefusedText({ on: true, reason: '"setRecordFromBrowserStart" got no answer within 10000 ms' })).toBe(
      '"Record from browser start" was not turned on: "setRecordFromBrowserStart" got no answer within 10000 ms',
    );
    expect(recordingRefusedText({ on: false, reason: ' ' })).toBe('"Record from browser start" was not turned off: the extension\'s background gave no reason');
  });
});
