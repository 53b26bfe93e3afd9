import { hasHeader, headerValues } from './headers';
import type { ExchangeObservation, Inferred, RequestMode } from './types';

const MODES: readonly RequestMode[] = ['cors', 'no-cors', 'same-origin', 'navigate', 'websocket'];

/** Where a mode the observation states came from, when the page probe read it. */
function readFrom(obs: ExchangeObservation): string | undefined {
  if (!obs.page) return undefined;
  return obs.page.api === 'fetch'
    ? "read from the page's fetch() call"
    : "read from the page's XMLHttpRequest";
}

/**
 * The fetch mode. webRequest does not report it (docs/cors-reference.md §6.5), so in order
 * of trust: the caller, Sec-Fetch-Mode, the resource type, a preflight, the Origin header.
 */
export function inferMode(obs: ExchangeObservation): Inferred<RequestMode> {
  if (obs.mode) return { value: obs.mode, source: readFrom(obs) ?? 'given' };
  const type = obs.resourceType;
  if (type === 'main_frame' || type === 'sub_frame')
    return { value: 'navigate', source: `resource type ${type}` };
  if (type === 'websocket') return { value: 'websocket', source: 'resource type websocket' };
  const secFetchMode = headerValues(obs.request.headers, 'Sec-Fetch-Mode')[0]?.toLowerCase();
  const known = MODES.find((m) => m === secFetchMode);
  if (known) return { value: known, source: 'Sec-Fetch-Mode header' };
  if (obs.preflight) return { value: 'cors', source: 'a preflight was sent' };
  const headers = obs.request.headers;
  if (
    headers &&
    !hasHeader(headers, 'Origin') &&
    ['GET', 'HEAD'].includes(obs.request.method.toUpperCase())
  ) {
    return { value: 'no-cors', source: 'no Origin header on a cross-origin GET/HEAD' };
  }
  if (type === undefined || type === 'xmlhttprequest' || type === 'font' || type === 'other') {
    return {
      value: 'cors',
      source:
        type === 'font' ? 'fonts always use CORS' : 'fetch() and XHR default to cors (assumed)',
    };
  }
  if (headers && hasHeader(headers, 'Origin'))
    return { value: 'cors', source: 'Origin header sent' };
  return { value: 'no-cors', source: `resource type ${type} without crossorigin (assumed)` };
}

export interface CredentialsEvidence extends Inferred<'include' | 'not-include'> {
  /** True when the evidence proves the mode; false when it is an assumption the failure may overturn. */
  readonly certain: boolean;
}

/**
 * Whether the request was credentialed. Proof: the caller says so, a Cookie header was
 * sent cross-origin, or an Authorization header the page did not set itself (it is not in
 * the preflight's Access-Control-Request-Headers) came from the browser's HTTP auth cache.
 */
export function inferCredentials(
  obs: ExchangeObservation,
  scriptSetHeaderNames: readonly string[],
): CredentialsEvidence {
  if (obs.credentials) {
    return {
      value: obs.credentials === 'include' ? 'include' : 'not-include',
      source: readFrom(obs) ?? 'given',
      certain: true,
    };
  }
  const headers = obs.request.headers;
  if (hasHeader(headers, 'Cookie'))
    return { value: 'include', source: 'a Cookie header was sent', certain: true };
  if (
    hasHeader(headers, 'Authorization') &&
    !scriptSetHeaderNames.includes('authorization') &&
    obs.preflight
  ) {
    return {
      value: 'include',
      source: 'an Authorization header the page did not set (HTTP authentication)',
      certain: true,
    };
  }
  return {
    value: 'not-include',
    source: 'no cookie or HTTP authentication was sent (assumed)',
    certain: false,
  };
}

/** What Chromium's console calls the initiator, from the webRequest type. */
export function initiatorKind(resourceType: string | undefined): string {
  switch (resourceType) {
    case undefined:
    case 'xmlhttprequest':
      return 'fetch';
    case 'font':
    case 'script':
    case 'image':
    case 'media':
    case 'stylesheet':
      return resourceType;
    default:
      return 'fetch';
  }
}
