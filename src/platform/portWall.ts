import type { Runtime } from 'webextension-polyfill';
import type { BridgeMessage, Wall } from '../core/messaging/wall.ts';

/** A runtime port as the bridge's transport (both ends: the worker and its clients). */
export function portWall(port: Runtime.Port): Wall {
  return {
    send: (message) => port.postMessage(message),
    listen: (receive) => {
      const listener = (message: unknown): void => receive(message as BridgeMessage);
      port.onMessage.addListener(listener);
      return () => port.onMessage.removeListener(listener);
    },
  };
}
