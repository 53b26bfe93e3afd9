import { describe, expect, it } from 'vitest';
import {
  API,
  PAGE,
  TAB,
  Timeline,
  allowOrigin,
  corsRequestHeaders,
} from './testing/chromium-events';
import { exchangesOf, recordAll } from './testing/record';
import { simpleExchange } from './testing/scenarios';

function countFor(build: (t: Timeline) => void, tabId = TAB): number {
  const t = new Timeline();
  build(t);
  return exchangesOf(recordAll(t.events), tabId).length;
}

describe('which requests become exchanges', () => {
  it('ignores same-origin requests', () => {
    expect(countFor((t) => simpleExchange(t, { url: `${PAGE}/api/data` }))).toBe(0);
  });

  it('counts 127.0.0.1 and localhost as different origins, and ports too', () => {
    expect(countFor((t) => simpleExchange(t, { url: 'http://localhost:7101/x' }))).toBe(1);
    expect(countFor((t) => simpleExchange(t, { url: 'http://127.0.0.1:7102/x' }))).toBe(1);
    expect(countFor((t) => simpleExchange(t, { url: 'https://127.0.0.1:7101/x' }))).toBe(1);
  });

  it('counts a sandboxed frame (initiator null) as cross-origin even to the same host', () => {
    expect(
      countFor((t) => simpleExchange(t, { url: `${PAGE}/x`, initiator: 'null', blocked: true })),
    ).toBe(1);
  });

  it('ignores main-frame and sub-frame navigations', () => {
    for (const type of ['main_frame', 'sub_frame']) {
      expect(
        countFor((t) => {
          t.request({ url: `${API}/`, type })
            .before()
            .sendHeaders([])
            .respond(200, []);
        }),
      ).toBe(0);
    }
  });

  it('ignores the extension’s own requests and browser-initiated ones', () => {
    for (const initiator of ['chrome-extension://abcdefghijklmnop', 'moz-extension://1234', null]) {
      expect(
        countFor((t) => {
          t.request({ url: `${API}/api`, initiator })
            .before()
            .sendHeaders([])
            .respond(200, []);
        }),
      ).toBe(0);
    }
  });

  it('ignores non-http(s) URLs', () => {
    expect(
      countFor((t) => {
        t.request({ url: 'ws://localhost:7102/socket', type: 'websocket' })
          .before()
          .sendHeaders([])
          .respond(101, []);
      }),
    ).toBe(0);
  });

  it('keeps requests from no tab (a service worker) under tab -1', () => {
    const t = new Timeline();
    simpleExchange(t, { tabId: -1, blocked: true });
    const recorder = recordAll(t.events);
    expect(recorder.tabIds()).toEqual([-1]);
    const [exchange] = exchangesOf(recorder, -1);
    expect(exchange?.tabId).toBe(-1);
    expect(exchange?.verdict.failure?.corsError).toBe('MissingAllowOriginHeader');
  });

  it('records cross-origin fonts, and the engine says what applies', () => {
    const t = new Timeline();
    t.request({ url: `${API}/font.woff2`, type: 'font' })
      .before()
      .sendHeaders(corsRequestHeaders())
      .respond(200, [allowOrigin()]);
    const [exchange] = exchangesOf(recordAll(t.events));
    expect(exchange?.observation.resourceType).toBe('font');
    expect(exchange?.verdict.status).toBe('allowed');
  });
});

describe("a page's service worker (tabId -1)", () => {
  const navigate = (t: Timeline, tabId: number, url: string) =>
    t.request({ url, type: 'main_frame', tabId, initiator: null }).before();
  const fromServiceWorker = (t: Timeline) =>
    t
      .request({ url: `${API}/sw`, tabId: -1 })
      .before()
      .sendHeaders(corsRequestHeaders())
      .respond(200, [allowOrigin()]);

  it('is listed under the one tab that shows a page of its origin', () => {
    const t = new Timeline();
    navigate(t, TAB, `${PAGE}/app`);
    navigate(t, TAB + 1, 'http://127.0.0.1:9999/other');
    fromServiceWorker(t);
    const recorder = recordAll(t.events);
    expect(exchangesOf(recorder, TAB).map((e) => e.observation.request.url)).toEqual([`${API}/sw`]);
    expect(exchangesOf(recorder, -1)).toEqual([]);
  });

  it('stays under "other" when no tab, or several, show its origin', () => {
    const none = new Timeline();
    fromServiceWorker(none);
    expect(exchangesOf(recordAll(none.events), -1)).toHaveLength(1);

    const two = new Timeline();
    navigate(two, TAB, `${PAGE}/a`);
    navigate(two, TAB + 1, `${PAGE}/b`);
    fromServiceWorker(two);
    const recorder = recordAll(two.events);
    expect(exchangesOf(recorder, -1)).toHaveLength(1);
    expect(exchangesOf(recorder, TAB)).toEqual([]);
  });
});
