import type { KeyValueArea } from '../keyed-snapshot-store';

/** A storage area in memory that copies values through JSON, as storage.session does. */
export function memoryArea(initial: Record<string, unknown> = {}): KeyValueArea & {
  contents: () => Record<string, unknown>;
  /** The keys of each `set`, in order. */
  writes: string[][];
} {
  const data = new Map<string, string>(
    Object.entries(initial).map(([key, value]) => [key, JSON.stringify(value)]),
  );
  const writes: string[][] = [];
  return {
    getAll: () =>
      Promise.resolve(
        Object.fromEntries([...data].map(([key, json]) => [key, JSON.parse(json) as unknown])),
      ),
    set: (items) => {
      writes.push(Object.keys(items));
      for (const [key, value] of Object.entries(items)) data.set(key, JSON.stringify(value));
      return Promise.resolve();
    },
    remove: (keys) => {
      for (const key of keys) data.delete(key);
      return Promise.resolve();
    },
    contents: () =>
      Object.fromEntries([...data].map(([key, json]) => [key, JSON.parse(json) as unknown])),
    writes,
  };
}
