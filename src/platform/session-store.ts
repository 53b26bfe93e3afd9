import browser from './browser';

/**
 * Where the recording survives worker restarts: storage.session lives as long as the
 * browser session, never touches disk, and is cleared when the browser quits.
 */
export const sessionArea = {
  getAll: (): Promise<Record<string, unknown>> => browser.storage.session.get(null),
  set: (items: Record<string, unknown>): Promise<void> => browser.storage.session.set(items),
  remove: (keys: string[]): Promise<void> => browser.storage.session.remove(keys),
};
