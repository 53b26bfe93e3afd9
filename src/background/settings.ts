import { DEFAULT_SETTINGS, readSettings, type RecordingSettings } from '../protocol/messages';

export interface SettingsStore {
  load(): Promise<unknown>;
  save(settings: RecordingSettings): Promise<void>;
}

type Listener = (settings: RecordingSettings) => void;

/**
 * The recording settings: defaults until the stored ones load, then every change saved and
 * announced. Only known keys with valid values are ever kept or stored: a stored object from
 * another version, or a forged one, is cleaned and saved back clean.
 */
export class Settings {
  private value: RecordingSettings = DEFAULT_SETTINGS;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly store: SettingsStore,
    private readonly logger: { warn(message: string, ...details: unknown[]): void },
  ) {}

  async load(): Promise<void> {
    let stored: unknown;
    try {
      stored = await this.store.load();
    } catch (error) {
      this.logger.warn('[cors-lens] could not read the settings', error);
      return;
    }
    if (stored === undefined) return;
    const { settings, invalid, unknown } = readSettings(stored);
    this.set({ ...DEFAULT_SETTINGS, ...settings });
    if (invalid.length > 0 || unknown.length > 0 || typeof stored !== 'object') {
      this.logger.warn('[cors-lens] cleaned the stored settings', { invalid, unknown });
      this.save();
    }
  }

  current(): RecordingSettings {
    return this.value;
  }

  /** Applies the known, valid keys of a patch; anything else is dropped. */
  update(patch: unknown): void {
    this.set({ ...this.value, ...readSettings(patch).settings });
    this.save();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private save(): void {
    this.store.save(this.value).catch((error: unknown) => {
      this.logger.warn('[cors-lens] could not save the settings', error);
    });
  }

  private set(value: RecordingSettings): void {
    this.value = value;
    for (const listener of this.listeners) listener(value);
  }
}
