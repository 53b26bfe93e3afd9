import { describe, expect, it } from 'vitest';
import { isWebRequestEvent } from './events';
import { Timeline, allowOrigin, corsRequestHeaders } from './testing/chromium-events';

describe('isWebRequestEvent', () => {
  const t = new Timeline();
  t.request({ url: 'http://localhost:7102/x' })
    .before()
    .sendHeaders(corsRequestHeaders())
    .redirect(302, [allowOrigin()], 'http://localhost:7102/y')
    .received(200, [])
    .failed();
  const [valid] = t.events;

  it('accepts every event the builder makes, after a JSON round trip', () => {
    for (const e of JSON.parse(JSON.stringify(t.events)) as unknown[]) {
      expect(isWebRequestEvent(e)).toBe(true);
    }
  });

  it('rejects what storage might hand back corrupted', () => {
    const bad: unknown[] = [
      null,
      'beforeRequest',
      [],
      { ...valid, event: 'onBeforeRequest' },
      { ...valid, requestId: 12 },
      { ...valid, tabId: '7' },
      { ...valid, tabId: 1.5 },
      { ...valid, timeStamp: Number.NaN },
      { ...valid, initiator: null },
      { ...valid, requestHeaders: [{ name: 'a' }] },
      { ...valid, responseHeaders: 'Origin: x' },
      { ...valid, statusCode: '200' },
      { ...valid, fromCache: 'false' },
    ];
    for (const x of bad) expect(isWebRequestEvent(x)).toBe(false);
  });
});
