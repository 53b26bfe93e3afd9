import type { Transport } from './transport';

/**
 * Two connected in-memory transports, for tests and for feeding the panel
 * without a browser. Delivery is synchronous; messages go through JSON so
 * that anything that would not survive a real Port fails here too.
 */
export function createMemoryTransportPair(): [Transport, Transport] {
  const listeners: [Set<(m: unknown) => void>, Set<(m: unknown) => void>] = [new Set(), new Set()];

  const side = (own: 0 | 1): Transport => ({
    send(message) {
      const copy: unknown = JSON.parse(JSON.stringify(message));
      for (const listener of [...listeners[own === 0 ? 1 : 0]]) listener(copy);
    },
    onMessage(listener) {
      listeners[own].add(listener);
      return () => {
        listeners[own].delete(listener);
      };
    },
  });

  return [side(0), side(1)];
}
