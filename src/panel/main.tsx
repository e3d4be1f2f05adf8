import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EmptyState } from './EmptyState.tsx';

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <EmptyState />
    </StrictMode>,
  );
}
