import { describe, expect, it, vi } from 'vitest';

// The polyfill refuses to load outside an extension; observe() needs no browser.
const fakeBrowser: { webRequest?: unknown } = {};
vi.mock('./browser', () => ({ default: fakeBrowser }));
const { observe, webRequestObserver } = await import('./web-request');
const { LISTENERS } = await import('../capture/listeners');

/** Registers like Firefox: 'extraHeaders' is unknown, and onErrorOccurred takes no spec. */
function firefoxEvent(acceptsSpec: boolean) {
  const calls: unknown[][] = [];
  return {
    calls,
    addListener(...args: unknown[]) {
      const spec = args[2] as string[] | undefined;
      if (spec !== undefined && (!acceptsSpec || spec.includes('extraHeaders'))) {
        throw new Error('Incorrect argument types');
      }
      calls.push(args);
    },
  };
}

describe('observe (webRequest registration)', () => {
  it("falls back without 'extraHeaders' where Firefox rejects it", () => {
    const target = firefoxEvent(true);
    const { extraHeaders } = observe(
      target,
      'headersReceived',
      ['responseHeaders', 'extraHeaders'],
      () => undefined,
    );
    expect(extraHeaders).toBe(false);
    expect(target.calls.map((c) => c[2])).toEqual([['responseHeaders']]);
  });

  it("registers Firefox's onErrorOccurred with no extraInfoSpec at all", () => {
    const target = firefoxEvent(false);
    observe(target, 'errorOccurred', [], () => undefined);
    expect(target.calls).toHaveLength(1);
    expect(target.calls[0]).toHaveLength(2);
  });

  it("keeps 'extraHeaders' where the browser takes it (Chrome)", () => {
    const calls: unknown[][] = [];
    const chrome = { addListener: (...args: unknown[]) => void calls.push(args) };
    expect(
      observe(chrome, 'sendHeaders', ['requestHeaders', 'extraHeaders'], () => undefined)
        .extraHeaders,
    ).toBe(true);
    expect(calls[0]?.[2]).toEqual(['requestHeaders', 'extraHeaders']);
  });
});

/** Chrome's webRequest events, recording what is registered with which filter. */
function fakeWebRequest() {
  const registered = new Map<string, Map<unknown, unknown>>();
  const api: Record<string, unknown> = {};
  for (const { key } of LISTENERS) {
    const listeners = new Map<unknown, unknown>();
    registered.set(key, listeners);
    api[key] = {
      addListener: (callback: unknown, filter: unknown) => listeners.set(callback, filter),
      removeListener: (callback: unknown) => listeners.delete(callback),
    };
  }
  fakeBrowser.webRequest = api;
  /** The filters' tab ids registered on one event ('all' for none). */
  const scopes = (key: string) =>
    [...(registered.get(key)?.values() ?? [])].map(
      (filter) => (filter as { tabId?: number }).tabId ?? 'all',
    );
  return { scopes };
}

describe('webRequestObserver', () => {
  it('registers every listener the capture needs, for every tab', () => {
    const { scopes } = fakeWebRequest();
    const observer = webRequestObserver(() => undefined);
    observer.listen('all');
    for (const { key } of LISTENERS) expect(scopes(key)).toEqual(['all']);
    expect(observer.registered()).toEqual(['all']);
  });

  it('narrows to inspected tabs, adds and removes only what changed, and can listen to nothing', () => {
    const { scopes } = fakeWebRequest();
    const observer = webRequestObserver(() => undefined);
    observer.listen('all');
    observer.listen([4]);
    expect(scopes('onSendHeaders')).toEqual([4]);
    observer.listen([4, 9]);
    expect(scopes('onErrorOccurred')).toEqual([4, 9]);
    observer.listen([9]);
    expect(scopes('onCompleted')).toEqual([9]);
    observer.listen([]);
    for (const { key } of LISTENERS) expect(scopes(key)).toEqual([]);
    expect(observer.registered()).toEqual([]);
  });
});
