import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hasHostAccess, onHostAccessChanged, requestHostAccess } from '../platform/hostAccess.ts';
import { devtoolsTheme, inspectedTab, onInspectedTabPublished } from '../platform/inspectedTab.ts';
import { connectToWorker } from '../platform/workerClient.ts';
import { Panel } from './Panel.tsx';

const HOST_ACCESS = { has: hasHostAccess, request: requestHostAccess, onChanged: onHostAccessChanged };

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
        <Panel client={client} tabId={tabId} hostAccess={HOST_ACCESS} />
      </StrictMode>,
    );
  });
}
