import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type RecordingSettings } from '../protocol/messages';
import { Settings, type SettingsStore } from './settings';

function memorySettings(initial: unknown) {
  const saved: RecordingSettings[] = [];
  const store: SettingsStore = {
    load: () => Promise.resolve(initial),
    save: (value) => {
      saved.push(value);
      return Promise.resolve();
    },
  };
  const logger = { warn: vi.fn() };
  return { settings: new Settings(store, logger), saved, logger };
}

describe('Settings', () => {
  it('starts from the defaults and saves nothing when nothing was stored', async () => {
    const { settings, saved } = memorySettings(undefined);
    await settings.load();
    expect(settings.current()).toEqual(DEFAULT_SETTINGS);
    expect(saved).toEqual([]);
  });

  it('loads valid stored settings as they are', async () => {
    const stored = {
      recordOnlyWithPanelOpen: true,
      maxExchangesPerTab: 200,
      keepSecretValues: true,
      pageProbe: false,
    };
    const { settings, saved } = memorySettings(stored);
    await settings.load();
    expect(settings.current()).toEqual(stored);
    expect(saved).toEqual([]);
  });

  it('drops unknown keys and invalid values, keeps the rest, and stores the clean result', async () => {
    const { settings, saved, logger } = memorySettings({
      recordOnlyWithPanelOpen: true,
      maxExchangesPerTab: 7,
      uploadTo: 'https://evil.example/',
    });
    await settings.load();
    const clean = { ...DEFAULT_SETTINGS, recordOnlyWithPanelOpen: true };
    expect(settings.current()).toEqual(clean);
    expect(saved).toEqual([clean]);
    expect(logger.warn).toHaveBeenCalledWith('[cors-lens] cleaned the stored settings', {
      invalid: ['maxExchangesPerTab'],
      unknown: ['uploadTo'],
    });
  });

  it('replaces garbage with the defaults', async () => {
    const { settings, saved } = memorySettings('garbage');
    await settings.load();
    expect(settings.current()).toEqual(DEFAULT_SETTINGS);
    expect(saved).toEqual([DEFAULT_SETTINGS]);
  });

  it('applies only the known, valid keys of an update, and tells subscribers', async () => {
    const { settings, saved } = memorySettings(undefined);
    await settings.load();
    const seen: RecordingSettings[] = [];
    settings.subscribe((value) => seen.push(value));
    settings.update({ keepSecretValues: true, maxExchangesPerTab: -1, extra: 1 });
    const expected = { ...DEFAULT_SETTINGS, keepSecretValues: true };
    expect(settings.current()).toEqual(expected);
    expect(Object.keys(saved[0] ?? {})).toEqual(Object.keys(DEFAULT_SETTINGS));
    expect(seen).toEqual([expected]);
  });

  it('keeps the defaults when the store cannot be read', async () => {
    const logger = { warn: vi.fn() };
    const settings = new Settings(
      { load: () => Promise.reject(new Error('quota')), save: () => Promise.resolve() },
      logger,
    );
    await settings.load();
    expect(settings.current()).toEqual(DEFAULT_SETTINGS);
    expect(logger.warn).toHaveBeenCalledOnce();
  });
});
