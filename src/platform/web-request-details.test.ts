import { describe, expect, it } from 'vitest';
import { normalize, type Details } from './web-request-details';

const base: Details = {
  requestId: '7',
  url: 'http://localhost:7102/x',
  method: 'GET',
  tabId: 3,
  frameId: 0,
  type: 'xmlhttprequest',
  timeStamp: 1000.5,
};

describe('webRequest details → capture events', () => {
  it('keeps what the capture reads and nothing undefined', () => {
    const event = normalize('headersReceived', {
      ...base,
      initiator: 'http://127.0.0.1:7101',
      statusCode: 404,
      statusLine: 'HTTP/1.1 404 Not Found',
      responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: '*' }],
    });
    expect(event).toEqual({
      event: 'headersReceived',
      requestId: '7',
      url: 'http://localhost:7102/x',
      method: 'GET',
      tabId: 3,
      frameId: 0,
      type: 'xmlhttprequest',
      timeStamp: 1000.5,
      initiator: 'http://127.0.0.1:7101',
      responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: '*' }],
      statusCode: 404,
      statusLine: 'HTTP/1.1 404 Not Found',
    });
    expect(Object.values(event)).not.toContain(undefined);
  });

  it('keeps header bytes that are not UTF-8 (binaryValue) as Latin-1 characters', () => {
    const event = normalize('sendHeaders', {
      ...base,
      requestHeaders: [
        { name: 'X-Raw', binaryValue: [0x63, 0x61, 0x66, 0xe9] },
        { name: 'X-Empty' },
      ],
    });
    expect(event.requestHeaders).toEqual([
      { name: 'X-Raw', value: 'café' },
      { name: 'X-Empty', value: '' },
    ]);
  });

  it("takes the initiator from Firefox's originUrl when Chrome's initiator is absent", () => {
    expect(
      normalize('beforeRequest', { ...base, originUrl: 'http://127.0.0.1:7101/page?q=1' })
        .initiator,
    ).toBe('http://127.0.0.1:7101');
    expect(
      normalize('beforeRequest', { ...base, originUrl: 'not a url' }).initiator,
    ).toBeUndefined();
  });

  it("takes Firefox's missing originUrl in a tab as an opaque origin (sandboxed iframe)", () => {
    const firefox = { ...base, thirdParty: true };
    expect(normalize('beforeRequest', firefox).initiator).toBe('null');
    // Browser-initiated (no tab), navigations and Chrome's details stay without an initiator.
    expect(normalize('beforeRequest', { ...firefox, tabId: -1 }).initiator).toBeUndefined();
    expect(normalize('beforeRequest', { ...firefox, type: 'sub_frame' }).initiator).toBeUndefined();
    expect(normalize('beforeRequest', base).initiator).toBeUndefined();
  });
});
