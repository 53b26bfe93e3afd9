/**
 * Joins what the page probe reported (one fetch() or XHR call, src/probe) to the webRequest
 * exchange that call caused. Nothing in a report names the request: the join is by tab (the
 * sender's, as webRequest's), method and URL (absolute, no fragment, as both report them),
 * the same frame first, then time order. Identical calls in flight pair first with first, as the
 * browser starts them in call order. Either side may come first: webRequest events reach
 * the worker directly, reports go through the page, the relay's batches and a message.
 */
import type { PageCallReport } from '../protocol/page-report';

export interface PageCall {
  readonly tabId: number;
  readonly frameId: number;
  /** The calling document's origin: the browser's for the sender where known, else the report's. */
  readonly origin: string;
  /** Whether `origin` is the browser's (MessageSender.origin) rather than the page's word. */
  readonly originFromBrowser: boolean;
  report: PageCallReport;
  /** When its first report arrived (ms since the epoch). */
  readonly receivedAt: number;
  /** The exchange it explains, once joined (a webRequest exchange or a page-only one). */
  exchangeId?: string;
}

/** What the matcher needs of an exchange: its first hop as webRequest saw it. */
export interface MatchableExchange {
  readonly id: string;
  readonly tabId: number;
  readonly frameId: number;
  readonly method: string;
  readonly url: string;
  readonly startedAt: number;
  /** The request's initiator origin, as webRequest reports it. */
  readonly initiator: string;
}

export interface PageCallOptions {
  /** How much earlier than the call (by the two clocks) an exchange may seem to start. */
  readonly clockSkewMs: number;
  /** How long either side waits for the other before it is left unmatched. */
  readonly matchWindowMs: number;
  /** Calls kept per tab; the oldest go first. */
  readonly maxCallsPerTab: number;
}

export const DEFAULT_PAGE_CALL_OPTIONS: PageCallOptions = {
  clockSkewMs: 1000,
  matchWindowMs: 30_000,
  maxCallsPerTab: 1000,
};

// By tab, not frame: Chromium 156 reports a fetch() made in an about:blank iframe under the
// parent's frameId in webRequest, while the iframe's relay is its own sender (measured,
// e2e/page-probe.spec.ts). The same frame is preferred; another frame's call joins only
// when the browser vouches that its document has the request's initiator origin, so a
// cross-origin iframe (an ad) cannot relabel the page's own exchanges.
const matchKey = (tabId: number, method: string, url: string) =>
  `${tabId}|${method.toUpperCase()}|${url}`;

/** The first item of the frame's own that fits, else of another frame that may stand in. */
function pick<T extends { readonly frameId: number }>(
  items: readonly T[],
  frameId: number,
  fits: (item: T) => boolean,
  standsIn: (item: T) => boolean,
): number {
  const own = items.findIndex((item) => item.frameId === frameId && fits(item));
  return own >= 0 ? own : items.findIndex((item) => fits(item) && standsIn(item));
}

function mayJoinAcrossFrames(call: PageCall, exchange: MatchableExchange): boolean {
  return call.originFromBrowser && call.origin === exchange.initiator;
}

const callKey = (tabId: number, frameId: number, callId: string) => `${tabId}|${frameId}|${callId}`;

export class PageCalls {
  /** Every call kept, by tab, in arrival order (the oldest first, for eviction). */
  private readonly byTab = new Map<number, Map<string, PageCall>>();
  private readonly waitingCalls = new Map<string, PageCall[]>();
  private readonly waitingExchanges = new Map<string, MatchableExchange[]>();
  /** Where each waiting exchange is listed: forgetting one must not scan them all. */
  private readonly waitingKeyOf = new Map<string, string>();
  private readonly byExchange = new Map<string, PageCall>();

  constructor(private readonly options: PageCallOptions = DEFAULT_PAGE_CALL_OPTIONS) {}

  /**
   * A report arrived: a new call, or news of one already known (its outcome, a header the
   * page read). Returns the call and, if it is joined, its exchange's id.
   */
  report(
    tabId: number,
    frameId: number,
    origin: { readonly value: string; readonly fromBrowser: boolean },
    report: PageCallReport,
    now: number,
  ): PageCall {
    const key = callKey(tabId, frameId, report.callId);
    let tab = this.byTab.get(tabId);
    const known = tab?.get(key);
    if (known) {
      // The probe's later reports of a call only add to it; the URL and method stay.
      known.report = { ...report, url: known.report.url, method: known.report.method };
      return known;
    }
    if (!tab) {
      tab = new Map();
      this.byTab.set(tabId, tab);
    }
    const call: PageCall = {
      tabId,
      frameId,
      origin: origin.value,
      originFromBrowser: origin.fromBrowser,
      report,
      receivedAt: now,
    };
    tab.set(key, call);
    for (const [oldKey, old] of tab) {
      if (tab.size <= this.options.maxCallsPerTab) break;
      tab.delete(oldKey);
      this.unlink(old);
    }
    const mk = matchKey(tabId, report.method, report.url);
    const exchanges = this.waitingExchanges.get(mk) ?? [];
    const index = pick(
      exchanges,
      frameId,
      (x) => x.startedAt >= report.startedAt - this.options.clockSkewMs,
      (x) => mayJoinAcrossFrames(call, x),
    );
    const exchange = index >= 0 ? exchanges[index] : undefined;
    if (exchange) {
      exchanges.splice(index, 1);
      if (exchanges.length === 0) this.waitingExchanges.delete(mk);
      this.waitingKeyOf.delete(exchange.id);
      this.join(call, exchange.id);
    } else {
      this.waitingCalls.set(mk, [...(this.waitingCalls.get(mk) ?? []), call]);
    }
    return call;
  }

  /** A new exchange of a fetch() or XHR: the call that made it, if it was reported already. */
  exchange(x: MatchableExchange): PageCall | undefined {
    const mk = matchKey(x.tabId, x.method, x.url);
    const calls = this.waitingCalls.get(mk) ?? [];
    const index = pick(
      calls,
      x.frameId,
      (c) => c.report.startedAt <= x.startedAt + this.options.clockSkewMs,
      (c) => mayJoinAcrossFrames(c, x),
    );
    const call = index >= 0 ? calls[index] : undefined;
    if (call) {
      calls.splice(index, 1);
      if (calls.length === 0) this.waitingCalls.delete(mk);
      this.join(call, x.id);
      return call;
    }
    this.waitingExchanges.set(mk, [...(this.waitingExchanges.get(mk) ?? []), x]);
    this.waitingKeyOf.set(x.id, mk);
    return undefined;
  }

  /** The call joined to an exchange, if any. */
  callOf(exchangeId: string): PageCall | undefined {
    return this.byExchange.get(exchangeId);
  }

  /** Joins a call no exchange came for to the page-only exchange made for it. */
  joinPageOnly(call: PageCall, exchangeId: string): void {
    const mk = matchKey(call.tabId, call.report.method, call.report.url);
    const calls = this.waitingCalls.get(mk)?.filter((c) => c !== call) ?? [];
    if (calls.length === 0) this.waitingCalls.delete(mk);
    else this.waitingCalls.set(mk, calls);
    this.join(call, exchangeId);
  }

  /**
   * Ages both sides: what waited past the match window is left unmatched for good. Returns
   * the calls still waiting that settled at least `graceMs` ago (the recorder decides which
   * of them never reached the network).
   */
  sweep(now: number, graceMs: number): PageCall[] {
    const settled: PageCall[] = [];
    for (const [mk, calls] of this.waitingCalls) {
      const kept = calls.filter((c) => now - c.receivedAt <= this.options.matchWindowMs);
      if (kept.length === 0) this.waitingCalls.delete(mk);
      else if (kept.length !== calls.length) this.waitingCalls.set(mk, kept);
      for (const call of kept) {
        if (call.report.outcome.kind !== 'pending' && now - call.receivedAt >= graceMs) {
          settled.push(call);
        }
      }
    }
    for (const [mk, exchanges] of this.waitingExchanges) {
      const kept = exchanges.filter((x) => now - x.startedAt <= this.options.matchWindowMs);
      if (kept.length === exchanges.length) continue;
      for (const x of exchanges) if (!kept.includes(x)) this.waitingKeyOf.delete(x.id);
      if (kept.length === 0) this.waitingExchanges.delete(mk);
      else this.waitingExchanges.set(mk, kept);
    }
    return settled;
  }

  /** An exchange left the log: its call stays known but is joined to nothing. */
  forgetExchange(exchangeId: string): void {
    const call = this.byExchange.get(exchangeId);
    if (call) {
      this.byExchange.delete(exchangeId);
      delete call.exchangeId;
    }
    const mk = this.waitingKeyOf.get(exchangeId);
    if (mk === undefined) return;
    this.waitingKeyOf.delete(exchangeId);
    const kept = this.waitingExchanges.get(mk)?.filter((x) => x.id !== exchangeId) ?? [];
    if (kept.length === 0) this.waitingExchanges.delete(mk);
    else this.waitingExchanges.set(mk, kept);
  }

  /** A tab closed or its log was cleared. */
  forgetTab(tabId: number): void {
    for (const call of this.byTab.get(tabId)?.values() ?? []) this.unlink(call);
    this.byTab.delete(tabId);
    const prefix = `${tabId}|`;
    for (const [mk, exchanges] of [...this.waitingExchanges]) {
      if (!mk.startsWith(prefix)) continue;
      this.waitingExchanges.delete(mk);
      for (const x of exchanges) this.waitingKeyOf.delete(x.id);
    }
  }

  /** Sizes, for the worker's debug view and the bounds tests. */
  stats(): { calls: number; waitingCalls: number; waitingExchanges: number; joined: number } {
    let calls = 0;
    for (const tab of this.byTab.values()) calls += tab.size;
    let waitingCalls = 0;
    for (const list of this.waitingCalls.values()) waitingCalls += list.length;
    let waitingExchanges = 0;
    for (const list of this.waitingExchanges.values()) waitingExchanges += list.length;
    return { calls, waitingCalls, waitingExchanges, joined: this.byExchange.size };
  }

  private join(call: PageCall, exchangeId: string): void {
    call.exchangeId = exchangeId;
    this.byExchange.set(exchangeId, call);
  }

  private unlink(call: PageCall): void {
    if (call.exchangeId !== undefined) this.byExchange.delete(call.exchangeId);
    const mk = matchKey(call.tabId, call.report.method, call.report.url);
    const calls = this.waitingCalls.get(mk)?.filter((c) => c !== call);
    if (calls === undefined) return;
    if (calls.length === 0) this.waitingCalls.delete(mk);
    else this.waitingCalls.set(mk, calls);
  }
}
