// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API, PAGE, exchange as observe } from '../../cors/testing/exchange-builder';
import type { ExchangeObservation } from '../../cors';
import { ExchangeCard } from './ExchangeCard';
import { SourceOpenerContext } from './source-opener';
import { exchangeOf, logOf } from './testing/exchange';
import { mount, unmountAll } from './testing/mount';

afterEach(() => {
  unmountAll();
});

/** A call the page made with mode 'same-origin' to another origin: only the page saw it. */
function refusedInThePage(): ExchangeObservation {
  const base = observe({ url: `${API}/api/x`, responseHeaders: null, requestSent: false });
  return {
    ...base,
    mode: 'same-origin',
    credentials: 'include',
    outcome: { kind: 'failed', error: 'TypeError: Failed to fetch' },
    page: {
      api: 'fetch',
      redirect: 'follow',
      beforeNetwork: true,
      error: { name: 'TypeError', message: 'Failed to fetch' },
      callSite: { url: `${PAGE}/app.js`, line: 12, column: 5 },
    },
  };
}

describe('what the page probe read, in the card', () => {
  it('says mode and credentials were read from the call, and where the call was made', () => {
    const exchange = exchangeOf(refusedInThePage(), { kind: 'page-only' });
    const root = mount(
      <ExchangeCard exchange={exchange} log={logOf(exchange)} onSelect={() => undefined} />,
    );
    expect(root.querySelector('[data-testid=card-mode]')?.textContent).toBe(
      "same-origin (read from the page's fetch() call)",
    );
    expect(root.textContent).toContain("included (read from the page's fetch() call)");
    const site = root.querySelector('[data-testid=card-call-site]');
    // Outside DevTools there is nothing to open it in: plain text, no button.
    expect(site?.textContent).toBe(`${PAGE}/app.js:12:5`);
    expect(site?.querySelector('button')).toBeNull();
    expect(root.querySelector('[data-testid=card-status]')?.textContent).toContain('Blocked');
    expect(root.querySelector('[data-testid=card-inferred]')).toBeNull();
    // No response to point at: the call itself was refused.
    expect(root.querySelector('[data-testid=failed-where]')?.textContent).toBe(
      `the call itself, refused in the page before it was sent to ${API}/api/x`,
    );
  });

  it('says when the probe did not see a fetch, so mode and credentials are inferred', () => {
    const exchange = exchangeOf(observe({ url: `${API}/api/x`, outcome: 'cors' }));
    const root = mount(
      <ExchangeCard exchange={exchange} log={logOf(exchange)} onSelect={() => undefined} />,
    );
    expect(root.querySelector('[data-testid=card-inferred]')?.textContent).toContain(
      'the page probe did not see this call',
    );
    expect(root.querySelector('[data-testid=card-call-site]')).toBeNull();
  });

  it('inside DevTools the call site opens the script at its line', () => {
    const open = vi.fn();
    const exchange = exchangeOf(refusedInThePage(), { kind: 'page-only' });
    const root = mount(
      <SourceOpenerContext.Provider value={open}>
        <ExchangeCard exchange={exchange} log={logOf(exchange)} onSelect={() => undefined} />
      </SourceOpenerContext.Provider>,
    );
    root.querySelector<HTMLButtonElement>('[data-testid=card-call-site] button')?.click();
    expect(open).toHaveBeenCalledWith(`${PAGE}/app.js`, 12, 5);
  });
});
