import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SimulatorPage } from './simulator/SimulatorPage.tsx';

// The simulator as an extension page of its own: it works without DevTools,
// and its address (with the simulation in the fragment) is the shared link.
// Its page keeps the name learn.html: links shared before are to that address.
const container = document.getElementById('root');
if (container) {
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const applyTheme = (): void => {
    document.documentElement.dataset.theme = dark.matches ? 'dark' : 'light';
  };
  applyTheme();
  dark.addEventListener('change', applyTheme);
  createRoot(container).render(
    <StrictMode>
      <SimulatorPage />
    </StrictMode>,
  );
}
