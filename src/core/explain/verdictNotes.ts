import type { Verdict, VerdictNote } from '../cors/verdict.ts';
import type { UnrecordedBefore } from '../recording/recordingCoverage.ts';
import { timeSpan } from '../recording/timeSpan.ts';

function describeNote(note: VerdictNote): string {
  switch (note.kind) {
    case 'authorization-covered-by-wildcard':
      return 'Authorization was allowed only by Access-Control-Allow-Headers: *. Chromium accepts this for now but warns: the Fetch Standard says "*" never covers Authorization, and Chromium never serves such a preflight from its cache. List authorization explicitly.';
    case 'credentials-inferred':
      return 'The capture does not show whether credentials were included. The browser failed the request, and only a request carrying them fails this way, so the verdict assumes they were. If the page sends none, the cause is one no capture shows (Local Network Access, for one): turn on "Confirm with Chromium" to see Chromium\'s own reason.';
    case 'credentials-assumed': {
      const { alternative } = note;
      const outcome = alternative.corsError ? `blocked with ${alternative.corsError}` : alternative.outcome;
      return `The capture does not show whether credentials were included; the verdict assumes they were not. With credentials included, the request would have been ${outcome}.`;
    }
    case 'preflight-not-seen':
      return note.unrecorded
        ? notSeenWhileRecording(note.unrecorded)
        : `${NOT_SEEN} It was possibly served by a preflight cache entry made before recording began, or ${OTHER_CAUSES}.`;
    case 'preflight-not-predicted':
      return "The browser sent a preflight although the method and headers are simple. Known causes: an XMLHttpRequest with a listener on its upload (xhr.upload.onprogress and the like), which sets the Fetch Standard's use-CORS-preflight flag. The preflight was checked like any other.";
    case 'preflighted-despite-cache':
      if (note.reason === 'bypass')
        return 'The preflight cache held an entry for this request, yet a preflight was sent: the request skipped the cache (DevTools "Disable cache", or a fetch cache mode such as no-store or reload).';
      if (note.reason === 'credentials-unknown') {
        return 'The preflight cache model held an entry that serves this request made without credentials, yet a preflight was sent. The capture cannot show whether the request carried credentials (it had no cookie to send), and that entry would not serve it with them (Firefox keeps the preflights of credentialed requests apart; Chromium serves them only from an entry whose preflight allowed credentials): if the page made it with credentials (fetch credentials: "include", XMLHttpRequest withCredentials), that is why. Otherwise DevTools "Disable cache" may be on, or the entry was evicted.';
      }
      return 'The preflight cache model held an entry for this request, yet a preflight was sent, for a reason the capture does not show: DevTools "Disable cache" may be on (extensions do not see it), the entry may have been evicted, or the request came from another network partition (the same origin framed by another top-level site).';
  }
}

const NOT_SEEN = 'A preflight was needed, but none was seen and the preflight cache model holds no entry that would have served it.';
const OTHER_CAUSES =
  'made in another network partition (the same origin framed by another top-level site), or the capture source hides preflights (a webRequest listener without extraHeaders, a HAR from a tool that drops them)';

/**
 * A live recording knows when it began and when it was interrupted: an
 * entry made then is a possibility, never a cache hit claimed. Times are
 * said relative to the request, which reads the same in any time zone.
 */
function notSeenWhileRecording(unrecorded: UnrecordedBefore): string {
  const ago = (time: number): string => timeSpan(unrecorded.at - time);
  const stretches = unrecorded.stretches.map((stretch) =>
    stretch.from === null
      ? `before recording began (${ago(stretch.to)} before this request)`
      : `while recording was interrupted (from ${ago(stretch.from)} to ${ago(stretch.to)} before this request)`,
  );
  const otherTab = unrecorded.otherTabsRecorded ? [] : ['by another tab, which CORS Lens was not recording'];
  const possible = [...stretches, ...otherTab];
  const ruledOut =
    stretches.length === 0
      ? ` Recording of this tab began ${ago(unrecorded.since)} before this request, longer than a preflight result is kept (${timeSpan(unrecorded.lifetimeSeconds * 1000)}), and was not interrupted in that time: no entry made while it was not recording can have served this request.`
      : '';
  const served =
    possible.length > 0
      ? ` It was possibly served by a preflight cache entry made ${possible.join(', or ')}; or by one `
      : ' It was possibly served by a preflight cache entry ';
  return `${NOT_SEEN}${ruledOut}${served}${OTHER_CAUSES}.`;
}

/** The verdict's notes, as sentences. */
export function verdictNotes(verdict: Verdict): string[] {
  return verdict.notes.map(describeNote);
}
