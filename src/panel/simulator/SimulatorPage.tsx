import { useEffect, useState } from 'react';
import { FIRST_SIMULATION } from '../../core/simulator/presets.ts';
import type { Simulation } from '../../core/simulator/simulation.ts';
import { readSimulationFragment, simulationFragment } from '../../core/simulator/simulationLink.ts';
import { SimulatorView } from './SimulatorView.tsx';

// Each reading of the address opens a new lesson: `opened` remounts the editors, whose text is their own.
let readings = 0;
function fromAddress(): { simulation: Simulation; problem: string | null; opened: number } {
  const reading = readSimulationFragment(window.location.hash);
  readings++;
  if (reading.ok) return { simulation: reading.simulation, problem: null, opened: readings };
  return { simulation: FIRST_SIMULATION, problem: reading.error, opened: readings };
}

function pageAddress(): string {
  return window.location.href.split('#')[0] ?? window.location.href;
}

/** The standalone simulator page: its state lives in the address, so the address is the shareable link. */
export function SimulatorPage() {
  const [state, setState] = useState(fromAddress);
  useEffect(() => {
    // A link pasted into this tab's address bar opens its simulation.
    const onHashChange = (): void => {
      if (window.location.hash.slice(1) !== simulationFragment(state.simulation)) setState(fromAddress());
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [state.simulation]);
  const onChange = (simulation: Simulation): void => {
    window.history.replaceState(null, '', `#${simulationFragment(simulation)}`);
    setState((current) => ({ simulation, problem: null, opened: current.opened }));
  };
  return (
    <main className="simulator-page">
      <h1>Preflight simulator</h1>
      {state.problem && (
        <p role="alert" className="banner problem">
          {`${state.problem} Showing the first lesson instead.`}
        </p>
      )}
      <SimulatorView key={state.opened} simulation={state.simulation} onChange={onChange} pageUrl={pageAddress()} now={() => Date.now()} />
    </main>
  );
}
