/**
 * The card's headers, side by side: each step on the wire (preflight, request,
 * redirect hop) as a request column and a response column, CORS-relevant lines
 * marked, and the header the failed check looked for shown as a ghost line
 * where it was missing. Pure: tested in Node.
 */
import type { CorsFailure, ExchangeObservation, HeaderList, Verdict } from '../../cors';

export interface HeaderRow {
  readonly name: string;
  readonly value: string;
  /** A line that matters to CORS (Origin, Access-Control-*, Vary, Cookie...). */
  readonly relevant: boolean;
  /** The header the failed check needed and this response lacked. */
  readonly ghost?: boolean;
  /** Shown instead of the value (for a ghost: what was expected). */
  readonly note?: string;
}

export interface HeaderColumn {
  /** `Request`, `Response 204`... */
  readonly title: string;
  readonly rows: readonly HeaderRow[];
  /** Why there are no lines to show, when there are none. */
  readonly absent?: string;
}

export interface HeaderStep {
  readonly key: string;
  /** `Preflight (OPTIONS)`, `Request (GET)`, `Redirect 1`... */
  readonly title: string;
  readonly method: string;
  readonly url: string;
  readonly request: HeaderColumn;
  readonly response: HeaderColumn;
  /** The failed check was about this response. */
  readonly failed: boolean;
}

/** Request and response headers whose presence or value decides a CORS check. */
const RELEVANT = new Set([
  'origin',
  'vary',
  'cookie',
  'set-cookie',
  'authorization',
  'content-type',
  'sec-fetch-mode',
  'location',
]);

export function isCorsRelevant(name: string): boolean {
  const lower = name.toLowerCase();
  return RELEVANT.has(lower) || lower.startsWith('access-control-');
}

function rowsOf(headers: HeaderList): HeaderRow[] {
  return headers.map((h) => ({ name: h.name, value: h.value, relevant: isCorsRelevant(h.name) }));
}

function hasHeader(headers: HeaderList, name: string): boolean {
  const lower = name.toLowerCase();
  return headers.some((h) => h.name.toLowerCase() === lower);
}

/** The missing header as a ghost line, when this is the response that lacked it. */
function withGhost(
  headers: HeaderList,
  failure: CorsFailure | undefined,
  isFailing: boolean,
): HeaderRow[] {
  const rows = rowsOf(headers);
  if (!failure || !isFailing || failure.actual !== null || failure.header === null) return rows;
  if (hasHeader(headers, failure.header)) return rows;
  return [
    ...rows,
    {
      name: failure.header,
      value: '',
      relevant: true,
      ghost: true,
      note: failure.expected === '' ? 'missing' : `missing (expected: ${failure.expected})`,
    },
  ];
}

function responseColumn(
  response: { status: number; headers: HeaderList } | undefined,
  failure: CorsFailure | undefined,
  isFailing: boolean,
  absent: string,
): HeaderColumn {
  if (!response) return { title: 'Response', rows: [], absent };
  return {
    title: `Response ${response.status}`,
    rows: withGhost(response.headers, failure, isFailing),
  };
}

function requestAbsent(observation: ExchangeObservation, verdict: Verdict): string {
  const failure = verdict.failure;
  if (
    failure?.stage === 'preflight' ||
    (verdict.preflight.seen === 'sent' && !observation.response)
  )
    return 'Not sent: the browser stopped at the preflight, so the request itself never went out.';
  if (observation.outcome.kind === 'in-flight')
    return 'Not seen yet: the request is still in flight.';
  return 'Not visible: the browser did not report the headers of this request.';
}

function responseAbsent(observation: ExchangeObservation, requestSent: boolean): string {
  if (!requestSent) return 'None: the request was never sent.';
  if (observation.outcome.kind === 'in-flight') return 'None yet: still waiting.';
  if (observation.outcome.kind === 'failed')
    return `None: the request failed (${observation.outcome.error}).`;
  return 'None recorded.';
}

/** Every step of the exchange on the wire, in order, with its headers. */
export function headerSteps(observation: ExchangeObservation, verdict: Verdict): HeaderStep[] {
  const failure = verdict.failure;
  const steps: HeaderStep[] = [];
  const redirects = observation.redirects ?? [];
  const method = observation.request.method;
  const failsAt = (stage: CorsFailure['stage'], url: string) =>
    failure?.stage === stage && failure.url === url;

  const preflights = [observation.preflight, ...redirects.map((r) => r.preflight)];
  // The preflight whose response failed: by URL, else the first one.
  const failingPreflight =
    failure?.stage === 'preflight'
      ? (preflights.find((p) => p?.url === failure.url) ?? observation.preflight)
      : undefined;
  const hopUrls = [observation.request.url, ...redirects.map((r) => r.location)];
  const requestSent = observation.request.headers !== undefined;
  // Once a response failed the check, the browser went no further.
  let stopped = false;

  hopUrls.forEach((url, hop) => {
    const preflight = preflights[hop];
    if (preflight) {
      const failed = preflight === failingPreflight;
      steps.push({
        key: `preflight-${hop}`,
        title: hop === 0 ? 'Preflight' : `Preflight for redirect ${hop}`,
        method: 'OPTIONS',
        url: preflight.url,
        request: { title: 'Request', rows: rowsOf(preflight.requestHeaders) },
        response: responseColumn(
          preflight.response,
          failure,
          failed,
          preflight.error !== undefined
            ? `None: the preflight failed (${preflight.error}).`
            : 'None yet: still waiting.',
        ),
        failed,
      });
      if (failed) stopped = true;
    }
    // The response at this URL redirected on to the next one; the last hop has the final response.
    const redirect = redirects[hop];
    const failed = redirect ? failsAt('redirect', redirect.url) : failsAt('actual', url);
    const headers = observation.request.headers;
    const notFollowed = 'Not sent: the browser stopped at the failed check above.';
    steps.push({
      key: `request-${hop}`,
      title: hop === 0 ? 'Request' : `Request after redirect ${hop}`,
      method,
      url,
      request:
        hop > 0
          ? {
              title: 'Request',
              rows: [],
              absent: stopped
                ? notFollowed
                : 'Same request, followed to this URL (its headers are not recorded apart).',
            }
          : headers
            ? { title: 'Request', rows: rowsOf(headers) }
            : { title: 'Request', rows: [], absent: requestAbsent(observation, verdict) },
      response: redirect
        ? {
            title: `Response ${redirect.status} (redirect)`,
            rows: withGhost(redirect.headers, failure, failed),
          }
        : responseColumn(
            observation.response,
            failure,
            failed,
            stopped && hop > 0
              ? 'None: the request was never sent.'
              : responseAbsent(observation, requestSent || hop > 0),
          ),
      failed,
    });
    if (failed) stopped = true;
  });
  return steps;
}
