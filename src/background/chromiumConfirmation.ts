import type { CdpNetworkParams } from '../core/confirm/chromiumReport.ts';
import type { Confirmation } from '../core/confirm/confirmVerdict.ts';
import { createConfirmer, REPORT_GRACE_MS, type Confirmer } from '../core/confirm/confirmer.ts';
import type { Schedule } from '../core/messaging/bridge.ts';
import type { ConfirmModeState, SequencedTransactionDto } from '../core/protocol.ts';

/** The part of chrome.debugger this uses (structural, so unit tests pass a fake). */
export interface DebuggerApi {
  attach(target: { tabId: number }, requiredVersion: string): Promise<void>;
  detach(target: { tabId: number }): Promise<void>;
  sendCommand(target: { tabId: number; sessionId?: string }, method: string, params?: object): Promise<unknown>;
}

export interface DebuggerSource {
  readonly tabId?: number;
  readonly sessionId?: string;
}

export interface ChromiumConfirmation {
  set(tabId: number, on: boolean): Promise<ConfirmModeState>;
  state(tabId: number): ConfirmModeState;
  /** Tabs with the mode on (what the worker persists). */
  tabs(): number[];
  /** Turns the mode back on for tabs that had it before the worker restarted. */
  resume(tabIds: readonly number[]): Promise<void>;
  transactionsAdded(tabId: number, items: readonly SequencedTransactionDto[]): void;
  debuggerEvent(source: DebuggerSource, method: string, params: unknown): void;
  debuggerDetached(source: DebuggerSource, reason: string): void;
  tabClosed(tabId: number): void;
}

export interface ChromiumConfirmationOptions {
  readonly debugger: DebuggerApi;
  readonly now: () => number;
  /** Runs `run` after `ms` (a timer), for giving up on reports that never come. */
  readonly schedule: Schedule;
  /** Chromium's report on a transaction arrived. */
  readonly confirmed: (tabId: number, seq: number, confirmation: Confirmation) => void;
  /** The mode went on or off for a tab (asked, or Chromium detached it). */
  readonly changed: (state: ConfirmModeState) => void;
}

const PROTOCOL_VERSION = '1.3';
// The page's workers and out-of-process iframes are targets of their own:
// attached paused as they start, so none of their requests is missed.
const AUTO_ATTACH = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true };

interface TabConfirmation {
  readonly confirmer: Confirmer;
  readonly since: number;
  /** While turning on: the enabling of the workers and iframes attached meanwhile. */
  starting: Promise<unknown>[] | null;
}

/**
 * "Confirm with Chromium": attaches chrome.debugger to a tab, reads what
 * Chromium itself reports of each request (Network events, from the page
 * and its workers and iframes), and holds each transaction against it (see
 * core/confirm/). Thin glue: the matching and the comparison live in core.
 */
export function createChromiumConfirmation(options: ChromiumConfirmationOptions): ChromiumConfirmation {
  const active = new Map<number, TabConfirmation>();
  const problems = new Map<number, string>();
  let sweeping = false;

  // While any transaction waits for its report, give up on the late ones now and then.
  const sweepLater = (): void => {
    if (sweeping) return;
    sweeping = true;
    options.schedule(() => {
      sweeping = false;
      const now = options.now();
      for (const tab of active.values()) tab.confirmer.expire(now);
      if ([...active.values()].some((tab) => tab.confirmer.waiting() > 0)) sweepLater();
    }, REPORT_GRACE_MS);
  };

  const state = (tabId: number): ConfirmModeState => {
    const tab = active.get(tabId);
    return { tabId, on: tab !== undefined, since: tab?.since ?? null, problem: problems.get(tabId) ?? null };
  };

  const start = (tabId: number): void => {
    const since = options.now();
    active.set(tabId, { since, starting: [], confirmer: createConfirmer(since, (seq, confirmation) => options.confirmed(tabId, seq, confirmation)) });
    problems.delete(tabId);
  };

  const enable = async (target: { tabId: number; sessionId?: string }): Promise<void> => {
    await options.debugger.sendCommand(target, 'Network.enable');
    await options.debugger.sendCommand(target, 'Target.setAutoAttach', AUTO_ATTACH);
  };

  // Started before attaching: the workers and iframes that exist already are
  // attached while Target.setAutoAttach runs, and each is enabled before
  // this resolves, so that no request of theirs made afterwards is missed.
  const turnOn = async (tabId: number, resuming: boolean): Promise<void> => {
    start(tabId);
    try {
      try {
        await options.debugger.attach({ tabId }, PROTOCOL_VERSION);
      } catch (error) {
        // After a worker restart the tab is usually still attached: ours.
        if (!(resuming && /already attached/i.test(messageOf(error)))) throw error;
      }
      await enable({ tabId });
      const tab = active.get(tabId);
      await Promise.all(tab?.starting ?? []);
      if (tab) tab.starting = null;
    } catch (error) {
      active.delete(tabId);
      throw error;
    }
  };

  return {
    async set(tabId, on) {
      if (on === active.has(tabId)) return state(tabId);
      if (on) {
        try {
          await turnOn(tabId, false);
        } catch (error) {
          problems.set(tabId, `Chromium refused to attach its debugger to this tab: ${messageOf(error)}`);
        }
      } else {
        active.delete(tabId);
        problems.delete(tabId);
        await options.debugger.detach({ tabId }).catch(() => undefined);
      }
      const now = state(tabId);
      options.changed(now);
      return now;
    },
    state,
    tabs: () => [...active.keys()],
    async resume(tabIds) {
      for (const tabId of tabIds) {
        try {
          await turnOn(tabId, true);
        } catch (error) {
          problems.set(tabId, `confirming stopped when CORS Lens restarted: ${messageOf(error)}`);
        }
        options.changed(state(tabId));
      }
    },
    transactionsAdded(tabId, items) {
      const tab = active.get(tabId);
      if (!tab) return;
      for (const item of items) tab.confirmer.judged(item.seq, item.transaction);
      if (tab.confirmer.waiting() > 0) sweepLater();
    },
    debuggerEvent(source, method, params) {
      const tabId = source.tabId;
      const tab = tabId === undefined ? undefined : active.get(tabId);
      if (!tab || tabId === undefined) return;
      if (method === 'Target.attachedToTarget') {
        const { sessionId, waitingForDebugger } = params as { sessionId: string; waitingForDebugger?: boolean };
        const child = { tabId, sessionId };
        const enabled = enable(child)
          .then(() => (waitingForDebugger ? options.debugger.sendCommand(child, 'Runtime.runIfWaitingForDebugger') : undefined))
          // A worker may be gone before it is enabled: nothing to confirm there.
          .catch(() => undefined);
        tab.starting?.push(enabled);
        return;
      }
      if (method === 'Target.detachedFromTarget') {
        const { sessionId } = params as { sessionId?: string };
        if (sessionId) tab.confirmer.sessionEnded(sessionId);
        return;
      }
      if (method.startsWith('Network.')) tab.confirmer.cdpEvent(method, params as CdpNetworkParams, source.sessionId);
    },
    debuggerDetached(source, reason) {
      const tabId = source.tabId;
      if (tabId === undefined || !active.delete(tabId)) return;
      if (reason === 'canceled_by_user') problems.set(tabId, 'the debugging banner was closed with "Cancel", which detaches CORS Lens: confirming stopped');
      else if (reason !== 'target_closed') problems.set(tabId, `Chromium detached the debugger (${reason}): confirming stopped`);
      options.changed(state(tabId));
    },
    tabClosed(tabId) {
      active.delete(tabId);
      problems.delete(tabId);
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
