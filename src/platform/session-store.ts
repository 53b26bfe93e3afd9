import browser from './browser';

const KEY = 'cors-lens:recording';

/**
 * The recording's home across worker restarts: storage.session lives as long as the
 * browser session, never touches disk, and is cleared when the browser quits.
 */
export const sessionSnapshotStore = {
  async load(): Promise<unknown> {
    const stored = await browser.storage.session.get(KEY);
    return stored[KEY];
  },
  async save(snapshot: unknown): Promise<void> {
    await browser.storage.session.set({ [KEY]: snapshot });
  },
};
