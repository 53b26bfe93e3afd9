import {
  DEFAULT_SETTINGS,
  isRecordingSettings,
  type RecordingSettings,
} from '../protocol/messages';

export interface SettingsStore {
  load(): Promise<unknown>;
  save(settings: RecordingSettings): Promise<void>;
}

type Listener = (settings: RecordingSettings) => void;

/** The recording settings: defaults until the stored ones load, then every change saved and announced. */
export class Settings {
  private value: RecordingSettings = DEFAULT_SETTINGS;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly store: SettingsStore,
    private readonly logger: { warn(message: string, ...details: unknown[]): void },
  ) {}

  async load(): Promise<void> {
    try {
      const stored = await this.store.load();
      if (stored !== undefined) {
        const merged: unknown = { ...DEFAULT_SETTINGS, ...(stored as object) };
        if (isRecordingSettings(merged)) this.set(merged);
        else this.logger.warn('[cors-lens] ignored invalid stored settings', stored);
      }
    } catch (error) {
      this.logger.warn('[cors-lens] could not read the settings', error);
    }
  }

  current(): RecordingSettings {
    return this.value;
  }

  update(patch: Partial<RecordingSettings>): void {
    this.set({ ...this.value, ...patch });
    this.store.save(this.value).catch((error: unknown) => {
      this.logger.warn('[cors-lens] could not save the settings', error);
    });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(value: RecordingSettings): void {
    this.value = value;
    for (const listener of this.listeners) listener(value);
  }
}
