// The DevTools page: registers the CORS panel. It is the only place that
// touches chrome.devtools: the panel gets the inspected tab and the theme from here.
import { publishInspectedTab } from '../platform/inspectedTab.ts';

chrome.devtools.panels.create('CORS', 'icons/icon-16.png', 'src/panel/panel.html', (panel) => {
  // Lets tests see that registration finished inside real DevTools.
  (globalThis as { corsLensPanelCreated?: boolean }).corsLensPanelCreated = true;
  panel.onShown.addListener((panelWindow: Window) =>
    publishInspectedTab(panelWindow, chrome.devtools.inspectedWindow.tabId, chrome.devtools.panels.themeName === 'dark' ? 'dark' : 'light'),
  );
});
