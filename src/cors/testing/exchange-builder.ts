/**
 * Builds observations the way Chromium's webRequest (with extraHeaders) shows them, so
 * tests read as the situation a developer meets. Used by the engine's tests only.
 */
import type {
  CredentialsMode,
  ExchangeObservation,
  HeaderList,
  ObservedPreflight,
  ObservedRedirect,
  Outcome,
  PreflightCacheEntry,
  RequestMode,
} from '../types';

export const PAGE = 'http://127.0.0.1:7101';
export const API = 'http://localhost:7102';
export const THIRD = 'http://127.0.0.2:7103';

export type Pairs = ReadonlyArray<readonly [string, string]>;

export function headers(pairs: Pairs = []): HeaderList {
  return pairs.map(([name, value]) => ({ name, value }));
}

/** The headers Chromium adds to a cross-origin fetch() on its own. */
export function browserHeaders(origin = PAGE, mode: RequestMode = 'cors'): Pairs {
  return [
    ['Accept', '*/*'],
    ['Accept-Language', 'en-US,en;q=0.9'],
    ['Origin', origin],
    ['Sec-Fetch-Mode', mode],
    ['Sec-Fetch-Site', 'same-site'],
    ['Sec-Fetch-Dest', 'empty'],
    ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0'],
  ];
}

export interface ExchangeSpec {
  readonly origin?: string;
  readonly url?: string;
  readonly method?: string;
  /** Headers the page set; the browser's own are added unless `rawRequestHeaders`. */
  readonly requestHeaders?: Pairs;
  readonly rawRequestHeaders?: Pairs;
  /** False when the request never went out (its preflight failed). */
  readonly requestSent?: boolean;
  readonly status?: number;
  /** null: no response observed. */
  readonly responseHeaders?: Pairs | null;
  readonly preflight?: PreflightSpec;
  readonly redirects?: readonly ObservedRedirect[];
  readonly cachedPreflight?: PreflightCacheEntry;
  /** `ok` completed; `cors` failed with net::ERR_FAILED; any other string is the error. */
  readonly outcome?: string;
  readonly credentials?: CredentialsMode;
  readonly mode?: RequestMode;
  readonly resourceType?: string;
  readonly browser?: 'chromium' | 'firefox';
  readonly readResponseHeaders?: readonly string[];
  readonly now?: number;
}

export interface PreflightSpec {
  readonly acrm?: string;
  readonly acrh?: string;
  readonly status?: number;
  readonly responseHeaders?: Pairs;
  readonly error?: string;
  readonly url?: string;
}

export function preflightOf(
  spec: PreflightSpec,
  url: string,
  method: string,
  origin = PAGE,
): ObservedPreflight {
  const request: Array<readonly [string, string]> = [
    ['Accept', '*/*'],
    ['Access-Control-Request-Method', spec.acrm ?? method],
  ];
  if (spec.acrh !== undefined) request.push(['Access-Control-Request-Headers', spec.acrh]);
  request.push(['Origin', origin], ['Sec-Fetch-Mode', 'cors']);
  return {
    url: spec.url ?? url,
    requestHeaders: headers(request),
    ...(spec.error !== undefined
      ? { error: spec.error }
      : { response: { status: spec.status ?? 204, headers: headers(spec.responseHeaders ?? []) } }),
  };
}

function outcomeOf(value: ExchangeSpec['outcome']): Outcome {
  if (value === undefined || value === 'ok') return { kind: 'completed' };
  if (value === 'in-flight') return { kind: 'in-flight' };
  return { kind: 'failed', error: value === 'cors' ? 'net::ERR_FAILED' : value };
}

export function exchange(spec: ExchangeSpec = {}): ExchangeObservation {
  const origin = spec.origin ?? PAGE;
  const url = spec.url ?? `${API}/api/data`;
  const method = spec.method ?? 'GET';
  const sent = spec.requestSent ?? true;
  const requestHeaders = spec.rawRequestHeaders ?? [
    ...(spec.requestHeaders ?? []),
    ...browserHeaders(origin, spec.mode && spec.mode !== 'cors' ? spec.mode : 'cors'),
  ];
  const responseHeaders = spec.responseHeaders === undefined ? [] : spec.responseHeaders;
  return {
    initiatorOrigin: origin,
    request: { url, method, ...(sent ? { headers: headers(requestHeaders) } : {}) },
    ...(sent && responseHeaders !== null
      ? { response: { status: spec.status ?? 200, headers: headers(responseHeaders) } }
      : {}),
    ...(spec.preflight ? { preflight: preflightOf(spec.preflight, url, method, origin) } : {}),
    ...(spec.redirects ? { redirects: spec.redirects } : {}),
    ...(spec.cachedPreflight ? { cachedPreflight: spec.cachedPreflight } : {}),
    ...(spec.credentials ? { credentials: spec.credentials } : {}),
    ...(spec.mode ? { mode: spec.mode } : {}),
    resourceType: spec.resourceType ?? 'xmlhttprequest',
    outcome: outcomeOf(spec.outcome),
    ...(spec.browser ? { browser: spec.browser } : {}),
    ...(spec.readResponseHeaders ? { readResponseHeaders: spec.readResponseHeaders } : {}),
    ...(spec.now !== undefined ? { now: spec.now } : {}),
  };
}

export const allowOrigin = (value: string = PAGE): readonly [string, string] => [
  'Access-Control-Allow-Origin',
  value,
];
