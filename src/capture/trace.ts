/**
 * What was seen of one webRequest request (one requestId), folded from its
 * events. Events may come duplicated, reordered or not at all: each fold step
 * only adds facts, so replaying the same events in another order ends close to
 * the same trace, and nothing here throws.
 */
import type { HeaderList } from '../cors';
import type { WebRequestEvent } from './events';

export interface TraceResponse {
  readonly status: number;
  readonly headers: HeaderList;
  readonly statusLine?: string;
  /** Which event it came from: headersReceived 3, responseStarted 2, completed 1. */
  readonly rank: number;
  /** When the response headers first arrived. */
  readonly at: number;
}

export interface TraceRedirect {
  readonly status: number;
  readonly headers: HeaderList;
  readonly location: string;
  readonly at: number;
}

/** One URL the request visited: the first, then one per redirect. */
export interface Hop {
  url: string;
  method: string;
  startedAt: number;
  requestHeaders?: HeaderList;
  /** beforeSendHeaders 1, sendHeaders 2: what was actually sent wins. */
  requestHeadersRank?: number;
  /** When the browser got past the preflight stage (beforeSendHeaders or sendHeaders). */
  sentAt?: number;
  response?: TraceResponse;
  redirect?: TraceRedirect;
  /** The CORS preflight sent before this hop (its own request, paired by the recorder). */
  preflight?: RequestTrace;
}

export type TraceEnd =
  | { readonly kind: 'completed'; readonly at: number }
  | { readonly kind: 'failed'; readonly error: string; readonly at: number };

export interface RequestTrace {
  readonly requestId: string;
  readonly tabId: number;
  readonly frameId: number;
  readonly type: string;
  readonly initiator?: string;
  startedAt: number;
  lastEventAt: number;
  /**
   * False when recording missed the request's start: its first event seen was one that
   * comes after the request headers went out (a response, a redirect, the completion).
   */
  sawStart: boolean;
  readonly hops: [Hop, ...Hop[]];
  end?: TraceEnd;
  fromCache?: boolean;
}

const REQUEST_HEADER_RANK = { beforeSendHeaders: 1, sendHeaders: 2 } as const;

/** Events that can be the first one of a request the recording saw from its start. */
const STARTING_EVENTS: ReadonlySet<WebRequestEvent['event']> = new Set([
  'beforeRequest',
  'beforeSendHeaders',
  'sendHeaders',
  'errorOccurred',
]);
const RESPONSE_RANK = { headersReceived: 3, responseStarted: 2, completed: 1 } as const;

export function newTrace(e: WebRequestEvent): RequestTrace {
  return {
    requestId: e.requestId,
    tabId: e.tabId,
    frameId: e.frameId,
    type: e.type,
    ...(e.initiator !== undefined ? { initiator: e.initiator } : {}),
    startedAt: e.timeStamp,
    lastEventAt: e.timeStamp,
    // A request refused before it was sent (its preflight failed, another extension blocked
    // it) has only its error: that is its whole life, not a missed start.
    sawStart: STARTING_EVENTS.has(e.event),
    hops: [{ url: e.url, method: e.method, startedAt: e.timeStamp }],
  };
}

export function lastHop(trace: RequestTrace): Hop {
  return trace.hops[trace.hops.length - 1] ?? trace.hops[0];
}

/** Latest activity of the request and of its preflights, for time-outs. */
export function lastActivity(trace: RequestTrace): number {
  let latest = trace.lastEventAt;
  for (const hop of trace.hops) {
    if (hop.preflight && hop.preflight.lastEventAt > latest) latest = hop.preflight.lastEventAt;
  }
  return latest;
}

/**
 * Folds one event into the trace. Returns whether anything a user could see
 * changed (so the verdict is recomputed only then).
 */
export function applyEvent(trace: RequestTrace, e: WebRequestEvent): boolean {
  const t = e.timeStamp;
  if (t > trace.lastEventAt) trace.lastEventAt = t;
  let changed = false;
  if (t < trace.startedAt) {
    trace.startedAt = t;
    trace.hops[0].startedAt = Math.min(trace.hops[0].startedAt, t);
    changed = true;
  }
  if (e.fromCache !== undefined && trace.fromCache !== e.fromCache) {
    trace.fromCache = e.fromCache;
    changed = true;
  }
  if (e.event === 'beforeRedirect') return noteRedirect(trace, e) || changed;

  const hop = hopFor(trace, e.url);
  if (hop.method !== e.method) {
    hop.method = e.method;
    changed = true;
  }
  switch (e.event) {
    case 'beforeRequest':
      changed = noteStart(trace) || changed;
      break;
    case 'beforeSendHeaders':
    case 'sendHeaders':
      changed = noteStart(trace) || changed;
      changed = noteSent(hop, e, REQUEST_HEADER_RANK[e.event]) || changed;
      break;
    case 'headersReceived':
    case 'responseStarted':
      changed = noteResponse(hop, e, RESPONSE_RANK[e.event]) || changed;
      break;
    case 'completed':
      changed = noteResponse(hop, e, RESPONSE_RANK.completed) || changed;
      changed = noteEnd(trace, { kind: 'completed', at: t }) || changed;
      break;
    case 'errorOccurred':
      changed =
        noteEnd(trace, { kind: 'failed', error: e.error ?? '(no error given)', at: t }) || changed;
      break;
  }
  return changed;
}

/** The hop an event belongs to: the latest one at its URL, else the current one. */
function hopFor(trace: RequestTrace, url: string): Hop {
  for (let i = trace.hops.length - 1; i >= 0; i--) {
    const hop = trace.hops[i];
    if (hop?.url === url) return hop;
  }
  return lastHop(trace);
}

function noteStart(trace: RequestTrace): boolean {
  if (trace.sawStart) return false;
  trace.sawStart = true;
  return true;
}

function noteSent(hop: Hop, e: WebRequestEvent, rank: number): boolean {
  let changed = false;
  if (hop.sentAt === undefined || e.timeStamp < hop.sentAt) {
    hop.sentAt = e.timeStamp;
    changed = true;
  }
  const headers = e.requestHeaders;
  const current = hop.requestHeadersRank ?? 0;
  if (
    headers &&
    (rank > current ||
      (rank === current && !(hop.requestHeaders && sameHeaders(hop.requestHeaders, headers))))
  ) {
    hop.requestHeaders = headers;
    hop.requestHeadersRank = rank;
    changed = true;
  }
  return changed;
}

function noteResponse(hop: Hop, e: WebRequestEvent, rank: number): boolean {
  if (e.statusCode === undefined) return false;
  const existing = hop.response;
  if (existing && existing.rank >= rank) return false;
  hop.response = {
    status: e.statusCode,
    // A listener registered without 'responseHeaders' gives none: keep what was seen.
    headers: e.responseHeaders ?? existing?.headers ?? [],
    ...(e.statusLine !== undefined ? { statusLine: e.statusLine } : {}),
    rank,
    at: existing ? Math.min(existing.at, e.timeStamp) : e.timeStamp,
  };
  return true;
}

function noteEnd(trace: RequestTrace, end: TraceEnd): boolean {
  // The browser ends a request once: a second final event is a duplicate.
  if (trace.end) return false;
  trace.end = end;
  return true;
}

function noteRedirect(trace: RequestTrace, e: WebRequestEvent): boolean {
  const location = e.redirectUrl;
  if (location === undefined) return false;
  const duplicate = trace.hops.some(
    (h) =>
      h.url === e.url &&
      h.redirect?.location === location &&
      h.redirect.at === e.timeStamp &&
      h.redirect.status === (e.statusCode ?? 0),
  );
  if (duplicate) return false;
  const atUrl = trace.hops.filter((h) => h.url === e.url);
  const candidates = atUrl.length > 0 ? atUrl : [lastHop(trace)];
  const target = candidates.reverse().find((h) => h.redirect === undefined);
  if (!target) return false;
  const status = e.statusCode ?? 0;
  // Without 'responseHeaders' on onBeforeRedirect, the 3xx's headers are those onHeadersReceived gave.
  const headers = e.responseHeaders ?? target.response?.headers ?? [];
  target.redirect = { status, headers, location, at: e.timeStamp };
  if (target === lastHop(trace)) {
    trace.hops.push({
      url: location,
      method: redirectedMethod(target.method, status),
      startedAt: e.timeStamp,
    });
  }
  return true;
}

/** Fetch's HTTP-redirect fetch: 301/302 turn POST into GET, 303 turns all but HEAD into GET. */
export function redirectedMethod(method: string, status: number): string {
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  if (status === 303 && method !== 'GET' && method !== 'HEAD') return 'GET';
  return method;
}

function sameHeaders(a: HeaderList, b: HeaderList): boolean {
  return (
    a.length === b.length &&
    a.every((h, i) => {
      const other = b[i];
      return h.name === other?.name && h.value === other.value;
    })
  );
}

/** First value of a header, case-insensitive name, as given. */
export function headerValue(headers: HeaderList | undefined, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers?.find((h) => h.name.toLowerCase() === lower)?.value;
}
