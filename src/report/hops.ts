/**
 * The HTTP requests one exchange consists of, as HAR entries list them: each hop of the
 * request (the first URL, then each redirect target it followed) and the preflight sent
 * before a hop, with what was seen of each.
 */
import type { ExchangeObservation, HeaderList, ObservedPreflight, ObservedResponse } from '../cors';
import type { Exchange, PreflightSummary, RequestTimings } from '../capture/exchange';

export interface Hop {
  readonly index: number;
  readonly url: string;
  readonly method: string;
  /** Only the first hop's request headers are recorded; absent when it never left. */
  readonly requestHeaders?: HeaderList;
  readonly response?: ObservedResponse;
  /** For a redirect hop: where the response pointed (followed, or refused by the browser). */
  readonly redirectTo?: string;
  readonly preflight?: ObservedPreflight;
  readonly preflightSummary?: PreflightSummary;
  /** The final hop: it carries the outcome and the exchange's status line. */
  readonly final: boolean;
}

/** The method after a redirect: 303 (and 301/302 for POST) turn it into GET, as Fetch does. */
export function methodAfterRedirect(method: string, status: number): string {
  if (method.toUpperCase() === 'HEAD') return method;
  if (status === 303) return 'GET';
  if ((status === 301 || status === 302) && method.toUpperCase() === 'POST') return 'GET';
  return method;
}

/**
 * A refused redirect (no CORS headers, credentials in the Location…) is the last redirect
 * of the observation, and the request never went on to its target: the last hop seen is
 * the redirect's own URL and nothing answered.
 */
function lastRedirectRefused(exchange: Exchange): boolean {
  const obs = exchange.observation;
  const last = obs.redirects?.at(-1);
  return (
    last !== undefined &&
    obs.outcome.kind === 'failed' &&
    obs.response === undefined &&
    exchange.finalUrl === last.url &&
    last.location !== last.url
  );
}

export function hopsOf(exchange: Exchange): Hop[] {
  const obs: ExchangeObservation = exchange.observation;
  const redirects = obs.redirects ?? [];
  const refused = lastRedirectRefused(exchange);
  const summaries = new Map(exchange.preflights.map((p) => [p.hop, p]));
  const hops: Hop[] = [];
  let method = obs.request.method;
  const count = refused ? redirects.length : redirects.length + 1;
  for (let i = 0; i < count; i++) {
    const redirect = redirects[i];
    const previous = redirects[i - 1];
    const preflight = i === 0 ? obs.preflight : previous?.preflight;
    const summary = summaries.get(i);
    const response: ObservedResponse | undefined = redirect
      ? { status: redirect.status, headers: redirect.headers }
      : obs.response;
    hops.push({
      index: i,
      url: i === 0 ? obs.request.url : (previous?.location ?? obs.request.url),
      method,
      ...(i === 0 && obs.request.headers ? { requestHeaders: obs.request.headers } : {}),
      ...(response ? { response } : {}),
      ...(redirect ? { redirectTo: redirect.location } : {}),
      ...(preflight ? { preflight } : {}),
      ...(summary ? { preflightSummary: summary } : {}),
      final: i === count - 1,
    });
    if (redirect) method = methodAfterRedirect(method, redirect.status);
  }
  return hops;
}

/** Start times of the hops: only the first is recorded; a later one starts no earlier than its preflight. */
export function hopStartTimes(hops: readonly Hop[], timings: RequestTimings): number[] {
  const starts: number[] = [];
  let previous = timings.startedAt;
  for (const hop of hops) {
    const start =
      hop.index === 0
        ? timings.startedAt
        : Math.max(previous, hop.preflightSummary?.timings.startedAt ?? previous);
    starts.push(start);
    previous = start;
  }
  return starts;
}
