/**
 * What an extension sees of a recorded event stream with a given set of webRequest
 * listeners, as Chromium decides it: no listener, no event; without 'requestHeaders' or
 * 'responseHeaders', no headers; without 'extraHeaders', no CORS preflight at all and no
 * Origin, Cookie, Referer, Sec-Fetch-* or Set-Cookie (tooling-notes, docs/cors-reference.md
 * §6.1). The recorded streams had every listener with every option, so any smaller set can
 * be replayed from them. Used by tests only.
 */
import type { HeaderList } from '../../cors';
import type { WebRequestEvent, WebRequestEventName } from '../events';

export interface ListenerSpec {
  readonly name: WebRequestEventName;
  readonly requestHeaders?: boolean;
  readonly responseHeaders?: boolean;
  readonly extraHeaders: boolean;
}

const HIDDEN_REQUEST_HEADERS = /^(origin|cookie|referer|sec-fetch-.*)$/i;
const HIDDEN_RESPONSE_HEADERS = /^set-cookie$/i;

function without(headers: HeaderList, hidden: RegExp): HeaderList {
  return headers.filter((h) => !hidden.test(h.name));
}

/** The requestIds of CORS preflights in a stream: OPTIONS sent with Access-Control-Request-Method. */
function preflightIds(events: readonly WebRequestEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    if (
      e.method === 'OPTIONS' &&
      e.requestHeaders?.some((h) => h.name.toLowerCase() === 'access-control-request-method')
    ) {
      ids.add(e.requestId);
    }
  }
  return ids;
}

export function asSeenBy(
  events: readonly WebRequestEvent[],
  listeners: readonly ListenerSpec[],
): WebRequestEvent[] {
  const preflights = preflightIds(events);
  const byName = new Map(listeners.map((l) => [l.name, l]));
  const out: WebRequestEvent[] = [];
  for (const e of events) {
    const listener = byName.get(e.event);
    if (!listener) continue;
    if (!listener.extraHeaders && preflights.has(e.requestId)) continue;
    const { requestHeaders, responseHeaders, ...rest } = e;
    const seen: WebRequestEvent = {
      ...rest,
      ...(requestHeaders && listener.requestHeaders
        ? {
            requestHeaders: listener.extraHeaders
              ? requestHeaders
              : without(requestHeaders, HIDDEN_REQUEST_HEADERS),
          }
        : {}),
      ...(responseHeaders && listener.responseHeaders
        ? {
            responseHeaders: listener.extraHeaders
              ? responseHeaders
              : without(responseHeaders, HIDDEN_RESPONSE_HEADERS),
          }
        : {}),
    };
    out.push(seen);
  }
  return out;
}
