/** How much of a tab's past its recording covers: what a "preflight not seen" can and cannot be explained by. */
export interface RecordingCoverage {
  /** Epoch ms when recording of the tab began. */
  readonly since: number;
  /** When it was interrupted since (the worker stopped). */
  readonly gaps: readonly { readonly from: number; readonly to: number }[];
  /** Every tab was recorded, not this one alone: a preflight another tab made would have been seen. */
  readonly allTabs: boolean;
}

/** A stretch in which this tab was not recorded; `from` null: before recording began. */
export interface UnrecordedStretch {
  readonly from: number | null;
  readonly to: number;
}

/** What the recording missed in the life of a preflight cache entry before a request. */
export interface UnrecordedBefore {
  /** When the request looked the cache up (epoch ms). */
  readonly at: number;
  /** When recording of the tab began. */
  readonly since: number;
  /** The longest the browser keeps a preflight result. */
  readonly lifetimeSeconds: number;
  /** The stretches within that lifetime before `at` when this tab was not recorded, oldest first; empty when it was all the time. */
  readonly stretches: readonly UnrecordedStretch[];
  readonly otherTabsRecorded: boolean;
}

/**
 * The stretches before `at`, no older than an entry can live, in which an
 * entry could have been made unseen by this tab's recording. An entry older
 * than `lifetimeSeconds` cannot serve the request, so a recording that began
 * longer ago and was never interrupted since rules out "made before
 * recording began".
 */
export function unrecordedBefore(coverage: RecordingCoverage, at: number, lifetimeSeconds: number): UnrecordedBefore {
  const oldest = at - lifetimeSeconds * 1000;
  const stretches: UnrecordedStretch[] = [];
  if (coverage.since > oldest) stretches.push({ from: null, to: Math.min(coverage.since, at) });
  for (const gap of coverage.gaps) if (gap.to > oldest && gap.from < at) stretches.push({ from: gap.from, to: Math.min(gap.to, at) });
  return { at, since: coverage.since, lifetimeSeconds, stretches, otherTabsRecorded: coverage.allTabs };
}
