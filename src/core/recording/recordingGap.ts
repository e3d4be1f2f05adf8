/**
 * A stretch of time in which a tab's recording may have missed requests:
 * Chromium stopped the worker while it recorded, and recording was back only
 * when the worker started again and registered its listeners. The list
 * shows it where it happened, never leaving the loss silent.
 */
export interface RecordingGap {
  /** Epoch ms from which the capture may be incomplete... */
  readonly from: number;
  /** ...until recording was back. */
  readonly to: number;
  /** The seq of the tab's last transaction before the gap: the list shows the gap after it. */
  readonly afterSeq: number;
}

/** What a worker started after a stop knows about the stop, for one tab that was recorded. */
export interface StopFacts {
  /**
   * The tab's events reached listeners the new worker registered as it
   * started (the set for every tab it registers first): the event that woke
   * it, and every one after, were received. Only what was not written yet
   * was lost.
   */
  readonly listenersSurvived: boolean;
  /** When the first change not written to storage was made; null when everything was written. */
  readonly unsavedSince: number | null;
  /** When the stopped worker last wrote its sessions; null when it never did. */
  readonly savedAt: number | null;
  /** When a client saw its connection to the stopped worker drop; null until one says. */
  readonly lostAt: number | null;
  /** When recording of the tab was back. */
  readonly resumedAt: number;
}

/**
 * The stretch a stop may have cost a tab's recording, or null when it cost
 * nothing. Without listeners that survived, everything from the stop to the
 * moment they were registered again is missing: the stop is known from
 * outside (a client's connection dropped), or, failing that, only as "after
 * the last write". Changes not yet written when it stopped are lost as
 * well, from the first of them. When in doubt the gap is the longer: saying
 * "not recorded" of a quiet moment misleads less than missing a loss.
 */
export function gapAfterStop(facts: StopFacts): { readonly from: number; readonly to: number } | null {
  const { unsavedSince, savedAt, lostAt, resumedAt } = facts;
  if (facts.listenersSurvived) {
    if (unsavedSince === null) return null;
    return { from: Math.min(unsavedSince, resumedAt), to: resumedAt };
  }
  // The worker stopped after its last write: a client that says it lost it earlier is mistaken.
  const stoppedAt = lostAt === null ? savedAt : Math.max(lostAt, savedAt ?? lostAt);
  const from = unsavedSince ?? stoppedAt ?? resumedAt;
  return { from: Math.min(from, resumedAt), to: resumedAt };
}

/** A tab keeps this many gaps; older ones go first (they are far past any preflight cache entry's life). */
export const MAX_GAPS_PER_TAB = 50;
