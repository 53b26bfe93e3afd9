// Runtime checks for plain JSON read back from storage or handed over by the
// platform adapter. Hand-written: the shapes are small and this code must not
// depend on anything but the language.
import type { HeaderList } from '../cors';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

export function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

/** Absent (or undefined) is fine; present must pass the guard. */
export function optional(
  record: Record<string, unknown>,
  key: string,
  guard: (value: unknown) => boolean,
): boolean {
  const value = record[key];
  return value === undefined || guard(value);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isString);
}

/**
 * Header lines as webRequest gives them. Names and values are kept exactly as
 * seen (empty names, huge or non-ASCII values included): the engine decides what
 * they mean, the capture only must not lose them.
 */
export function isHeaderList(value: unknown): value is HeaderList {
  return (
    Array.isArray(value) && value.every((h) => isRecord(h) && isString(h.name) && isString(h.value))
  );
}
