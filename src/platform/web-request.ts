import type { WebRequestEvent, WebRequestEventName } from '../capture/events';
import { LISTENERS } from '../capture/listeners';
import type { WebRequest } from './browser';
import browser from './browser';
import { normalize, type Details } from './web-request-details';

type Callback = (details: Details) => undefined;

interface ObservableEvent {
  addListener(callback: Callback, filter: WebRequest.RequestFilter, extraInfoSpec?: string[]): void;
  removeListener(callback: Callback): void;
}

/**
 * Registers one listener with the extra info asked for. Chrome needs 'extraHeaders' to show
 * CORS preflights at all and the Origin, Cookie and Sec-Fetch-* headers; Firefox throws
 * synchronously on that unknown value, so register again without it. An empty spec is left
 * out: Firefox's onErrorOccurred rejects even [].
 */
export function observe(
  target: Pick<ObservableEvent, 'addListener'>,
  name: WebRequestEventName,
  spec: readonly string[],
  callback: (event: WebRequestEvent) => void,
  filter: WebRequest.RequestFilter = { urls: ['<all_urls>'] },
): { listener: Callback; extraHeaders: boolean } {
  const listener: Callback = (details) => {
    callback(normalize(name, details));
  };
  const register = (asked: readonly string[]) => {
    if (asked.length > 0) target.addListener(listener, filter, [...asked]);
    else target.addListener(listener, filter);
  };
  const wantsExtra = spec.includes('extraHeaders');
  try {
    register(spec);
    return { listener, extraHeaders: wantsExtra };
  } catch (error) {
    if (!wantsExtra) throw error;
    register(spec.filter((s) => s !== 'extraHeaders'));
    return { listener, extraHeaders: false };
  }
}

/** Every tab, or only these (webRequest's `tabId` filter: other tabs' requests cost nothing). */
export type ListenScope = 'all' | readonly number[];

export interface WebRequestObserver {
  /** Listens for this scope from now on, adding and removing only what changed. */
  listen(scope: ListenScope): void;
  /** Whether 'extraHeaders' took where asked (false in Firefox). */
  readonly extraHeaders: boolean;
  /** The scopes registered now: 'all', or the tab ids. */
  registered(): Array<'all' | number>;
}

/**
 * Observes webRequest events, never modifying a request (no 'blocking'), with the listeners
 * the capture needs (src/capture/listeners.ts). Call listen('all') synchronously at the
 * worker's top level, so the events that wake the worker are delivered.
 */
export function webRequestObserver(callback: (event: WebRequestEvent) => void): WebRequestObserver {
  const api = browser.webRequest as unknown as Record<string, ObservableEvent | undefined>;
  const on = (key: string): ObservableEvent => {
    const target = api[key];
    if (!target) throw new Error(`webRequest.${key} is missing`);
    return target;
  };
  const registrations = new Map<
    'all' | number,
    Array<{ target: ObservableEvent; listener: Callback }>
  >();
  let extraHeaders = true;

  const add = (scope: 'all' | number) => {
    const filter: WebRequest.RequestFilter =
      scope === 'all' ? { urls: ['<all_urls>'] } : { urls: ['<all_urls>'], tabId: scope };
    const added = LISTENERS.map(({ key, name, spec }) => {
      const target = on(key);
      const result = observe(target, name, spec, callback, filter);
      if (spec.includes('extraHeaders') && !result.extraHeaders) extraHeaders = false;
      return { target, listener: result.listener };
    });
    registrations.set(scope, added);
  };
  const remove = (scope: 'all' | number) => {
    for (const { target, listener } of registrations.get(scope) ?? []) {
      target.removeListener(listener);
    }
    registrations.delete(scope);
  };

  return {
    listen(scope) {
      const wanted = new Set<'all' | number>(scope === 'all' ? ['all'] : scope);
      // Add first, then remove: a tab that stays watched is never without a listener.
      for (const key of wanted) if (!registrations.has(key)) add(key);
      for (const key of [...registrations.keys()]) if (!wanted.has(key)) remove(key);
    },
    get extraHeaders() {
      return extraHeaders;
    },
    registered: () => [...registrations.keys()],
  };
}
