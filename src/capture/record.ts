/**
 * The recorder's working copy of an exchange: the traces it is built from, and
 * the derived observation and verdict the panel sees.
 */
import { judge, requestedMethod } from '../cors';
import { parseUrl } from '../cors/url';
import type {
  BrowserFamily,
  HeaderList,
  ExchangeObservation,
  ObservedPreflight,
  ObservedRedirect,
  Outcome,
  PageCallFacts,
  PreflightCacheEntry,
  Verdict,
} from '../cors';
import type { Exchange, ExchangeKind, ExchangeState, PreflightSummary } from './exchange';
import type { PageCallReport } from '../protocol/page-report';
import { lastHop, type Hop, type RequestTrace } from './trace';

export interface CachedPreflightLink {
  readonly entry: PreflightCacheEntry;
  /** The exchange whose preflight left the entry. */
  readonly from: string;
}

export interface ExchangeRecord {
  readonly id: string;
  readonly seq: number;
  readonly kind: ExchangeKind;
  /** For an orphan preflight: a stand-in request whose only hop holds the preflight. */
  readonly trace: RequestTrace;
  timedOut: boolean;
  cached?: CachedPreflightLink;
  /** The pairing key under which the current hop waits for a preflight, if it is indexed. */
  pairKey?: string;
  /** What the page probe reported of the call that made it, once joined (src/capture/page-calls.ts). */
  page?: PageCallReport;
  /** The latest derived view; absent until first evaluated. */
  view?: Exchange;
}

/** The trace whose end decides the state: the request's, or an orphan's preflight. */
function governingTrace(record: ExchangeRecord): RequestTrace {
  return record.kind === 'orphan-preflight'
    ? (record.trace.hops[0].preflight ?? record.trace)
    : record.trace;
}

export function stateOf(record: ExchangeRecord): ExchangeState {
  if (governingTrace(record).end) return 'done';
  return record.timedOut ? 'timed-out' : 'in-flight';
}

export function toObservedPreflight(preflight: RequestTrace): ObservedPreflight {
  const hop = preflight.hops[0];
  // Preflights never follow redirects: a 3xx is the preflight's response.
  const response = hop.redirect ?? hop.response;
  const end = preflight.end;
  return {
    url: hop.url,
    requestHeaders: hop.requestHeaders ?? [],
    ...(response ? { response: { status: response.status, headers: response.headers } } : {}),
    ...(!response && end?.kind === 'failed' ? { error: end.error } : {}),
  };
}

/**
 * A redirect the browser refused shows only as a 3xx in headersReceived followed by
 * errorOccurred, with no beforeRedirect (measured in Chromium 156, e.g. a Location with
 * user:password or a redirect response without CORS headers). It is still a redirect hop:
 * the engine must check it as one.
 */
function refusedRedirect(
  url: string,
  response: { status: number; headers: HeaderList } | undefined,
  failed: boolean,
): ObservedRedirect | undefined {
  if (!failed || !response || response.status < 300 || response.status > 399) return undefined;
  const location = response.headers.find((h) => h.name.toLowerCase() === 'location')?.value;
  if (location === undefined) return undefined;
  const target = parseUrl(location, url)?.href;
  return target === undefined
    ? undefined
    : { url, status: response.status, headers: response.headers, location: target };
}

/** When the browser consulted its preflight cache: as the request went out, else as it ended. */
function judgedAt(trace: RequestTrace): number {
  return trace.hops[0].sentAt ?? trace.end?.at ?? trace.lastEventAt;
}

export function observe(record: ExchangeRecord, browser: BrowserFamily): ExchangeObservation {
  const { trace } = record;
  const first = trace.hops[0];
  const last = lastHop(trace);
  const redirects: ObservedRedirect[] = [];
  trace.hops.forEach((hop, i) => {
    const next = trace.hops[i + 1];
    if (!hop.redirect || !next) return;
    redirects.push({
      url: hop.url,
      status: hop.redirect.status,
      headers: hop.redirect.headers,
      location: hop.redirect.location,
      ...(next.preflight ? { preflight: toObservedPreflight(next.preflight) } : {}),
    });
  });
  const outcome: Outcome = trace.end
    ? trace.end.kind === 'completed'
      ? { kind: 'completed' }
      : { kind: 'failed', error: trace.end.error }
    : { kind: 'in-flight' };
  let finalResponse = last.redirect ? undefined : last.response;
  const refused = refusedRedirect(last.url, finalResponse, trace.end?.kind === 'failed');
  if (refused) {
    redirects.push(refused);
    finalResponse = undefined;
  }
  return {
    initiatorOrigin: trace.initiator ?? 'null',
    request: {
      url: first.url,
      method: first.method,
      ...(first.requestHeaders
        ? { headers: first.requestHeaders }
        : record.kind === 'page-only' && record.page
          ? // Never sent: what the page set is all there is (secret values already masked).
            { headers: record.page.headers.map(([name, value]) => ({ name, value })) }
          : {}),
    },
    ...(finalResponse
      ? { response: { status: finalResponse.status, headers: finalResponse.headers } }
      : {}),
    ...(first.preflight ? { preflight: toObservedPreflight(first.preflight) } : {}),
    ...(redirects.length > 0 ? { redirects } : {}),
    ...(record.cached && !first.preflight ? { cachedPreflight: record.cached.entry } : {}),
    resourceType: trace.type,
    outcome,
    browser,
    now: judgedAt(trace),
    ...(record.page ? pageFields(record.page, record.kind === 'page-only') : {}),
  };
}

/** What the page probe read replaces what the engine would infer. */
function pageFields(
  report: PageCallReport,
  beforeNetwork: boolean,
): Pick<
  ExchangeObservation,
  'mode' | 'credentials' | 'targetAddressSpace' | 'readResponseHeaders' | 'page'
> {
  const space = report.targetAddressSpace;
  const { outcome } = report;
  const page: PageCallFacts = {
    api: report.api,
    redirect: report.redirect,
    beforeNetwork,
    ...(outcome.kind === 'error'
      ? { error: { name: outcome.name, message: outcome.message } }
      : {}),
    ...(report.csp ? { csp: report.csp } : {}),
    ...(report.callSite ? { callSite: report.callSite } : {}),
  };
  return {
    mode: report.mode,
    credentials: report.credentials,
    ...(space === 'local' || space === 'loopback' || space === 'public'
      ? { targetAddressSpace: space }
      : {}),
    ...(report.nullReadHeaders.length > 0 ? { readResponseHeaders: report.nullReadHeaders } : {}),
    page,
  };
}

/**
 * An orphan preflight's request was not seen, but a preflight that failed
 * settles it: Chromium fails the request with the preflight's network error, or
 * with net::ERR_FAILED when the preflight's CORS check failed. Otherwise its
 * outcome is unknown and stays in-flight.
 */
export function judgeOrphan(observation: ExchangeObservation): {
  observation: ExchangeObservation;
  verdict: Verdict;
} {
  const verdict = judge(observation);
  const error = observation.preflight?.error ?? (verdict.failure ? 'net::ERR_FAILED' : undefined);
  if (error === undefined) return { observation, verdict };
  const settled = { ...observation, outcome: { kind: 'failed', error } as const };
  return { observation: settled, verdict: judge(settled) };
}

/** The method an orphan preflight asked for: its Access-Control-Request-Method. */
export function preflightMethod(preflight: RequestTrace): string | undefined {
  return requestedMethod(toObservedPreflight(preflight));
}

function preflightSummaries(trace: RequestTrace): PreflightSummary[] {
  const out: PreflightSummary[] = [];
  trace.hops.forEach((hop: Hop, i) => {
    const pf = hop.preflight;
    if (!pf) return;
    const pfHop = pf.hops[0];
    const response = pfHop.redirect ?? pfHop.response;
    const statusLine = pfHop.response?.statusLine;
    out.push({
      hop: i,
      requestId: pf.requestId,
      url: pfHop.url,
      timings: {
        startedAt: pf.startedAt,
        ...(pfHop.sentAt !== undefined ? { sentAt: pfHop.sentAt } : {}),
        ...(response ? { responseAt: response.at } : {}),
        ...(pf.end ? { endedAt: pf.end.at } : {}),
      },
      ...(statusLine !== undefined ? { statusLine } : {}),
    });
  });
  return out;
}

export function toExchange(
  record: ExchangeRecord,
  observation: ExchangeObservation,
  verdict: Verdict,
  note: string | undefined,
): Exchange {
  const { trace } = record;
  const first = trace.hops[0];
  const last = lastHop(trace);
  const response = last.redirect ? undefined : last.response;
  const governing = governingTrace(record);
  const endedAt = governing.end?.at;
  return {
    id: record.id,
    seq: record.seq,
    tabId: trace.tabId,
    frameId: trace.frameId,
    requestId: trace.requestId,
    kind: record.kind,
    state: stateOf(record),
    timings: {
      startedAt: trace.startedAt,
      ...(first.sentAt !== undefined ? { sentAt: first.sentAt } : {}),
      ...(response ? { responseAt: response.at } : {}),
      ...(endedAt !== undefined ? { endedAt } : {}),
    },
    finalUrl: last.url,
    ...(response?.statusLine !== undefined ? { statusLine: response.statusLine } : {}),
    ...(trace.fromCache !== undefined ? { fromCache: trace.fromCache } : {}),
    preflights: preflightSummaries(trace),
    ...(record.cached && !first.preflight ? { cachedFrom: record.cached.from } : {}),
    ...(note !== undefined ? { note } : {}),
    observation,
    verdict,
  };
}
