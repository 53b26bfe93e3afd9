// Small runtime checks for message payloads. Hand-written rather than a schema
// library: the protocol is tiny, and these run on every message.

export type Guard<T> = (value: unknown) => value is T;

// The plain-JSON checks are the capture's: one definition for the whole domain.
export { isBoolean, isFiniteNumber, isRecord, isString } from '../capture/guards';

export function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Tab ids are non-negative integers (Chrome uses -1 for "no tab", which a panel never inspects). */
export const isTabId: Guard<number> = isNonNegativeInteger;

export function isArrayOf<T>(value: unknown, guard: Guard<T>): value is T[] {
  return Array.isArray(value) && value.every((item) => guard(item));
}
