import { gapAfterStop, type StopFacts } from '../core/recording/recordingGap.ts';
import { setsCovering } from '../core/recording/recordingPlan.ts';
import type { RecordingRecord, Settings } from './recordingStore.ts';
import type { TabSessions } from '../core/session/tabSessions.ts';

/** What a worker finds of the one Chromium stopped before it. */
export interface StoppedWorker {
  readonly record: RecordingRecord;
  readonly settings: Settings;
  readonly savedAt: number | null;
  readonly unsavedSince: number | null;
}

export interface RestartGaps {
  /**
   * Adds a gap to each session the stopped worker was recording, once
   * recording is back (`resumedAtOf` says when, null when it is not).
   */
  begin(stopped: StoppedWorker, sessions: TabSessions, resumedAtOf: (tabId: number) => number | null, startedAt: number): void;
  /** A client saw its connection to the stopped worker drop at `at`: the gaps begin there, unless changes not written were lost before. */
  lost(at: number, sessions: TabSessions): void;
}

/** The gaps a stop left in the recordings, revised when a client says when it lost the stopped worker (see gapAfterStop). */
export function createRestartGaps(): RestartGaps {
  let stopped: StoppedWorker | null = null;
  let lostAt: number | null = null;
  const made: { tabId: number; survived: boolean; resumedAt: number; to: number }[] = [];
  const factsOf = (survived: boolean, resumedAt: number): StopFacts => ({
    listenersSurvived: survived,
    unsavedSince: stopped?.unsavedSince ?? null,
    savedAt: stopped?.savedAt ?? null,
    lostAt,
    resumedAt,
  });
  return {
    begin(worker, sessions, resumedAtOf, startedAt) {
      stopped = worker;
      // The set for every tab in slot 0 is the one this worker registered as
      // it started: its listeners took over, and received what woke it.
      const survived = worker.record.live.some((set) => set.slot === 0 && set.target.kind === 'all-tabs');
      for (const tabId of sessions.tabIds()) {
        if (setsCovering(worker.record.live, tabId) === 0) continue;
        const resumedAt = survived ? startedAt : resumedAtOf(tabId);
        if (resumedAt === null) continue;
        const gap = gapAfterStop(factsOf(survived, resumedAt));
        if (!gap) continue;
        sessions.addGap(tabId, { ...gap, afterSeq: sessions.summary(tabId).seq });
        made.push({ tabId, survived, resumedAt, to: gap.to });
      }
    },
    lost(at, sessions) {
      if (!stopped || (lostAt !== null && lostAt <= at)) return;
      lostAt = at;
      for (const gap of made) {
        const revised = gapAfterStop(factsOf(gap.survived, gap.resumedAt));
        if (revised) sessions.reviseGap(gap.tabId, gap.to, revised.from);
      }
    },
  };
}
