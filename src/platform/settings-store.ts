import type { RecordingSettings } from '../protocol/messages';
import browser from './browser';

const KEY = 'cors-lens:settings';

/** Settings outlive the browser session: storage.local. */
export const localSettingsStore = {
  async load(): Promise<unknown> {
    const stored = await browser.storage.local.get(KEY);
    return stored[KEY];
  },
  async save(settings: RecordingSettings): Promise<void> {
    await browser.storage.local.set({ [KEY]: settings });
  },
};
