/**
 * The capture state machine: webRequest events in, per-tab logs of judged
 * cross-origin exchanges out. Pure and synchronous: time only comes from the
 * events' timestamps and the `now` given to expire(), so the same input always
 * gives the same state, in a test as in the worker.
 *
 * Use: handle() every event; call expire(now) now and then (each batch is
 * fine); drainChanges() for what to send to the panels; toSnapshot() or
 * takeSnapshotDelta() to persist, Recorder.fromSnapshot() to resume.
 */
import type { ChangeBatch } from './changes';
import { classifyRequest } from './classify';
import { evaluate } from './evaluate';
import { isTerminalEvent, type WebRequestEvent } from './events';
import type { Exchange, ExchangeKind } from './exchange';
import { clearLog, discardPending, removeRecord } from './forget';
import { resolveOptions, type RecorderOptions } from './options';
import { parseUrl } from '../cors/url';
import { isSameOrigin } from './origin';
import { placePreflight, refreshPairing, sweepPairing } from './pairing';
import { preflightMethod, stateOf, type ExchangeRecord } from './record';
import { restoreInto, serializedExchangeOf, snapshotHeadOf, snapshotOf } from './recorder-snapshot';
import type { PageCallReport } from '../protocol/page-report';
import type { PageCall, PageCalls } from './page-calls';
import type { Route } from './routes';
import { copyJson, parseSnapshot, type RecorderSnapshot } from './snapshot';
import { listedExchangeIds, type SnapshotDelta } from './snapshot-parts';
import { createState, type RecorderState } from './state';
import { TabLog, type NavigationMarker, type TabStats } from './tab-log';
import {
  applyEvent,
  headerValue,
  lastActivity,
  lastHop,
  newTrace,
  type RequestTrace,
} from './trace';

export interface TabView extends TabStats {
  readonly markers: readonly NavigationMarker[];
  /** Oldest first. */
  readonly exchanges: readonly Exchange[];
}

export class Recorder {
  private readonly state: RecorderState;
  /** Requests of tab -1 (service workers) and the tab each was listed under, while in flight. */
  private readonly attributed = new Map<string, number>();

  constructor(options: RecorderOptions = {}) {
    this.state = createState(resolveOptions(options));
  }

  /**
   * Resumes from a snapshot. Corrupt or foreign data gives an empty recorder and
   * says why; it never throws, so a bad stored state cannot keep the worker down.
   */
  static fromSnapshot(
    json: unknown,
    options: RecorderOptions = {},
  ): { recorder: Recorder; error?: string } {
    const recorder = new Recorder(options);
    try {
      // A private copy: the caller's object must not become the recorder's mutable state.
      const parsed = parseSnapshot(copyJson(json));
      if (typeof parsed === 'string') return { recorder, error: parsed };
      const { state } = recorder;
      restoreInto(state, parsed);
      for (const record of recordsBySeq(state, state.records.keys())) {
        evaluate(record, state.cache, state.options, 'restore');
      }
    } catch (error) {
      // Cyclic or BigInt input fails the copy; a half-restored state would be worse than none.
      return {
        recorder: new Recorder(options),
        error: `the stored capture state could not be restored: ${String(error)}`,
      };
    }
    return { recorder };
  }

  toSnapshot(): RecorderSnapshot {
    this.flush();
    return snapshotOf(this.state);
  }

  /**
   * What to write since the last delta: the head, and the bodies of the exchanges that
   * changed (every body when `full`, e.g. after a failed write). A store that keeps the
   * parts rebuilds the whole snapshot with joinSnapshot().
   */
  takeSnapshotDelta(full = false): SnapshotDelta {
    this.flush();
    const head = snapshotHeadOf(this.state);
    const { unsaved } = this.state;
    const ids = full ? listedExchangeIds(head) : [...unsaved];
    unsaved.clear();
    const changed = ids.flatMap((id) => serializedExchangeOf(this.state, id) ?? []);
    return { head, changed, full };
  }

  // ---- events -------------------------------------------------------------

  handle(event: WebRequestEvent): void {
    // webRequest reports absolute URLs only: an event whose URL (or redirect target) does not
    // parse comes from a corrupted or crafted stream and cannot be placed in any exchange.
    if (!placeable(event)) return;
    if (event.type === 'main_frame') {
      this.noteNavigation(event);
      return;
    }
    const e = event.tabId === -1 ? this.attributeToTab(event) : event;
    const route = this.state.routes.get(e.requestId);
    if (route && !this.startsAnew(route, e)) this.continueRoute(e.requestId, route, e);
    else this.start(e);
  }

  /**
   * A page's service worker makes its requests with tabId -1 (docs/cors-reference.md §6.4).
   * When exactly one tab shows a page of the request's initiator origin, the request is
   * listed under that tab; otherwise under -1 ("other"). Decided once per request, so all
   * its events land in the same place.
   */
  private attributeToTab(e: WebRequestEvent): WebRequestEvent {
    let tabId = this.attributed.get(e.requestId);
    if (tabId === undefined) {
      const showing =
        e.initiator === undefined
          ? []
          : [...this.state.tabs.values()].filter((tab) => tab.showsOrigin(e.initiator ?? ''));
      tabId = showing.length === 1 ? (showing[0]?.tabId ?? -1) : -1;
      this.attributed.set(e.requestId, tabId);
    }
    if (isTerminalEvent(e.event)) this.attributed.delete(e.requestId);
    return tabId === -1 ? e : { ...e, tabId };
  }

  /**
   * A beforeRequest stamped after its requestId ended is a new request reusing
   * the id; one stamped before is a late or duplicated event of the old one
   * (redirects fire beforeRequest again while the request is still running).
   */
  private startsAnew(route: Route, e: WebRequestEvent): boolean {
    if (e.event !== 'beforeRequest') return false;
    let end: number | undefined;
    switch (route.kind) {
      case 'tombstone':
        end = route.ended ? route.at : undefined;
        break;
      case 'exchange': {
        const record = this.state.records.get(route.exchangeId);
        end = record ? record.trace.end?.at : -Infinity;
        break;
      }
      default:
        end = route.trace.end?.at;
    }
    return end !== undefined && e.timeStamp > end;
  }

  private start(e: WebRequestEvent): void {
    const kind = classifyRequest(e);
    if (kind === 'ignored') return;
    const trace = newTrace(e);
    applyEvent(trace, e);
    const { routes } = this.state;
    if (e.method === 'OPTIONS') {
      // Preflight or the page's own OPTIONS: only the request headers tell.
      routes.set(e.requestId, { kind: 'options', trace });
      this.resolveOptions(trace);
    } else if (kind === 'same-origin') {
      routes.set(e.requestId, { kind: 'watch', trace });
      this.resolveWatch(trace);
    } else {
      this.createExchange(trace, 'request');
    }
  }

  private continueRoute(requestId: string, route: Route, e: WebRequestEvent): void {
    switch (route.kind) {
      case 'tombstone':
        route.at = Math.max(route.at, e.timeStamp);
        if (isTerminalEvent(e.event)) route.ended = true;
        return;
      case 'exchange':
      case 'preflight': {
        const record = this.state.records.get(route.exchangeId);
        if (!record) {
          this.state.routes.set(requestId, { kind: 'tombstone', at: e.timeStamp, ended: false });
          return;
        }
        this.applyToRecord(record, route.kind === 'exchange' ? record.trace : route.trace, e);
        return;
      }
      case 'waiting':
        applyEvent(route.trace, e);
        return;
      case 'options':
        applyEvent(route.trace, e);
        this.resolveOptions(route.trace);
        return;
      case 'watch':
        applyEvent(route.trace, e);
        this.resolveWatch(route.trace);
        return;
    }
  }

  private applyToRecord(record: ExchangeRecord, trace: RequestTrace, e: WebRequestEvent): void {
    const { dirty, inFlight } = this.state;
    if (applyEvent(trace, e)) dirty.add(record.id);
    if (record.timedOut) {
      // Not dead after all: in flight again until its final event or the next time-out.
      record.timedOut = false;
      inFlight.add(record.id);
      dirty.add(record.id);
    }
    if (trace === record.trace) refreshPairing(this.state, record);
  }

  /** A same-origin request becomes an exchange once a redirect takes it to another origin. */
  private resolveWatch(trace: RequestTrace): void {
    const initiator = trace.initiator ?? 'null';
    if (trace.hops.some((hop) => !isSameOrigin(initiator, hop.url))) {
      this.createExchange(trace, 'request');
    } else if (trace.end) {
      this.state.routes.delete(trace.requestId);
    }
  }

  /**
   * An OPTIONS request is a CORS preflight iff it carries
   * Access-Control-Request-Method; the page's own OPTIONS is a request like any other.
   */
  private resolveOptions(trace: RequestTrace): void {
    const headers = trace.hops[0].requestHeaders;
    if (!headers) return;
    const method = headerValue(headers, 'Access-Control-Request-Method')?.trim();
    if (method !== undefined) placePreflight(this.state, trace, method);
    else this.settleAsRequest(trace);
  }

  private settleAsRequest(trace: RequestTrace): void {
    if (classifyRequest({ ...trace, url: lastHop(trace).url }) === 'same-origin') {
      this.state.routes.set(trace.requestId, { kind: 'watch', trace });
      this.resolveWatch(trace);
    } else {
      this.createExchange(trace, 'request');
    }
  }

  private createExchange(trace: RequestTrace, kind: ExchangeKind): void {
    const { state } = this;
    const base = `${trace.tabId}:${trace.requestId}`;
    const id = state.records.has(base) ? `${base}#${state.seq}` : base;
    const record: ExchangeRecord = { id, seq: state.seq++, kind, trace, timedOut: false };
    state.records.set(id, record);
    const preflight = trace.hops[0].preflight;
    if (kind === 'request') {
      state.routes.set(trace.requestId, { kind: 'exchange', exchangeId: id });
    } else if (preflight) {
      state.routes.set(preflight.requestId, {
        kind: 'preflight',
        exchangeId: id,
        trace: preflight,
      });
    }
    if (kind === 'request' && trace.type === 'xmlhttprequest') {
      const first = trace.hops[0];
      const call = state.pageCalls.exchange({
        id,
        tabId: trace.tabId,
        frameId: trace.frameId,
        method: first.method,
        url: first.url,
        startedAt: trace.startedAt,
        initiator: trace.initiator ?? 'null',
      });
      if (call) record.page = call.report;
    }
    this.addToLog(record);
    refreshPairing(state, record);
  }

  private addToLog(record: ExchangeRecord): void {
    const { state } = this;
    if (stateOf(record) === 'in-flight') state.inFlight.add(record.id);
    const log = this.tabLog(record.trace.tabId);
    for (const evicted of log.add(record.id, state.options.maxExchangesPerTab)) {
      removeRecord(state, evicted, true);
    }
    state.dirty.add(record.id);
  }

  // ---- the page probe -----------------------------------------------------

  /**
   * One validated report of the page probe (src/probe), from the frame the extension says
   * sent it. `origin` is the browser's for that frame where known. Joined to the exchange
   * its call made, now or when that exchange appears; see page-calls.ts.
   */
  handlePageCall(
    tabId: number,
    frameId: number,
    origin: string | undefined,
    report: PageCallReport,
    now: number,
  ): void {
    const { state } = this;
    const call = state.pageCalls.report(
      tabId,
      frameId,
      { value: origin ?? report.origin, fromBrowser: origin !== undefined },
      report,
      now,
    );
    const record = call.exchangeId === undefined ? undefined : state.records.get(call.exchangeId);
    if (!record) return;
    record.page = call.report;
    state.dirty.add(record.id);
  }

  /**
   * Calls the page saw fail and no webRequest event came for, past the grace time: the
   * browser refused them before the network. Only cross-origin ones (or another scheme)
   * become exchanges; same-origin calls are not what this log shows.
   */
  private settlePageOnly(now: number): void {
    const { state } = this;
    for (const call of state.pageCalls.sweep(now, state.options.pageOnlyGraceMs)) {
      const { report } = call;
      const failed =
        report.outcome.kind === 'error' &&
        (report.outcome.name === 'TypeError' ||
          (report.api === 'xhr' && report.outcome.name === 'error'));
      if (!failed) continue;
      if (isSameOrigin(call.origin, report.url) && report.mode !== 'same-origin') continue;
      this.createPageOnly(call, now);
    }
  }

  private createPageOnly(call: PageCall, now: number): void {
    const { state } = this;
    const { report } = call;
    const requestId = `page:${call.frameId}:${report.callId}`;
    const id = `${call.tabId}:${requestId}`;
    if (state.records.has(id)) return;
    const error =
      report.outcome.kind === 'error'
        ? `${report.outcome.name}: ${report.outcome.message}`
        : 'failed in the page';
    const trace: RequestTrace = {
      requestId,
      tabId: call.tabId,
      frameId: call.frameId,
      type: 'xmlhttprequest',
      initiator: call.origin,
      startedAt: report.startedAt,
      lastEventAt: now,
      sawStart: true,
      hops: [{ url: report.url, method: report.method, startedAt: report.startedAt }],
      end: { kind: 'failed', error, at: call.receivedAt },
    };
    const record: ExchangeRecord = {
      id,
      seq: state.seq++,
      kind: 'page-only',
      trace,
      timedOut: false,
      page: report,
    };
    state.records.set(id, record);
    state.pageCalls.joinPageOnly(call, id);
    this.addToLog(record);
  }

  /** A preflight that found no request within the window is shown on its own rather than lost. */
  private createOrphan(preflight: RequestTrace): void {
    const url = preflight.hops[0].url;
    const initiator = preflight.initiator ?? 'null';
    if (isSameOrigin(initiator, url)) {
      // Only a tainted redirect sends a preflight to the initiator's origin; alone it explains nothing.
      this.state.routes.delete(preflight.requestId);
      return;
    }
    const trace: RequestTrace = {
      requestId: preflight.requestId,
      tabId: preflight.tabId,
      frameId: preflight.frameId,
      type: preflight.type,
      initiator,
      startedAt: preflight.startedAt,
      lastEventAt: preflight.startedAt,
      sawStart: false,
      hops: [
        {
          url,
          method: preflightMethod(preflight) ?? 'OPTIONS',
          startedAt: preflight.startedAt,
          preflight,
        },
      ],
    };
    this.createExchange(trace, 'orphan-preflight');
  }

  // ---- tabs ---------------------------------------------------------------

  private tabLog(tabId: number): TabLog {
    let tab = this.state.tabs.get(tabId);
    if (!tab) {
      tab = new TabLog(tabId, this.state.options.preserveLogByDefault);
      this.state.tabs.set(tabId, tab);
    }
    return tab;
  }

  /**
   * A main-frame request starts a new page in the tab: mark it, and without
   * "preserve log" start the log afresh (as DevTools does: what was in flight
   * is discarded with the rest).
   */
  private noteNavigation(e: WebRequestEvent): void {
    if (e.event !== 'beforeRequest' || e.tabId < 0) return;
    const tab = this.tabLog(e.tabId);
    if (tab.lastNavigationRequestId === e.requestId) return;
    tab.lastNavigationRequestId = e.requestId;
    if (!tab.preserveLog) clearLog(this.state, tab);
    const marker: NavigationMarker = {
      kind: 'navigation',
      tabId: e.tabId,
      url: e.url,
      at: e.timeStamp,
      seq: this.state.seq++,
    };
    tab.addMarker(marker);
    this.state.changes.marker(marker);
  }

  /** The panel's "clear": empties the tab's log (its setting and the preflight cache stay). */
  clearTab(tabId: number): void {
    const tab = this.state.tabs.get(tabId);
    if (tab) clearLog(this.state, tab);
    else this.state.changes.clear(tabId);
  }

  /** The tab was closed: everything about it goes. */
  removeTab(tabId: number): void {
    const tab = this.state.tabs.get(tabId);
    if (tab) clearLog(this.state, tab);
    else discardPending(this.state, tabId);
    this.state.tabs.delete(tabId);
    this.state.pageCalls.forgetTab(tabId);
    this.state.cache.removeTab(tabId);
    this.state.changes.close(tabId);
  }

  setPreserveLog(tabId: number, preserve: boolean): void {
    this.tabLog(tabId).preserveLog = preserve;
    this.state.changes.tab(tabId);
  }

  /** Changes how many exchanges each tab keeps; a log over the new bound drops its oldest now. */
  setMaxExchangesPerTab(max: number): void {
    const { state } = this;
    state.options = resolveOptions({ ...state.options, maxExchangesPerTab: max });
    for (const tab of state.tabs.values()) {
      const evicted = tab.trim(state.options.maxExchangesPerTab);
      for (const id of evicted) removeRecord(state, id, true);
      if (evicted.length > 0) state.changes.tab(tab.tabId);
    }
  }

  // ---- time ---------------------------------------------------------------

  /**
   * Settles what waited too long, as of `now` (ms since the epoch): exchanges
   * with no event for the time-out become `timed-out`; preflights that found no
   * request within the pairing window become orphan exchanges; OPTIONS whose
   * headers never came are taken as the page's own; stale bookkeeping goes.
   */
  expire(now: number): void {
    const { records, routes, pairing, inFlight, options, dirty } = this.state;
    // Judge what is pending as of its own events, before the cache is pruned under it.
    this.flush();
    // Pending requests first: the exchanges they become then time out like any other.
    for (const [requestId, route] of [...routes]) {
      // Settling one may have settled another (an OPTIONS turned request adopts a waiting preflight).
      if (routes.get(requestId) !== route) continue;
      switch (route.kind) {
        case 'waiting':
          if (now - route.trace.startedAt > options.pairingWindowMs) {
            pairing.preflights.delete(route.key, requestId);
            this.createOrphan(route.trace);
          }
          break;
        case 'options':
          if (now - route.trace.lastEventAt > options.pairingWindowMs) {
            this.settleAsRequest(route.trace);
          }
          break;
        case 'watch':
          if (now - route.trace.lastEventAt > options.timeoutMs) routes.delete(requestId);
          break;
        case 'tombstone':
          if (now - route.at > options.timeoutMs) routes.delete(requestId);
          break;
        default:
          break;
      }
    }
    for (const id of inFlight) {
      const record = records.get(id);
      if (!record || stateOf(record) !== 'in-flight') {
        inFlight.delete(id);
      } else if (now - lastActivity(record.trace) > options.timeoutMs) {
        record.timedOut = true;
        inFlight.delete(id);
        dirty.add(id);
      }
    }
    sweepPairing(this.state, now);
    this.settlePageOnly(now);
    this.state.cache.prune(now);
  }

  // ---- reading ------------------------------------------------------------

  /** Recomputes the verdicts of changed exchanges, oldest first (a preflight cached by one explains the next). */
  private flush(): void {
    const { dirty, cache, options, changes } = this.state;
    if (dirty.size === 0) return;
    const records = recordsBySeq(this.state, dirty);
    dirty.clear();
    for (const record of records) {
      evaluate(record, cache, options);
      changes.upsert(record.id, record.trace.tabId);
      this.state.unsaved.add(record.id);
    }
  }

  /** What changed since the last call, for one batched message to the panels. */
  drainChanges(): ChangeBatch {
    this.flush();
    return this.state.changes.drain(
      (id) => this.state.records.get(id)?.view,
      (tabId) => this.state.tabs.get(tabId)?.stats(),
    );
  }

  /** Whether drainChanges() would report anything (to skip sending empty batches). */
  hasChanges(): boolean {
    return this.state.dirty.size > 0 || !this.state.changes.isEmpty();
  }

  exchange(id: string): Exchange | undefined {
    this.flush();
    return this.state.records.get(id)?.view;
  }

  tab(tabId: number): TabView | undefined {
    this.flush();
    const tab = this.state.tabs.get(tabId);
    if (!tab) return undefined;
    const exchanges: Exchange[] = [];
    for (const id of tab.ids) {
      const view = this.state.records.get(id)?.view;
      if (view) exchanges.push(view);
    }
    return { ...tab.stats(), markers: [...tab.markers], exchanges };
  }

  pageCallStats(): ReturnType<PageCalls['stats']> {
    return this.state.pageCalls.stats();
  }

  tabIds(): number[] {
    return [...this.state.tabs.keys()];
  }
}

function recordsBySeq(state: RecorderState, ids: Iterable<string>): ExchangeRecord[] {
  const out: ExchangeRecord[] = [];
  for (const id of ids) {
    const record = state.records.get(id);
    if (record) out.push(record);
  }
  return out.sort((a, b) => a.seq - b.seq);
}

function placeable(event: WebRequestEvent): boolean {
  if (parseUrl(event.url) === null) return false;
  return event.event !== 'beforeRedirect' || parseUrl(event.redirectUrl ?? '') !== null;
}
