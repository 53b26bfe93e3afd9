/** Stops a listener; returned by every `on…` registration. */
export type Unsubscribe = () => void;

/**
 * The two functions a bridge needs from any channel: a runtime Port in the
 * extension, an in-memory pair in tests. Messages are plain JSON values.
 */
export interface Transport {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): Unsubscribe;
}

/**
 * A transport that can be lost, like a runtime Port when the MV3 worker is
 * stopped. The panel reconnects on disconnect.
 */
export interface ConnectionTransport extends Transport {
  /** Fires once when the other end goes away. */
  onDisconnect(listener: () => void): Unsubscribe;
  disconnect(): void;
}
