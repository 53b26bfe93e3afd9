import type { Validators } from './messages';
import type { Transport, Unsubscribe } from './transport';
import { isRecord } from './validate';

/** What travels on the wire: `{ type, payload }` for one message of map M. */
export type Envelope<M> = { [K in keyof M]: { type: K; payload: M[K] } }[keyof M];

/** One handler per incoming message: adding a message to a map forces handling it. */
export type Handlers<M> = { [K in keyof M]: (payload: M[K]) => void };

/**
 * Where the bridge reports messages it drops. Injected rather than `console`
 * so that this module type-checks without DOM or Node types (tsconfig.domain.json)
 * and tests can assert on warnings.
 */
export interface BridgeLogger {
  warn(message: string, ...details: unknown[]): void;
}

export interface BridgeOptions<In> {
  transport: Transport;
  /** Runtime checks for the messages this side receives. */
  validators: Validators<In>;
  handlers: Handlers<In>;
  logger: BridgeLogger;
}

export interface Bridge<Out> {
  send<K extends keyof Out & string>(type: K, payload: Out[K]): void;
  /** Stops handling incoming messages (the transport itself is left open). */
  dispose: Unsubscribe;
}

/**
 * Typed, validated messaging over a two-function transport. The other side
 * may run a different build (after an update) or be buggy: an unknown or
 * malformed message is dropped with a warning, never thrown.
 */
export function createBridge<In, Out>(options: BridgeOptions<In>): Bridge<Out> {
  const { transport, validators, handlers, logger } = options;

  const dispose = transport.onMessage((message) => {
    if (!isRecord(message) || typeof message.type !== 'string') {
      logger.warn('[cors-lens] ignored a malformed message', message);
      return;
    }
    const { type, payload } = message;
    // Own properties only: a message named "toString" or "__proto__" is unknown.
    if (!Object.prototype.hasOwnProperty.call(validators, type)) {
      logger.warn(`[cors-lens] ignored an unknown message "${type}"`, message);
      return;
    }
    const name = type as keyof In;
    if (!validators[name](payload)) {
      logger.warn(`[cors-lens] ignored a message "${type}" with an invalid payload`, payload);
      return;
    }
    handlers[name](payload);
  });

  return {
    send(type, payload) {
      transport.send({ type, payload });
    },
    dispose,
  };
}
