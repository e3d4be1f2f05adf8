import type { BridgeMessage, Wall } from './wall.ts';

/** Schedules `run` after `ms`; returns a cancel function. Injected: the core reads no clock. */
export type Schedule = (run: () => void, ms: number) => () => void;

type Handlers<Requests extends Record<string, [unknown, unknown]>> = {
  [K in keyof Requests]?: (params: Requests[K][0]) => Requests[K][1] | Promise<Requests[K][1]>;
};

/** A request that failed: the other side's error, a timeout, or a transport gone. */
export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  /** Set when the failure carries a code (thrown as a BridgeError with one by a handler): compare it, never the message. */
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

export interface Bridge<Requests extends Record<string, [unknown, unknown]>, Events extends Record<string, unknown>> {
  request<K extends keyof Requests & string>(method: K, params: Requests[K][0], options?: { timeoutMs?: number }): Promise<Requests[K][1]>;
  emit<K extends keyof Events & string>(name: K, payload: Events[K]): void;
  on<K extends keyof Events & string>(name: K, listener: (payload: Events[K]) => void): () => void;
  /** Rejects every request still waiting (the transport is gone) and stops listening. */
  close(reason: string): void;
}

export interface BridgeOptions<Requests extends Record<string, [unknown, unknown]>> {
  readonly handlers?: Handlers<Requests>;
  readonly schedule?: Schedule;
  readonly defaultTimeoutMs?: number;
}

/** A typed request/response and event channel over a Wall (React DevTools' bridge, Apollo's RPC). */
export function createBridge<Requests extends Record<string, [unknown, unknown]>, Events extends Record<string, unknown>>(
  wall: Wall,
  options: BridgeOptions<Requests> = {},
): Bridge<Requests, Events> {
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; cancelTimer: () => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const respond = async (message: Extract<BridgeMessage, { kind: 'request' }>): Promise<void> => {
    const handler = options.handlers?.[message.method as keyof Requests];
    if (!handler) {
      wall.send({ kind: 'error', id: message.id, message: `unknown request "${message.method}"` });
      return;
    }
    try {
      wall.send({ kind: 'response', id: message.id, result: await handler(message.params) });
    } catch (error) {
      const code = error instanceof BridgeError ? error.code : undefined;
      wall.send({ kind: 'error', id: message.id, message: error instanceof Error ? error.message : String(error), ...(code === undefined ? {} : { code }) });
    }
  };

  const stopListening = wall.listen((message) => {
    switch (message.kind) {
      case 'request':
        void respond(message);
        break;
      case 'response':
      case 'error': {
        const waiting = pending.get(message.id);
        if (!waiting) return;
        pending.delete(message.id);
        waiting.cancelTimer();
        if (message.kind === 'response') waiting.resolve(message.result);
        else waiting.reject(new BridgeError(message.message, message.code));
        break;
      }
      case 'event':
        for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
        break;
    }
  });

  return {
    request(method, params, requestOptions = {}) {
      const id = nextId++;
      const timeoutMs = requestOptions.timeoutMs ?? options.defaultTimeoutMs;
      return new Promise((resolve, reject) => {
        const cancelTimer =
          timeoutMs !== undefined && options.schedule
            ? options.schedule(() => {
                pending.delete(id);
                reject(new BridgeError(`"${method}" got no answer within ${timeoutMs} ms`));
              }, timeoutMs)
            : () => undefined;
        pending.set(id, { resolve, reject, cancelTimer });
        try {
          wall.send({ kind: 'request', id, method, params });
        } catch (error) {
          pending.delete(id);
          cancelTimer();
          reject(new BridgeError(`"${method}" could not be sent: ${error instanceof Error ? error.message : String(error)}`));
        }
      });
    },
    emit(name, payload) {
      wall.send({ kind: 'event', name, payload });
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    close(reason) {
      stopListening();
      for (const [id, waiting] of pending) {
        waiting.cancelTimer();
        waiting.reject(new BridgeError(reason));
        pending.delete(id);
      }
    },
  };
}
