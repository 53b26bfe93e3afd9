import type { ChangeBatch } from '../capture/changes';
import type { WebRequestEvent } from '../capture/events';
import type { Exchange } from '../capture/exchange';
import { DEFAULT_OPTIONS, type RecorderOptions } from '../capture/options';
import { Recorder } from '../capture/recorder';
import { pageReportWithoutSecrets, withoutSecrets } from '../capture/secrets-at-rest';
import type { PageCallReport } from '../protocol/page-report';
import type { TabLogChanges, TabLogView } from '../protocol/messages';
import type { SnapshotStore } from './keyed-snapshot-store';
import type { TabLogSource } from './panel-session';

export interface RecordingDeps {
  readonly store: SnapshotStore;
  readonly now: () => number;
  /** Runs `task` after `ms`; returns a cancel function. */
  readonly defer: (task: () => void, ms: number) => () => void;
  readonly logger: { warn(message: string, ...details: unknown[]): void };
  readonly options?: RecorderOptions;
  /** How long events gather before panels get one batch. */
  readonly flushDelayMs?: number;
  /**
   * Least time between the starts of two saves. A save goes through the browser process,
   * which also carries the page's network traffic: under a flood, saving back to back
   * slowed the page down. 0: no pause.
   */
  readonly saveIntervalMs?: number;
  /**
   * Least time between two sweeps for time-outs and unpaired preflights. A sweep walks
   * every route of every kept exchange; at each 50 ms flush it was the worker's largest
   * cost of its own under a flood (bench, capture overhead). Windows are 10 s and 60 s.
   */
  readonly expireIntervalMs?: number;
  /** When true, only tabs with a panel connected are recorded (a user setting). */
  readonly onlyWatchedTabs?: () => boolean;
  /** When true, secret header values are kept as sent (a user setting); else markers only. */
  readonly keepSecretValues?: () => boolean;
}

type Listener = (changes: TabLogChanges) => void;

const EMPTY_CHANGES: Omit<TabLogChanges, 'stats'> = {
  cleared: false,
  removed: [],
  upserts: [],
  markers: [],
};

/** Splits a recorder batch into what each tab's panels need. */
function perTab(batch: ChangeBatch): Map<number, TabLogChanges> {
  const byTab = new Map<number, TabLogChanges>();
  const entry = (tabId: number): TabLogChanges => {
    let found = byTab.get(tabId);
    if (!found) {
      found = { ...EMPTY_CHANGES, removed: [], upserts: [], markers: [], stats: null };
      byTab.set(tabId, found);
    }
    return found;
  };
  for (const tabId of batch.cleared) entry(tabId).cleared = true;
  for (const id of batch.removed) {
    // Exchange ids start with their tab id (`${tabId}:${requestId}`).
    const tabId = Number(id.slice(0, id.indexOf(':')));
    if (Number.isInteger(tabId)) entry(tabId).removed.push(id);
  }
  for (const exchange of batch.upserts) entry(exchange.tabId).upserts.push(exchange);
  for (const marker of batch.markers) entry(marker.tabId).markers.push(marker);
  for (const stats of batch.tabs) entry(stats.tabId).stats = stats;
  return byTab;
}

/**
 * The worker's recording: feeds webRequest events to the capture's Recorder, sends each
 * tab's panels batched changes, and keeps the state in a store so that a worker the
 * browser stopped resumes where it was. Events that arrive while the stored state is
 * still loading wait in a queue, so none is lost at start-up.
 */
export class Recording implements TabLogSource {
  private recorder: Recorder;
  private ready = false;
  private readonly restored: Promise<void>;
  private markRestored: () => void = () => undefined;
  private readonly queue: WebRequestEvent[] = [];
  private readonly listeners = new Map<number, Set<Listener>>();
  private watchedChanged: (() => void) | undefined;
  private cancelFlush: (() => void) | undefined;
  /** A save is running; `unsaved` says whether changes came in after it started. */
  private saving: Promise<void> | undefined;
  private unsaved = false;
  /** The last write failed: the next one rewrites every exchange, not just the changed. */
  private rewriteAll = false;
  private lastSaveAt = -Infinity;
  private lastExpireAt = -Infinity;
  private maxPerTab: number | undefined;
  /** A look for page-only calls is scheduled (handlePageReports). */
  private pageOnlyCheckPending = false;
  /** When the last failure reported by a page is past its grace time. */
  private pageOnlyDueAt = Number.NEGATIVE_INFINITY;
  /** What the last restore or save said, for the debug view. */
  lastProblem: string | undefined;

  constructor(private readonly deps: RecordingDeps) {
    this.recorder = new Recorder(deps.options);
    this.restored = new Promise((resolve) => {
      this.markRestored = resolve;
    });
  }

  whenReady(): Promise<void> {
    return this.restored;
  }

  async restore(): Promise<void> {
    let stored: unknown;
    try {
      stored = await this.deps.store.load();
    } catch (error) {
      this.report('could not read the stored recording', error);
    }
    if (stored !== undefined && stored !== null) {
      const { recorder, error } = Recorder.fromSnapshot(stored, this.deps.options);
      this.recorder = recorder;
      if (error) this.report(`started with an empty recording: ${error}`);
    }
    if (this.maxPerTab !== undefined) this.recorder.setMaxExchangesPerTab(this.maxPerTab);
    this.ready = true;
    for (const event of this.queue.splice(0)) this.record(event);
    this.scheduleFlush();
    this.markRestored();
  }

  handle(event: WebRequestEvent): void {
    if (!this.ready) {
      this.queue.push(event);
      return;
    }
    this.record(event);
    this.scheduleFlush();
  }

  private record(event: WebRequestEvent): void {
    if (this.deps.onlyWatchedTabs?.() && !this.listeners.has(event.tabId)) return;
    this.recorder.handle(this.deps.keepSecretValues?.() ? event : withoutSecrets(event));
  }

  /** Reports of the page probe that passed the gate, from one frame (src/probe). */
  handlePageReports(
    sender: {
      readonly tabId: number;
      readonly frameId: number;
      readonly origin: string | undefined;
    },
    reports: readonly PageCallReport[],
  ): void {
    // Before the stored recording is back, the exchanges they belong to are not: a report
    // is only news about a call, and the next one of the same call carries it all again.
    if (!this.ready || reports.length === 0) return;
    if (this.deps.onlyWatchedTabs?.() && !this.listeners.has(sender.tabId)) return;
    const keep = this.deps.keepSecretValues?.() ?? false;
    const now = this.deps.now();
    for (const report of reports) {
      this.recorder.handlePageCall(
        sender.tabId,
        sender.frameId,
        sender.origin,
        keep ? report : pageReportWithoutSecrets(report),
        now,
      );
    }
    this.scheduleFlush();
    if (reports.some((r) => r.outcome.kind === 'error')) {
      const grace = this.deps.options?.pageOnlyGraceMs ?? DEFAULT_OPTIONS.pageOnlyGraceMs;
      this.pageOnlyDueAt = now + grace + 100;
      this.lookForPageOnlyCalls();
    }
  }

  /**
   * A failed call no request comes for becomes an exchange only after the grace time: look
   * again then, even if no other event arrives to trigger a flush. One look is pending at a
   * time; a failure reported after it was scheduled is due later, so the look then schedules
   * the next one for it.
   */
  private lookForPageOnlyCalls(): void {
    const inMs = this.pageOnlyDueAt - this.deps.now();
    if (this.pageOnlyCheckPending || inMs <= 0) return;
    this.pageOnlyCheckPending = true;
    this.deps.defer(() => {
      this.pageOnlyCheckPending = false;
      this.flush(true);
      this.lookForPageOnlyCalls();
    }, inMs);
  }

  view(tabId: number): TabLogView {
    this.flush();
    const tab = this.recorder.tab(tabId);
    if (!tab) {
      return {
        exchanges: [],
        markers: [],
        stats: { tabId, size: 0, dropped: 0, preserveLog: true },
      };
    }
    const { exchanges, markers, ...stats } = tab;
    return { exchanges: [...exchanges], markers: [...markers], stats };
  }

  exchange(tabId: number, id: string): Exchange | undefined {
    const exchange = this.recorder.exchange(id);
    return exchange?.tabId === tabId ? exchange : undefined;
  }

  subscribe(tabId: number, listener: Listener): () => void {
    const set = this.listeners.get(tabId) ?? new Set<Listener>();
    set.add(listener);
    const added = !this.listeners.has(tabId);
    this.listeners.set(tabId, set);
    if (added) this.watchedChanged?.();
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(tabId) === set) {
        this.listeners.delete(tabId);
        this.watchedChanged?.();
      }
    };
  }

  /** Called when a tab gains its first panel or loses its last. */
  onWatchedTabsChange(callback: () => void): void {
    this.watchedChanged = callback;
  }

  clear(tabId: number): void {
    this.recorder.clearTab(tabId);
    this.scheduleFlush();
  }

  setPreserveLog(tabId: number, preserve: boolean): void {
    this.recorder.setPreserveLog(tabId, preserve);
    this.scheduleFlush();
  }

  /** The tab was closed: its log goes with it. */
  removeTab(tabId: number): void {
    this.recorder.removeTab(tabId);
    this.scheduleFlush();
  }

  /** The user's bound on each tab's log; applies now, and to a restored recording. */
  setMaxExchangesPerTab(max: number): void {
    this.maxPerTab = max;
    this.recorder.setMaxExchangesPerTab(max);
    this.scheduleFlush();
  }

  /** How many page probe calls the recorder holds, joined or waiting (bounded per tab). */
  pageCallStats(): ReturnType<Recorder['pageCallStats']> {
    return this.recorder.pageCallStats();
  }

  /** Tabs with a panel connected right now. */
  watchedTabs(): number[] {
    return [...this.listeners.keys()];
  }

  /** Sends what changed to the panels and schedules a save. */
  flush(expireNow = false): void {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    const now = this.deps.now();
    if (expireNow || now - this.lastExpireAt >= (this.deps.expireIntervalMs ?? 1000)) {
      this.lastExpireAt = now;
      this.recorder.expire(now);
    }
    const batch = this.recorder.drainChanges();
    const byTab = perTab(batch);
    if (byTab.size === 0) return;
    for (const [tabId, changes] of byTab) {
      for (const listener of this.listeners.get(tabId) ?? []) listener(changes);
    }
    void this.persist();
  }

  /**
   * Saves the state as soon as possible: at once, or right after the save in progress,
   * so a worker stopped by the browser loses at most what arrived during the last write.
   * Saves never overlap, and under a flood they are `saveIntervalMs` apart at the least.
   * Resolves when saved.
   */
  persist(): Promise<void> {
    this.unsaved = true;
    this.saving ??= this.saveWhileUnsaved();
    return this.saving;
  }

  private async saveWhileUnsaved(): Promise<void> {
    while (this.unsaved) {
      const wait = (this.deps.saveIntervalMs ?? 0) - (this.deps.now() - this.lastSaveAt);
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          this.deps.defer(resolve, wait);
        });
      }
      this.unsaved = false;
      this.lastSaveAt = this.deps.now();
      const delta = this.recorder.takeSnapshotDelta(this.rewriteAll);
      try {
        await this.deps.store.save(delta);
        this.rewriteAll = false;
      } catch (error) {
        this.rewriteAll = true;
        this.report(
          'could not save the recording (a stopped worker would lose recent exchanges)',
          error,
        );
      }
    }
    this.saving = undefined;
  }

  debug(): {
    ready: boolean;
    queued: number;
    saved: boolean;
    tabs: number[];
    lastProblem: string | undefined;
  } {
    return {
      ready: this.ready,
      queued: this.queue.length,
      /** Nothing waits to be written: a stop now loses nothing. */
      saved: this.saving === undefined && !this.unsaved,
      tabs: this.recorder.tabIds(),
      lastProblem: this.lastProblem,
    };
  }

  private scheduleFlush(): void {
    if (this.cancelFlush) return;
    this.cancelFlush = this.deps.defer(() => {
      this.cancelFlush = undefined;
      this.flush();
    }, this.deps.flushDelayMs ?? 50);
  }

  private report(message: string, error?: unknown): void {
    this.lastProblem =
      error === undefined
        ? message
        : `${message}: ${error instanceof Error ? error.message : JSON.stringify(error)}`;
    this.deps.logger.warn(`[cors-lens] ${this.lastProblem}`);
  }
}
