import type { ImportedFile } from './model/importFile.ts';
import type { PanelView } from './model/panelState.ts';

interface Props {
  readonly view: PanelView;
  /** The file imported beside the tab, which gets a tab of its own with a close button. */
  readonly imported: ImportedFile | null;
  readonly onChoose: (view: PanelView) => void;
  readonly onCloseImported: () => void;
}

/** The panel's views as tabs: the tab's requests, the preflight cache, the simulator ("Learn"), and an imported file. */
export function ViewTabs({ view, imported, onChoose, onCloseImported }: Props) {
  const tab = (id: PanelView, label: string) => (
    <button type="button" role="tab" aria-selected={view === id} onClick={() => onChoose(id)}>
      {label}
    </button>
  );
  return (
    <div className="views" role="tablist" aria-label="Views">
      {tab('requests', 'Requests')}
      {tab('cache', 'Preflight cache')}
      {tab('simulator', 'Learn')}
      {imported && (
        <span className="imported-tab">
          {tab('imported', `Imported: ${imported.name}${imported.browser ? ` (${imported.browser})` : ''}`)}
          <button type="button" aria-label={`Close ${imported.name}`} onClick={onCloseImported}>
            ×
          </button>
        </span>
      )}
    </div>
  );
}
