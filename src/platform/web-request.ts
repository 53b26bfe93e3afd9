import type { WebRequestEvent, WebRequestEventName } from '../capture/events';
import type { WebRequest } from './browser';
import browser from './browser';
import { OBSERVED_EVENTS } from './observed-events';
import { normalize, type Details } from './web-request-details';

const ALL_URLS: WebRequest.RequestFilter = { urls: ['<all_urls>'] };

interface ObservableEvent {
  addListener(
    callback: (details: Details) => undefined,
    filter: WebRequest.RequestFilter,
    extraInfoSpec?: string[],
  ): void;
}

/**
 * Registers one listener, with 'extraHeaders' where the browser knows it. Chrome needs it
 * to show CORS preflights at all and the Origin, Cookie and Sec-Fetch-* headers (cors-rules
 * §4.1); Firefox throws synchronously on the unknown value, so register again without it.
 */
export function observe(
  target: ObservableEvent,
  name: WebRequestEventName,
  spec: string[],
  callback: (event: WebRequestEvent) => void,
): boolean {
  const listener = (details: Details): undefined => {
    callback(normalize(name, details));
  };
  try {
    target.addListener(listener, ALL_URLS, [...spec, 'extraHeaders']);
    return true;
  } catch {
    // Firefox's onErrorOccurred takes no extraInfoSpec at all: even [] is rejected.
    if (spec.length > 0) target.addListener(listener, ALL_URLS, spec);
    else target.addListener(listener, ALL_URLS);
    return false;
  }
}

/**
 * Observes every webRequest event, never modifying a request (no 'blocking'). Call it
 * synchronously at the worker's top level, so events that wake the worker are delivered.
 * Returns whether 'extraHeaders' took (false in Firefox).
 */
export function observeWebRequests(callback: (event: WebRequestEvent) => void): {
  extraHeaders: boolean;
} {
  const api = browser.webRequest as unknown as Record<string, ObservableEvent>;
  const on = (key: string): ObservableEvent => {
    const target = api[key];
    if (!target) throw new Error(`webRequest.${key} is missing`);
    return target;
  };
  const results = OBSERVED_EVENTS.map(([key, name, spec]) =>
    observe(on(key), name, [...spec], callback),
  );
  return { extraHeaders: results.every(Boolean) };
}
