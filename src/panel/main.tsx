import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { devtoolsTheme, inspectedTab, onInspectedTabPublished } from '../platform/inspectedTab.ts';
import { connectToWorker } from '../platform/workerClient.ts';
import { Panel } from './Panel.tsx';

const container = document.getElementById('root');
if (container) {
  const client = connectToWorker('panel');
  const applyTheme = (): void => {
    document.documentElement.dataset.theme = devtoolsTheme();
  };
  applyTheme();
  onInspectedTabPublished(applyTheme);
  void inspectedTab().then((tabId) => {
    createRoot(container).render(
      <StrictMode>
        <Panel client={client} tabId={tabId} />
      </StrictMode>,
    );
  });
}
