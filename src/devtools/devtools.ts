// The DevTools page: registers the CORS panel. It is the only place that
// touches chrome.devtools (the panel gets what it needs from here).
chrome.devtools.panels.create('CORS', 'icons/icon-16.png', 'src/panel/panel.html', () => {
  // Lets tests see that registration finished inside real DevTools.
  (globalThis as { corsLensPanelCreated?: boolean }).corsLensPanelCreated = true;
});
