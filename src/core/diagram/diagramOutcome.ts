import { exposedResponseHeaders } from '../cors/exposedHeaders.ts';
import { redirectTarget } from '../cors/redirect.ts';
import type { ObservedResponse } from '../cors/verdict.ts';
import { responseOf } from '../cors/verdictFacts.ts';
import type { DiagramArrow, DiagramLine } from './diagram.ts';
import type { DiagramInput } from './diagramInput.ts';
import { statusText } from './diagramLines.ts';

type Outcome = Pick<DiagramArrow, 'title' | 'lines' | 'style' | 'tone'>;

/**
 * What the script gets, the diagram's last arrow (browser to page): the
 * error a blocked request rejects with, or what script can read of the
 * response. One case per verdict outcome: a new outcome fails to compile
 * here rather than being drawn as another.
 */
export function outcomeOf(input: DiagramInput): Outcome {
  const { verdict, request } = input;
  const response = responseOf(input, verdict);
  switch (verdict.outcome) {
    case 'allowed':
      return response ? readable(input, response) : { title: 'Allowed', lines: [], style: 'message', tone: 'good' };
    case 'blocked':
      return failed(input, [{ value: 'Script is not told why: only the console and DevTools name the CORS error.' }]);
    case 'network-error':
      return failed(input, [{ name: 'Network error', value: verdict.networkError ?? 'unknown' }]);
    case 'undetermined':
      return failed(input, [{ value: 'The browser failed the request; the capture does not show why.' }]);
    case 'incomplete':
      return { title: 'No answer yet', lines: [], style: 'pending', tone: 'plain' };
    case 'not-cors':
      if (request.mode === 'no-cors' && response) {
        return {
          title: 'Opaque response: status 0',
          lines: [{ value: 'Mode "no-cors": script sees no headers and no body.' }],
          style: 'message',
          tone: 'plain',
        };
      }
      return {
        title: response ? `Script reads the response: ${statusText(response)}` : 'No CORS check',
        lines: [{ value: 'Same origin: CORS does not apply.' }],
        style: 'message',
        tone: 'plain',
      };
  }
}

// Chromium's message; XMLHttpRequest reports the same failure as an error event.
function failed(input: DiagramInput, lines: readonly DiagramLine[]): Outcome {
  switch (input.via) {
    case 'fetch':
      return { title: 'fetch() rejects: TypeError: Failed to fetch', lines, style: 'message', tone: 'bad' };
    case 'xhr':
      return { title: 'XMLHttpRequest: error event, status 0', lines, style: 'message', tone: 'bad' };
    case 'unknown':
      return {
        title: 'TypeError: Failed to fetch',
        lines: [{ value: 'From XMLHttpRequest: an error event, status 0.' }, ...lines],
        style: 'message',
        tone: 'bad',
      };
  }
}

function readable(input: DiagramInput, response: ObservedResponse): Outcome {
  const { request } = input;
  if (request.redirect === 'manual' && redirectTarget(response.status, response.headers, request.url) !== null) {
    return {
      title: 'Opaque redirect: status 0',
      lines: [{ value: 'Redirect mode "manual": script sees type "opaqueredirect", no headers and no body.' }],
      style: 'message',
      tone: 'good',
    };
  }
  const exposed = exposedResponseHeaders(response.headers, request.credentials);
  const lines: DiagramLine[] = [{ name: 'Readable headers', value: exposed.readable.join(', ') || 'none' }];
  if (exposed.hidden.length > 0) lines.push({ name: 'Hidden from script', value: exposed.hidden.join(', ') });
  return { title: `Script reads the response: ${statusText(response)}`, lines, style: 'message', tone: 'good' };
}
