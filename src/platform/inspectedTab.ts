// How the CORS panel learns which tab it inspects. Only the devtools page
// speaks chrome.devtools (src/devtools/); it hands the tab id to the panel's
// window each time the panel is shown.

const EVENT = 'cors-lens:inspected-tab';

interface PanelWindow extends Window {
  corsLensInspectedTabId?: number;
}

/** The devtools page's side: tell the panel window its tab. */
export function publishInspectedTab(panelWindow: Window, tabId: number): void {
  (panelWindow as PanelWindow).corsLensInspectedTabId = tabId;
  panelWindow.dispatchEvent(new Event(EVENT));
}

/** The panel's side: the inspected tab's id, once the devtools page has said it. */
export function inspectedTab(own: Window = window): Promise<number> {
  const known = (own as PanelWindow).corsLensInspectedTabId;
  if (known !== undefined) return Promise.resolve(known);
  return new Promise((resolve) => {
    own.addEventListener(EVENT, () => resolve((own as PanelWindow).corsLensInspectedTabId as number), { once: true });
  });
}
