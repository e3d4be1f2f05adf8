import { isSameOrigin } from '../fetch/origin.ts';
import { isCorsEnabledMode, type RequestMode } from './corsRequest.ts';

/** Why CORS does not apply to a request, when it does not. */
export type NotCorsReason = 'same-origin' | 'same-origin-mode' | 'no-cors-mode' | 'navigation' | 'websocket';

/**
 * Why CORS does not apply to a request of this mode (Fetch Standard "main
 * fetch"): a navigation, a WebSocket, a request to its own origin (known
 * with both the URL and the initiator's origin), or a mode without CORS.
 * Undefined when it applies.
 */
export function notCorsReason(question: { readonly mode: RequestMode; readonly url?: string; readonly initiatorOrigin?: string }): NotCorsReason | undefined {
  if (question.mode === 'navigate') return 'navigation';
  if (question.mode === 'websocket') return 'websocket';
  if (question.url !== undefined && question.initiatorOrigin !== undefined && isSameOrigin(question.initiatorOrigin, question.url)) {
    return 'same-origin';
  }
  // A cross-origin request in same-origin mode is rejected, never preflighted.
  if (question.mode === 'same-origin') return 'same-origin-mode';
  if (!isCorsEnabledMode(question.mode)) return 'no-cors-mode';
  return undefined;
}
