import type { ConnectionTransport } from '../protocol/transport';
import type { Runtime } from './browser';
import browser from './browser';

/** A runtime Port seen as a protocol transport (disconnects when the MV3 worker stops). */
export type PortTransport = ConnectionTransport;

export function portTransport(port: Runtime.Port): PortTransport {
  // postMessage on a disconnected port throws; after a disconnect, sends are
  // dropped instead: the panel reconnects and says hello again anyway.
  let connected = true;
  port.onDisconnect.addListener(() => {
    connected = false;
  });

  return {
    send(message) {
      if (connected) port.postMessage(message);
    },
    onMessage(listener) {
      const relay = (message: unknown) => {
        listener(message);
      };
      port.onMessage.addListener(relay);
      return () => {
        port.onMessage.removeListener(relay);
      };
    },
    onDisconnect(listener) {
      const relay = () => {
        listener();
      };
      port.onDisconnect.addListener(relay);
      return () => {
        port.onDisconnect.removeListener(relay);
      };
    },
    disconnect() {
      connected = false;
      port.disconnect();
    },
  };
}

/** Opens a port from an extension page (the panel) to the background. */
export function connectToBackground(portName: string): PortTransport {
  return portTransport(browser.runtime.connect({ name: portName }));
}

/**
 * Calls `onPort` for each incoming port with the given name. Call it
 * synchronously at the worker's top level, or a connection that wakes the
 * worker is missed.
 */
export function listenForPorts(portName: string, onPort: (transport: PortTransport) => void): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === portName) onPort(portTransport(port));
  });
}
