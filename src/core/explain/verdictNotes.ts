import type { Verdict, VerdictNote } from '../cors/verdict.ts';

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
      return 'A preflight was needed, but none was seen and the preflight cache model holds no entry that would have served it. It was possibly served by a preflight cache entry made before recording began, or made in another network partition (the same origin framed by another top-level site), or the capture source hides preflights (a webRequest listener without extraHeaders, a HAR from a tool that drops them).';
    case 'preflight-not-predicted':
      return 'The browser sent a preflight although the method and headers are simple. Known causes: an XMLHttpRequest with a listener on its upload (xhr.upload.onprogress and the like), which sets the Fetch Standard\'s use-CORS-preflight flag. The preflight was checked like any other.';
    case 'preflighted-despite-cache':
      if (note.reason === 'bypass') return 'The preflight cache held an entry for this request, yet a preflight was sent: the request skipped the cache (DevTools "Disable cache", or a fetch cache mode such as no-store or reload).';
      if (note.reason === 'credentials-unknown') {
        return 'The preflight cache model held an entry that serves this request made without credentials, yet a preflight was sent. The capture cannot show whether the request carried credentials (it had no cookie to send), and that entry would not serve it with them (Firefox keeps the preflights of credentialed requests apart; Chromium serves them only from an entry whose preflight allowed credentials): if the page made it with credentials (fetch credentials: "include", XMLHttpRequest withCredentials), that is why. Otherwise DevTools "Disable cache" may be on, or the entry was evicted.';
      }
      return 'The preflight cache model held an entry for this request, yet a preflight was sent, for a reason the capture does not show: DevTools "Disable cache" may be on (extensions do not see it), the entry may have been evicted, or the request came from another network partition (the same origin framed by another top-level site).';
  }
}

/** The verdict's notes, as sentences. */
export function verdictNotes(verdict: Verdict): string[] {
  return verdict.notes.map(describeNote);
}
