import { useEffect, useState } from 'react';
import type { PreflightCacheEntry } from '../../core/cache/preflightCache.ts';
import type { WorkerClient } from '../../platform/workerClient.ts';

/**
 * The worker's preflight-cache model (one for the profile, as Chromium's is),
 * read again whenever `revision` changes (the panel passes its newest seq:
 * each new transaction may have stored or used an entry), and not at all
 * while `revision` is null (the view is hidden: a flood of requests must not
 * cost a read per batch).
 */
export function usePreflightCache(client: Pick<WorkerClient, 'request'>, revision: number | null): readonly PreflightCacheEntry[] {
  const [entries, setEntries] = useState<readonly PreflightCacheEntry[]>([]);
  useEffect(() => {
    if (revision === null) return undefined;
    let live = true;
    void client.request('getPreflightCache', { at: Date.now() }).then(
      (answer) => live && setEntries(answer.entries),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, revision]);
  return entries;
}
