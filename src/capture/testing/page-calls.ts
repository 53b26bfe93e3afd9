/** Test helpers: the page probe's reports, as the relay delivers them. Used by tests only. */
import type { PageCallReport } from '../../protocol/page-report';
import type { Exchange } from '../exchange';
import { Recorder } from '../recorder';
import { API, PAGE, TAB } from './chromium-events';
import { exchangesOf } from './record';

let ids = 0;

/** A fetch() of `${API}/api/items` from the page, as the probe reports it. */
export function pageCall(
  overrides: Partial<PageCallReport> & { readonly startedAt: number },
): PageCallReport {
  ids += 1;
  return {
    callId: `n:${ids}`,
    api: 'fetch',
    origin: PAGE,
    url: `${API}/api/items`,
    method: 'GET',
    mode: 'cors',
    credentials: 'same-origin',
    redirect: 'follow',
    headers: [],
    outcome: { kind: 'pending' },
    nullReadHeaders: [],
    ...overrides,
  };
}

/** The TypeError a call refused in the page gets. */
export const FAILED_TO_FETCH = {
  kind: 'error',
  name: 'TypeError',
  message: 'Failed to fetch',
} as const;

/**
 * A call the browser refused before the network: only the page's report, and the grace
 * time after which the recorder files it as an exchange of its own.
 */
export function refusedInPage(
  report: Partial<PageCallReport>,
  recorder = new Recorder(),
  at = 1_700_000_000_000,
): Exchange[] {
  const call = pageCall({ startedAt: at, outcome: FAILED_TO_FETCH, ...report });
  recorder.handlePageCall(TAB, 0, undefined, call, at);
  recorder.expire(at + 2500);
  return [...exchangesOf(recorder)];
}
