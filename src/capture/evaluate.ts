/**
 * Turns an exchange record into what the panel sees: the observation, the
 * engine's verdict, the cached preflight that explains a missing one, and notes
 * on what the capture could not see. Runs once per batch for each changed
 * exchange, not on every event.
 */
import { cacheEntryFromPreflight, judge } from '../cors';
import type { Verdict } from '../cors';
import type { ResolvedOptions } from './options';
import type { PreflightCacheLog } from './preflight-cache-log';
import {
  judgeOrphan,
  observe,
  stateOf,
  toExchange,
  toObservedPreflight,
  type ExchangeRecord,
} from './record';
import { headerValue } from './trace';

/**
 * `live`: also looks the cache up for a missing preflight and records the
 * preflights that passed. `restore`: only rebuilds the view, because the cache
 * and the links were restored as they were and must stay so.
 */
export function evaluate(
  record: ExchangeRecord,
  cache: PreflightCacheLog,
  options: ResolvedOptions,
  mode: 'live' | 'restore' = 'live',
): void {
  const { trace } = record;
  const first = trace.hops[0];
  // A preflight seen for the first URL makes any cache explanation moot.
  if (first.preflight) delete record.cached;
  let observation = observe(record, options.browser);
  let verdict: Verdict;
  if (record.kind === 'orphan-preflight') {
    ({ observation, verdict } = judgeOrphan(observation));
  } else {
    verdict = judge(observation);
    if (mode === 'live' && !record.cached && !first.preflight && needsCachedPreflight(verdict)) {
      // Only once the request went out (or ended) is it certain no preflight is coming.
      const at = first.sentAt ?? trace.end?.at;
      const found =
        at === undefined
          ? undefined
          : cache.lookup(trace.tabId, trace.initiator ?? 'null', first.url, at, record.id);
      if (found) {
        record.cached = { entry: found.entry, from: found.exchangeId };
        observation = observe(record, options.browser);
        verdict = judge(observation);
      }
    }
  }
  if (mode === 'live') rememberPreflights(record, verdict, cache, options);
  record.view = toExchange(record, observation, verdict, noteFor(record, options));
}

function needsCachedPreflight(verdict: Verdict): boolean {
  return verdict.preflight.needed && verdict.preflight.seen === 'cached';
}

/**
 * Every preflight that passed leaves an entry in the browser's preflight cache,
 * stored when its response arrived, for the origin it was sent from, with the
 * credentials flag of the request it was for (a Cookie header sent).
 */
function rememberPreflights(
  record: ExchangeRecord,
  verdict: Verdict,
  cache: PreflightCacheLog,
  options: ResolvedOptions,
): void {
  const { trace } = record;
  for (const hop of trace.hops) {
    const preflight = hop.preflight;
    if (!preflight) continue;
    const observed = toObservedPreflight(preflight);
    if (!observed.response) continue;
    const failure = verdict.failure;
    if (failure?.stage === 'preflight' && failure.url === observed.url) continue;
    const pfHop = preflight.hops[0];
    const entry = cacheEntryFromPreflight({
      origin: headerValue(observed.requestHeaders, 'Origin') ?? trace.initiator ?? 'null',
      url: observed.url,
      credentials: headerValue(hop.requestHeaders, 'Cookie') !== undefined,
      responseHeaders: observed.response.headers,
      storedAt: (pfHop.redirect ?? pfHop.response)?.at ?? preflight.lastEventAt,
      browser: options.browser,
    });
    if (entry) cache.record({ tabId: trace.tabId, exchangeId: record.id, entry });
  }
}

function noteFor(record: ExchangeRecord, options: ResolvedOptions): string | undefined {
  const notes: string[] = [];
  if (record.kind === 'orphan-preflight') {
    notes.push(
      'The preflight was seen but not the request it was sent for (its events were lost, or it started before recording); the outcome is inferred from the preflight.',
    );
  } else if (record.kind === 'page-only') {
    notes.push(
      'Reported by the page: the browser refused this call before any request left, so there is no network request to show, only what the page saw.',
    );
  } else if (!record.trace.sawStart) {
    notes.push('Recording missed the start of this request: only what came after is shown.');
  }
  if (stateOf(record) === 'timed-out') {
    notes.push(
      `No final event within ${Math.round(options.timeoutMs / 1000)} s: the request may still be running (a stream, a long poll) or its events were lost.`,
    );
  }
  return notes.length > 0 ? notes.join(' ') : undefined;
}
