import { describe, expect, it } from 'vitest';
import type { ConfirmModeState } from '../core/protocol.ts';
import { createChromiumConfirmation, type DebuggerApi, type DebuggerSource } from './chromiumConfirmation.ts';

// A stand-in for chrome.debugger: records commands; Target.setAutoAttach
// reports the tab's existing worker as Chromium does, before it answers.
function fakeDebugger(options: { refuseAttach?: string } = {}) {
  const commands: string[] = [];
  let onEvent: (source: DebuggerSource, method: string, params: unknown) => void = () => undefined;
  const api: DebuggerApi = {
    async attach(target) {
      if (options.refuseAttach) throw new Error(options.refuseAttach);
      commands.push(`attach ${target.tabId}`);
    },
    async detach(target) {
      commands.push(`detach ${target.tabId}`);
    },
    async sendCommand(target, method) {
      commands.push(`${target.sessionId ?? target.tabId} ${method}`);
      if (method === 'Target.setAutoAttach' && !target.sessionId) {
        // Delivered like chrome.debugger.onEvent: a task of its own, before the answer.
        await Promise.resolve();
        onEvent({ tabId: target.tabId }, 'Target.attachedToTarget', { sessionId: 'worker-1', waitingForDebugger: false, targetInfo: { type: 'worker' } });
      }
      return {};
    },
  };
  return { api, commands, listen: (listener: typeof onEvent) => (onEvent = listener) };
}

function setup(options: { refuseAttach?: string } = {}) {
  const fake = fakeDebugger(options);
  const changes: ConfirmModeState[] = [];
  const confirmation = createChromiumConfirmation({
    debugger: fake.api,
    now: () => 1_000,
    schedule: () => () => undefined,
    confirmed: () => undefined,
    changed: (state) => changes.push(state),
  });
  fake.listen((source, method, params) => confirmation.debuggerEvent(source, method, params));
  return { confirmation, changes, commands: fake.commands };
}

describe('createChromiumConfirmation', () => {
  it('turns on by attaching to the tab, and has its existing workers enabled before it says so', async () => {
    const { confirmation, changes, commands } = setup();
    await expect(confirmation.set(7, true)).resolves.toEqual({ tabId: 7, on: true, since: 1_000, problem: null });
    expect(commands).toEqual(['attach 7', '7 Network.enable', '7 Target.setAutoAttach', 'worker-1 Network.enable', 'worker-1 Target.setAutoAttach']);
    expect(changes).toEqual([{ tabId: 7, on: true, since: 1_000, problem: null }]);
    expect(confirmation.tabs()).toEqual([7]);
  });

  it('stays off, saying why, when Chromium refuses to attach', async () => {
    const { confirmation } = setup({ refuseAttach: 'Cannot access a chrome:// URL' });
    await expect(confirmation.set(7, true)).resolves.toEqual({
      tabId: 7,
      on: false,
      since: null,
      problem: 'Chromium refused to attach its debugger to this tab: Cannot access a chrome:// URL',
    });
    expect(confirmation.tabs()).toEqual([]);
  });

  it('goes off when the user closes the debugging banner, and says so', async () => {
    const { confirmation, changes } = setup();
    await confirmation.set(7, true);
    confirmation.debuggerDetached({ tabId: 7 }, 'canceled_by_user');
    expect(changes.at(-1)).toMatchObject({ on: false, problem: expect.stringContaining('Cancel') });
    expect(confirmation.tabs()).toEqual([]);
  });

  it('turns off by detaching', async () => {
    const { confirmation, commands } = setup();
    await confirmation.set(7, true);
    await expect(confirmation.set(7, false)).resolves.toMatchObject({ on: false, problem: null });
    expect(commands.at(-1)).toBe('detach 7');
  });

  it('after a restart, takes the tab still attached as its own', async () => {
    const { confirmation } = setup({ refuseAttach: 'Another debugger is already attached to the tab with id: 7.' });
    await confirmation.resume([7]);
    expect(confirmation.state(7)).toMatchObject({ on: true, problem: null });
  });
});
