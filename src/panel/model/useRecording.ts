import { useCallback, useEffect, useState } from 'react';
import type { RecordingState } from '../../core/protocol.ts';
import type { WorkerClient } from '../../platform/workerClient.ts';

/** What the worker records ("Record from browser start", and since when every tab is), kept in step with it. */
export function useRecording(client: Pick<WorkerClient, 'request' | 'on' | 'onReconnected'>): { recording: RecordingState | null; setRecordFromBrowserStart(on: boolean): void } {
  const [recording, setRecording] = useState<RecordingState | null>(null);
  useEffect(() => {
    let live = true;
    const load = (): void => {
      void client.request('getRecording', {}).then(
        (state) => live && setRecording(state),
        () => undefined,
      );
    };
    const stops = [client.on('recordingChanged', (state) => live && setRecording(state)), client.onReconnected(load)];
    load();
    return () => {
      live = false;
      for (const stop of stops) stop();
    };
  }, [client]);
  const setRecordFromBrowserStart = useCallback(
    (on: boolean) => {
      setRecording((current) => (current ? { ...current, recordFromBrowserStart: on } : current));
      void client.request('setRecordFromBrowserStart', { on }).then(setRecording, () => undefined);
    },
    [client],
  );
  return { recording, setRecordFromBrowserStart };
}
