/**
 * Messages over any two-function transport (a runtime port, a window, an
 * in-memory pair in tests). Requests get a response or an error; events flow
 * one way. Nothing here knows about extensions.
 */
export interface Wall {
  send(message: BridgeMessage): void;
  /** Registers the receiver; returns a function that unregisters it. */
  listen(receive: (message: BridgeMessage) => void): () => void;
}

export type BridgeMessage =
  | { readonly kind: 'request'; readonly id: number; readonly method: string; readonly params: unknown }
  | { readonly kind: 'response'; readonly id: number; readonly result: unknown }
  /** `code`, when set, names the failure for a client that acts on it (the protocol's codes); `message` is for people. */
  | { readonly kind: 'error'; readonly id: number; readonly message: string; readonly code?: string }
  | { readonly kind: 'event'; readonly name: string; readonly payload: unknown };

/** Two Walls joined in memory: what one sends, the other receives (for tests and same-process use). */
export function createLoopbackWalls(): [Wall, Wall] {
  const receivers: [Set<(message: BridgeMessage) => void>, Set<(message: BridgeMessage) => void>] = [new Set(), new Set()];
  // Messages cross as JSON, as they would over a runtime port: a value that
  // does not survive that fails here, in tests, not in the extension.
  const wall = (own: 0 | 1): Wall => ({
    send: (message) => {
      const copy = JSON.parse(JSON.stringify(message)) as BridgeMessage;
      queueMicrotask(() => {
        for (const receive of receivers[own === 0 ? 1 : 0]) receive(copy);
      });
    },
    listen: (receive) => {
      receivers[own].add(receive);
      return () => receivers[own].delete(receive);
    },
  });
  return [wall(0), wall(1)];
}
