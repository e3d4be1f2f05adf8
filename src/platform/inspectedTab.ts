// How the CORS panel learns which tab it inspects, and DevTools' theme. Only
// the devtools page speaks chrome.devtools (src/devtools/); it hands both to
// the panel's window each time the panel is shown. Opened as a plain page
// (`panel.html?tabId=N&theme=dark`, as the e2e tests do), the panel reads
// them from its URL instead.

const EVENT = 'cors-lens:inspected-tab';

export type DevtoolsTheme = 'light' | 'dark';

interface PanelWindow extends Window {
  corsLensInspectedTabId?: number;
  corsLensTheme?: DevtoolsTheme;
}

/** The devtools page's side: tell the panel window its tab and the theme. */
export function publishInspectedTab(panelWindow: Window, tabId: number, theme: DevtoolsTheme): void {
  Object.assign(panelWindow as PanelWindow, { corsLensInspectedTabId: tabId, corsLensTheme: theme });
  panelWindow.dispatchEvent(new Event(EVENT));
}

function fromUrl(own: Window): { tabId: number | undefined; theme: DevtoolsTheme | undefined } {
  const params = new URL(own.location.href).searchParams;
  const tabId = Number(params.get('tabId'));
  const theme = params.get('theme');
  return { tabId: Number.isInteger(tabId) && params.has('tabId') ? tabId : undefined, theme: theme === 'dark' || theme === 'light' ? theme : undefined };
}

/** The panel's side: the inspected tab's id, once the devtools page has said it (or the URL does). */
export function inspectedTab(own: Window = window): Promise<number> {
  const known = (own as PanelWindow).corsLensInspectedTabId ?? fromUrl(own).tabId;
  if (known !== undefined) return Promise.resolve(known);
  return new Promise((resolve) => {
    own.addEventListener(EVENT, () => resolve((own as PanelWindow).corsLensInspectedTabId as number), { once: true });
  });
}

/** DevTools' theme as last published (or in the URL); light until told otherwise. */
export function devtoolsTheme(own: Window = window): DevtoolsTheme {
  return (own as PanelWindow).corsLensTheme ?? fromUrl(own).theme ?? 'light';
}

/** Calls `listener` whenever the devtools page publishes again (the theme may have changed). */
export function onInspectedTabPublished(listener: () => void, own: Window = window): () => void {
  own.addEventListener(EVENT, listener);
  return () => own.removeEventListener(EVENT, listener);
}
