/**
 * Whole exchanges as Chromium 156 shows them (docs/cors-reference.md §6.2, measured): the
 * actual request's beforeRequest, then the preflight's whole life as its own
 * request, then the actual request goes on or fails with net::ERR_FAILED.
 */
import {
  API,
  PAGE,
  corsRequestHeaders,
  preflightRequestHeaders,
  type Pairs,
  type RequestHandle,
  type Timeline,
} from './chromium-events';

export interface SimpleSpec {
  readonly url?: string;
  readonly method?: string;
  readonly pageHeaders?: Pairs;
  readonly status?: number;
  readonly responseHeaders?: Pairs;
  /** The browser blocked the response: headersReceived, then net::ERR_FAILED. */
  readonly blocked?: boolean;
  readonly tabId?: number;
  readonly initiator?: string;
}

/** A request that needs no preflight. */
export function simpleExchange(t: Timeline, spec: SimpleSpec = {}): RequestHandle {
  const origin = spec.initiator ?? PAGE;
  const actual = t
    .request({
      url: spec.url ?? `${API}/api/data`,
      method: spec.method ?? 'GET',
      initiator: origin,
      ...(spec.tabId !== undefined ? { tabId: spec.tabId } : {}),
    })
    .before()
    .sendHeaders(corsRequestHeaders(spec.pageHeaders, origin))
    .received(spec.status ?? 200, spec.responseHeaders ?? []);
  return spec.blocked ? actual.failed() : actual.started().completed();
}

export interface PreflightedSpec {
  readonly url?: string;
  readonly method?: string;
  readonly pageHeaders?: Pairs;
  /** Access-Control-Request-Headers, as Chromium lists the unsafe header names. */
  readonly acrh?: string;
  readonly preflightStatus?: number;
  readonly preflightHeaders: Pairs;
  /** The actual response, or 'blocked' when the preflight failed and it was never sent. */
  readonly actual: { readonly status?: number; readonly headers: Pairs } | 'blocked';
  readonly tabId?: number;
}

export function preflightedExchange(
  t: Timeline,
  spec: PreflightedSpec,
): { actual: RequestHandle; preflight: RequestHandle } {
  const url = spec.url ?? `${API}/api/items/1`;
  const method = spec.method ?? 'PUT';
  const tab = spec.tabId !== undefined ? { tabId: spec.tabId } : {};
  const actual = t.request({ url, method, ...tab }).before();
  const preflight = t
    .request({ url, method: 'OPTIONS', ...tab })
    .before()
    .sendHeaders(preflightRequestHeaders(method, spec.acrh))
    .respond(spec.preflightStatus ?? 204, spec.preflightHeaders);
  if (spec.actual === 'blocked') actual.failed();
  else {
    actual
      .sendHeaders(corsRequestHeaders(spec.pageHeaders))
      .respond(spec.actual.status ?? 200, spec.actual.headers);
  }
  return { actual, preflight };
}
