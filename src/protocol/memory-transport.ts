import type { ConnectionTransport } from './transport';

/**
 * Two connected in-memory transports, for tests and for feeding the panel
 * without a browser. Delivery is synchronous; messages go through JSON so
 * that anything that would not survive a real Port fails here too. Either
 * side can disconnect, like a Port when the MV3 worker stops.
 */
interface Listeners {
  message: Set<(m: unknown) => void>;
  disconnect: Set<() => void>;
}

export function createMemoryTransportPair(): [ConnectionTransport, ConnectionTransport] {
  const ends: [Listeners, Listeners] = [
    { message: new Set(), disconnect: new Set() },
    { message: new Set(), disconnect: new Set() },
  ];
  let connected = true;

  const side = (own: 0 | 1): ConnectionTransport => {
    const other = ends[own === 0 ? 1 : 0];
    return {
      send(message) {
        if (!connected) return;
        const copy: unknown = JSON.parse(JSON.stringify(message));
        for (const listener of [...other.message]) listener(copy);
      },
      onMessage(listener) {
        ends[own].message.add(listener);
        return () => {
          ends[own].message.delete(listener);
        };
      },
      onDisconnect(listener) {
        ends[own].disconnect.add(listener);
        return () => {
          ends[own].disconnect.delete(listener);
        };
      },
      disconnect() {
        if (!connected) return;
        connected = false;
        // Like a Port: only the other end hears about it.
        for (const listener of [...other.disconnect]) listener();
      },
    };
  };

  return [side(0), side(1)];
}
