import { useEffect, useState } from 'react';
import type { ConfirmModeState } from '../core/protocol.ts';
import type { WorkerClient } from '../platform/workerClient.ts';

/**
 * The "Confirm with Chromium" switch, and what it does before anyone turns
 * it on: Chromium shows a debugging banner while it is on, and the user
 * should know that this switch is why. Nothing at all where the browser has
 * no debugger API (Firefox), as the worker says.
 */
export function ConfirmWithChromium({ client, tabId }: { client: WorkerClient; tabId: number }) {
  const [state, setState] = useState<ConfirmModeState | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const stop = client.on('confirmModeChanged', (changed) => {
      if (changed.tabId === tabId) setState(changed);
    });
    // A worker that cannot be reached leaves the switch disabled; the panel's log says why (WorkerProblemBanner).
    client.subscribe(tabId).catch(() => undefined);
    client.request('getConfirmMode', { tabId }).then(
      (current) => live && setState(current),
      () => undefined,
    );
    return () => {
      live = false;
      stop();
    };
  }, [client, tabId]);

  const turn = async (on: boolean): Promise<void> => {
    setBusy(true);
    try {
      setState(await client.request('setConfirmMode', { tabId, on }));
    } catch (error) {
      setState({ tabId, on: false, since: null, problem: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  if (state?.available === false) return null;
  return (
    <section className="confirm-mode" aria-labelledby="confirm-mode-title">
      <h2 id="confirm-mode-title">Confirm with Chromium</h2>
      <p>
        CORS Lens judges each request from what Chromium shows extensions. Turn this on to hold every verdict against Chromium's own: each request is then
        marked <em>confirmed by Chromium</em>, or <em>Chromium disagrees</em> with what differs.
      </p>
      <p>
        While it is on, Chromium attaches its debugger to this tab and shows a banner at the top of the window saying that “CORS Lens” started debugging this
        browser. That banner is this switch: CORS Lens reads only this tab's network events, and nothing leaves your browser. Closing the banner with{' '}
        <strong>Cancel</strong> turns it off.
      </p>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={state?.on ?? false}
          disabled={busy || state === null}
          onChange={(event) => void turn(event.currentTarget.checked)}
        />
        Confirm with Chromium
      </label>
      {state?.on && state.since !== null ? (
        <p role="status">On since {new Date(state.since).toLocaleTimeString()}: requests started from then on are confirmed.</p>
      ) : null}
      {state?.problem ? (
        <p role="alert" className="problem">
          {state.problem}
        </p>
      ) : null}
    </section>
  );
}
