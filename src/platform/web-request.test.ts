import { describe, expect, it, vi } from 'vitest';

// The polyfill refuses to load outside an extension; observe() needs no browser.
vi.mock('./browser', () => ({ default: {} }));
const { observe } = await import('./web-request');

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
    expect(observe(target, 'headersReceived', ['responseHeaders'], () => undefined)).toBe(false);
    expect(target.calls.map((c) => c[2])).toEqual([['responseHeaders']]);
  });

  it("registers Firefox's onErrorOccurred with no extraInfoSpec at all", () => {
    const target = firefoxEvent(false);
    expect(observe(target, 'errorOccurred', [], () => undefined)).toBe(false);
    expect(target.calls).toHaveLength(1);
    expect(target.calls[0]).toHaveLength(2);
  });

  it("keeps 'extraHeaders' where the browser takes it (Chrome)", () => {
    const calls: unknown[][] = [];
    const chrome = { addListener: (...args: unknown[]) => void calls.push(args) };
    expect(observe(chrome, 'errorOccurred', [], () => undefined)).toBe(true);
    expect(calls[0]?.[2]).toEqual(['extraHeaders']);
  });
});
