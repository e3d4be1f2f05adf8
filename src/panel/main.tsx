import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToWorker } from '../platform/workerClient.ts';
import { inspectedTab } from '../platform/inspectedTab.ts';
import { ConfirmWithChromium } from './ConfirmWithChromium.tsx';
import { EmptyState } from './EmptyState.tsx';

const container = document.getElementById('root');
if (container) {
  const client = connectToWorker('panel');
  void inspectedTab().then((tabId) => {
    createRoot(container).render(
      <StrictMode>
        <EmptyState />
        <ConfirmWithChromium client={client} tabId={tabId} />
      </StrictMode>,
    );
  });
}
