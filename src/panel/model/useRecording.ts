import { useCallback, useEffect, type Dispatch } from 'react';
import type { RecordingState } from '../../core/protocol.ts';
import type { WorkerClient } from '../../platform/workerClient.ts';
import type { RecordingAction } from './panelState.ts';

/**
 * Keeps the panel's copy of what the worker records ("Record from browser
 * start", and since when every tab is) in step with the worker: read on
 * open and after every reconnection, then its events. Returns the setting's
 * switch: shown at once, put back with the worker's reason when it refuses
 * or does not answer.
 */
export function useRecording(client: Pick<WorkerClient, 'request' | 'on' | 'onReconnected'>, dispatch: Dispatch<RecordingAction>): (on: boolean) => void {
  useEffect(() => {
    let live = true;
    const changed = (recording: RecordingState): void => {
      if (live) dispatch({ type: 'recording-changed', recording });
    };
    const load = (): void => {
      client.request('getRecording', {}).then(changed, () => undefined);
    };
    const stops = [client.on('recordingChanged', changed), client.onReconnected(load)];
    load();
    return () => {
      live = false;
      for (const stop of stops) stop();
    };
  }, [client, dispatch]);
  return useCallback(
    (on: boolean) => {
      dispatch({ type: 'record-from-browser-start-requested', on });
      client.request('setRecordFromBrowserStart', { on }).then(
        (recording) => dispatch({ type: 'recording-changed', recording }),
        (error: unknown) => dispatch({ type: 'record-from-browser-start-refused', on, reason: error instanceof Error ? error.message : String(error) }),
      );
    },
    [client, dispatch],
  );
}
