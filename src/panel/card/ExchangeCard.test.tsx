// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Exchange } from '../../capture/exchange';
import { API, PAGE, exchange as observe } from '../../cors/testing/exchange-builder';
import type { LogState } from '../log/log-state';
import { ExchangeCard } from './ExchangeCard';
import { exchangeOf, logOf } from './testing/exchange';
import { buttonNamed, click, mount, sectionNamed, unmountAll } from './testing/mount';
import { recordedExchange } from './testing/recorded';
import { pageProbeExchanges } from '../../report/testing/exchanges';

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

const SERVERS = [
  'Express',
  'Fastify',
  'Koa',
  'Flask',
  'Django',
  'Spring',
  'ASP.NET Core',
  'Go',
  'Rails',
  'nginx',
  'Apache',
];

function card(
  exchange: Exchange,
  log: LogState = logOf(exchange),
  props: { browser?: 'chromium' | 'firefox'; onSelect?: (id: string) => void } = {},
) {
  const root = mount(
    <ExchangeCard
      exchange={exchange}
      log={log}
      onSelect={props.onSelect ?? (() => undefined)}
      {...(props.browser ? { browser: props.browser } : {})}
    />,
  );
  const el = root.querySelector<HTMLElement>('[data-testid="exchange-card"]');
  if (!el) throw new Error('no card');
  return el;
}

function recordedCard(scenario: string, index = 0) {
  const { exchange, log, origins } = recordedExchange(scenario, index);
  return { el: card(exchange, log), exchange, origins };
}

const text = (el: Element | null | undefined) => el?.textContent ?? '';
const headline = (el: HTMLElement) => text(el.querySelector('h2'));
const fact = (el: HTMLElement, testId: string) =>
  text(el.querySelector(`[data-testid="${testId}"] dd`));

/** The ghost lines of the card: [step, header name, what it says]. */
function ghostRows(el: HTMLElement) {
  return [...el.querySelectorAll('tr[data-ghost]')].map((row) => [
    row.closest('[data-step]')?.getAttribute('data-step'),
    row.closest('.card-headers-col')?.classList.contains('card-headers-response')
      ? 'response'
      : 'request',
    text(row.querySelector('.card-header-name')),
    text(row.querySelector('td')),
  ]);
}

function expectEverySnippet(el: HTMLElement) {
  const fix = sectionNamed(el, 'The fix');
  const tabs = [...fix.querySelectorAll('[role="tab"]')].map((t) => text(t));
  // The header lines lead, as one picker with the stacks.
  expect(tabs).toEqual(['Header lines', ...SERVERS]);
  const lines = fix.querySelector<HTMLElement>('[role="tabpanel"][data-fix-lines]');
  expect(lines?.hidden).toBe(false);
  expect(lines?.querySelector('[data-testid="fix-headers"]')).not.toBeNull();
  for (const server of SERVERS) {
    const copy = buttonNamed(fix, `Copy ${server} snippet`);
    const panel = copy.closest('[role="tabpanel"]');
    expect(text(panel?.querySelector('pre')).length).toBeGreaterThan(20);
    expect(text(panel)).toContain('Pitfall:');
  }
}

describe('ExchangeCard: blocked, missing Access-Control-Allow-Origin', () => {
  it('reads as the verdict, the check, the ghost line, the fix and the curl', () => {
    const { el, origins } = recordedCard('missing-acao');
    expect(el.getAttribute('tabindex')).toBe('-1');
    expect(text(el.querySelector('[data-testid="card-status"]'))).toContain('Blocked');
    expect(headline(el)).toBe('Blocked: the response has no Access-Control-Allow-Origin header');
    expect(el.querySelector('[data-testid="status-lead"]')).toBeNull();

    expect(fact(el, 'chromium-name')).toBe('MissingAllowOriginHeader');
    expect(fact(el, 'firefox-name')).toBe('CORSMissingAllowOrigin');
    expect(fact(el, 'failed-header')).toBe('Access-Control-Allow-Origin');
    expect(fact(el, 'failed-actual')).toBe('missing');

    expect(ghostRows(el)).toEqual([
      [
        'request-0',
        'response',
        'Access-Control-Allow-Origin',
        `— missing (expected: ${origins.page})`,
      ],
    ]);

    expect(text(el.querySelector('[data-testid="fix-headers"]'))).toBe(
      `Access-Control-Allow-Origin: ${origins.page}\nVary: Origin`,
    );
    buttonNamed(el, 'Copy fix headers');
    expectEverySnippet(el);

    const curl = sectionNamed(el, 'Replay with curl');
    expect(text(curl)).toContain(`curl -i -X GET --globoff --url '${origins.api}/s/missing-acao'`);
    expect(text(curl)).toContain(`-H 'Origin: ${origins.page}'`);
    expect(text(curl.querySelector('[data-testid="curl-redaction"]'))).toMatch(
      /Secrets are redacted/,
    );
    buttonNamed(curl, 'Copy curl (actual request)');
    expect(() => buttonNamed(curl, 'Copy curl (preflight)')).toThrow();
  });

  it('has semantic headings and labelled sections', () => {
    const { el } = recordedCard('missing-acao');
    expect(el.querySelectorAll('h2')).toHaveLength(1);
    expect(el.getAttribute('aria-labelledby')).toBe(el.querySelector('h2')?.id);
    const labels = [...el.querySelectorAll('section')].map((s) => s.getAttribute('aria-label'));
    // What to change first, then the evidence.
    expect(labels).toEqual([
      'The fix',
      'The failed check',
      'The exchange',
      'Preflight',
      'Headers',
      'Replay with curl',
    ]);
    for (const section of el.querySelectorAll('section')) {
      expect(section.querySelector('h3')).not.toBeNull();
    }
  });
});

describe('ExchangeCard: preflight does not allow a header', () => {
  it('names the check, the offending header, the ghost line and the preflight curl', () => {
    const { el, origins } = recordedCard('header-not-allowed');
    expect(headline(el)).toBe(
      'Blocked: the preflight response does not allow the request header x-foo',
    );
    expect(el.querySelector('h2 code')?.textContent).toBe('x-foo');
    expect(fact(el, 'chromium-name')).toBe('HeaderDisallowedByPreflightResponse');
    expect(fact(el, 'firefox-name')).toBe('CORSMissingAllowHeaderFromPreflight');
    expect(fact(el, 'failed-header')).toBe('Access-Control-Allow-Headers');
    expect(text(el)).toContain('failedParameterx-foo');

    expect(ghostRows(el)).toEqual([
      [
        'preflight-0',
        'response',
        'Access-Control-Allow-Headers',
        '— missing (expected: a list that contains x-foo)',
      ],
    ]);
    const request = el.querySelector('[data-step="request-0"] .card-headers-request');
    expect(text(request)).toMatch(/Not sent: the browser stopped at the preflight/);

    const reasons = [...el.querySelectorAll('[data-testid="preflight-reasons"] li')].map(text);
    expect(reasons).toEqual([
      'The method PUT is not GET, HEAD or POST.',
      'The header x-foo is not a CORS-safelisted header.',
    ]);

    expect(text(el.querySelector('[data-testid="fix-headers"]'))).toBe(
      'Access-Control-Allow-Headers: x-foo',
    );
    expectEverySnippet(el);

    const curl = sectionNamed(el, 'Replay with curl');
    expect(text(curl)).toContain(
      `curl -i -X OPTIONS --globoff --url '${origins.api}/s/header-not-allowed'`,
    );
    expect(text(curl)).toContain("-H 'Access-Control-Request-Headers: x-foo'");
    buttonNamed(curl, 'Copy curl (preflight)');
    buttonNamed(curl, 'Copy curl (actual request)');
  });

  it('keeps both console messages in a collapsible', () => {
    const { el, origins } = recordedCard('header-not-allowed');
    const details = el.querySelector('details');
    expect(text(details?.querySelector('summary'))).toBe('Console messages');
    expect(details?.open).toBe(false);
    expect(text(details)).toContain(
      `Access to fetch at '${origins.api}/s/header-not-allowed' from origin '${origins.page}' has been blocked by CORS policy`,
    );
    expect(text(details)).toContain('Cross-Origin Request Blocked');
  });
});

describe('ExchangeCard: the preflight got a 401', () => {
  it('leads with the real status, before the failed check', () => {
    const { el } = recordedCard('auth-layer-401');
    const lead = el.querySelector('[data-testid="status-lead"]');
    expect(text(lead)).toMatch(
      /The server answered 401 to the preflight \(OPTIONS\) request without CORS headers: fix the 401 first.*then make error responses carry CORS headers/,
    );
    const check = sectionNamed(el, 'The failed check');
    expect(lead?.compareDocumentPosition(check)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(fact(el, 'chromium-name')).toBe('PreflightMissingAllowOriginHeader');
    expect(ghostRows(el)).toEqual([
      [
        'preflight-0',
        'response',
        'Access-Control-Allow-Origin',
        expect.stringContaining('missing'),
      ],
    ]);
    expect(text(el.querySelector('[data-step="preflight-0"] .card-headers-response h5'))).toBe(
      'Response 401',
    );
  });

  it('leads with a 502 on the error path after a preflight', () => {
    const { el } = recordedCard('error-path-after-preflight');
    expect(text(el.querySelector('[data-testid="status-lead"]'))).toMatch(
      /The server answered 502 without CORS headers: fix the 502 first/,
    );
  });
});

describe('ExchangeCard: cached preflight', () => {
  it('links to the exchange whose preflight was reused', () => {
    const { exchange, log, exchanges } = recordedExchange('put-cached-preflight', 1);
    const source = exchanges[0];
    expect(exchange.cachedFrom).toBe(source?.id);
    const onSelect = vi.fn();
    const el = card(exchange, log, { onSelect });
    expect(headline(el)).toBe('Allowed, with a cached preflight');
    const cached = el.querySelector('[data-testid="preflight-cached"]');
    expect(text(cached)).toMatch(/the browser reused a cached preflight/);
    expect(text(cached)).toMatch(/Reused the preflight recorded \d+ s earlier \(kept for 600 s\)/);
    expect(text(el.querySelector('[data-testid="cache-age"]'))).toMatch(
      /^Age \d+ s of the 600 s max-age/,
    );
    click(el.querySelector('[data-testid="cached-source"]'));
    expect(onSelect).toHaveBeenCalledWith(source?.id);
  });

  it('says so when the earlier exchange has left the log', () => {
    const { exchange } = recordedExchange('put-cached-preflight', 1);
    const el = card(exchange, logOf(exchange));
    expect(el.querySelector('[data-testid="cached-source"]')).toBeNull();
    expect(text(el.querySelector('[data-testid="cached-source-gone"]'))).toMatch(/left the log/);
  });
});

describe('ExchangeCard: credentials with a wildcard', () => {
  it('names the check both ways and shows the wildcard as the actual value', () => {
    const { el, origins } = recordedCard('cookie-credentials-wildcard');
    expect(headline(el)).toMatch(/^Blocked: the response allows any origin \(\*\)/);
    expect(fact(el, 'chromium-name')).toBe('WildcardOriginNotAllowed');
    expect(fact(el, 'firefox-name')).toBe('CORSNotSupportingCredentials');
    expect(fact(el, 'failed-actual')).toBe('*');
    expect(ghostRows(el)).toEqual([]);
    // The server already sends `Access-Control-Allow-Credentials: true`: kept, not re-sent.
    expect(text(el.querySelector('[data-testid="fix-headers"]'))).toBe(
      `Access-Control-Allow-Origin: ${origins.page}\nVary: Origin`,
    );
    expect(text(el.querySelector('[data-testid="fix-keep"]'))).toBe(
      'Access-Control-Allow-Credentials: true',
    );
    expect(text(el.querySelector('[data-testid="fix-remove"]'))).toBe(
      'Access-Control-Allow-Origin: *',
    );
    expect(text(el.querySelector('[data-testid="fix-check"]'))).toMatch(
      /^With these headers this request passes/,
    );
    const warnings = [...el.querySelectorAll('[data-warning]')].map((w) =>
      w.getAttribute('data-warning'),
    );
    expect(warnings).toEqual(['wildcard-with-credentials-header']);
    expectEverySnippet(el);
  });
});

describe('ExchangeCard: allowed with warnings', () => {
  it('shows the warnings with their ids and no fix', () => {
    const { el } = recordedCard('sandboxed-iframe-null-origin');
    expect(text(el.querySelector('[data-testid="card-status"]'))).toContain('Allowed');
    expect(headline(el)).toBe('Allowed: a simple request, no preflight needed');
    const warnings = sectionNamed(el, 'Warnings');
    expect(
      [...warnings.querySelectorAll('li')].map((li) => li.getAttribute('data-warning')),
    ).toEqual(['null-origin-allowed', 'missing-vary-origin']);
    expect(text(warnings)).toContain('null-origin-allowed: The server allows the origin null.');
    expect(el.querySelector('section[aria-label="The fix"]')).toBeNull();
    expect(el.querySelector('section[aria-label="The failed check"]')).toBeNull();
    expect(text(sectionNamed(el, 'Preflight'))).toContain(
      'simple request, nothing in it needed one',
    );
  });
});

describe('ExchangeCard: unexplained, pending, not CORS', () => {
  it('names a refused connection as not CORS, with what to do', () => {
    const exchange = exchangeOf(
      observe({ outcome: 'net::ERR_CONNECTION_REFUSED', responseHeaders: null }),
    );
    const el = card(exchange);
    expect(text(el.querySelector('[data-testid="card-status"]'))).toContain('Failed, not CORS');
    expect(headline(el)).toBe('Failed, not CORS: nothing accepted the connection');
    const blocked = sectionNamed(el, 'What blocked it');
    expect(text(blocked)).toContain('net::ERR_CONNECTION_REFUSED');
    expect(text(blocked)).toContain(exchange.verdict.cause?.meaning ?? '?');
    const steps = [...blocked.querySelectorAll('[data-testid="cause-steps"] li')].map(text);
    expect(steps).toEqual(exchange.verdict.cause?.steps);
    expect(el.querySelector('section[aria-label="The fix"]')).toBeNull();
    expect(el.querySelector('section[aria-label="What the browser reported"]')).toBeNull();
    expect(text(el.querySelector('[data-step="request-0"] .card-headers-response'))).toContain(
      'None: the request failed (net::ERR_CONNECTION_REFUSED).',
    );
  });

  it('shows the resource policy that blocked a no-cors image, header and URL', () => {
    const exchange = exchangeOf(
      observe({
        mode: 'no-cors',
        resourceType: 'image',
        url: `${API}/logo.png`,
        responseHeaders: [['Cross-Origin-Resource-Policy', 'same-origin']],
        outcome: 'net::ERR_BLOCKED_BY_RESPONSE',
      }),
    );
    const el = card(exchange);
    const blocked = sectionNamed(el, 'What blocked it');
    expect(blocked.getAttribute('data-cause')).toBe('resource-policy');
    expect(text(blocked.querySelector('[data-testid="cause-header"]'))).toBe(
      `Decided by Cross-Origin-Resource-Policy: same-origin on ${API}/logo.png`,
    );
  });

  it('is honest about a failure nothing explains', () => {
    const exchange = exchangeOf(
      observe({ outcome: 'net::ERR_SOMETHING_NEW', responseHeaders: null }),
    );
    const el = card(exchange);
    expect(text(el.querySelector('[data-testid="card-status"]'))).toContain('Failed, unexplained');
    expect(headline(el)).toMatch(/^Failed \(net::ERR_SOMETHING_NEW\): /);
    const reported = sectionNamed(el, 'What the browser reported');
    expect(text(reported)).toContain(exchange.verdict.unexplained?.meaning ?? '?');
    expect(text(reported)).toMatch(/No CORS rule explains this failure/);
    const causes = [...reported.querySelectorAll('[data-testid="likely-causes"] li')].map(text);
    expect(causes).toEqual(exchange.verdict.unexplained?.likelyCauses);
    expect(causes.length).toBeGreaterThan(0);
  });

  it('says what is not known about a timed-out exchange', () => {
    const exchange = exchangeOf(observe({ outcome: 'in-flight', responseHeaders: null }), {
      state: 'timed-out',
      note: 'No final event within 30 s: the request may still be running.',
    });
    const el = card(exchange);
    expect(text(el.querySelector('[data-testid="card-status"]'))).toContain('Pending');
    expect(headline(el)).toBe('Waiting for the response');
    const capture = sectionNamed(el, 'What the capture saw');
    expect(text(capture)).toMatch(/Timed out: .*outcome is unknown/);
    expect(text(capture)).toContain('No final event within 30 s');
  });

  it('explains a same-origin request as not CORS', () => {
    const el = card(exchangeOf(observe({ origin: API })));
    expect(text(el.querySelector('[data-testid="card-status"]'))).toContain('Not CORS');
    expect(headline(el)).toBe('Not CORS: same-origin');
    expect(text(sectionNamed(el, 'Not CORS'))).toMatch(/own origin, so CORS does not apply/);
    expect(el.querySelector('section[aria-label="Preflight"]')).toBeNull();
    expect(el.querySelector('section[aria-label="Replay with curl"]')).toBeNull();
  });

  it('explains no-cors', () => {
    const el = card(exchangeOf(observe({ mode: 'no-cors', origin: PAGE })));
    expect(text(sectionNamed(el, 'Not CORS'))).toMatch(/no-cors/);
  });
});

describe('ExchangeCard: a call refused in the page', () => {
  const [sameOrigin, noCorsManual, , csp] = pageProbeExchanges();

  it.each([
    ['mode same-origin', sameOrigin, "{ mode: 'cors' }"],
    ["no-cors with redirect 'manual'", noCorsManual, "{ redirect: 'follow' }"],
  ])('%s: the fetch() options to pass, with a copy button', async (_name, exchange, options) => {
    if (!exchange) throw new Error('no exchange');
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const el = card(exchange);
    const change = el.querySelector('[data-testid="fix-call"]');
    expect(text(change?.querySelector('code'))).toBe(options);
    await act(async () => {
      buttonNamed(el, 'Copy fetch() options').click();
      await Promise.resolve();
    });
    expect(writeText).toHaveBeenCalledWith(options);
    // No response came: there is nothing to edit in a what-if.
    expect(el.querySelector('[data-testid="what-if"]')).toBeNull();
  });

  it("a CSP block: the policy line the page's document must send instead", () => {
    if (!csp) throw new Error('no exchange');
    const el = card(csp);
    const send = sectionNamed(el, 'What blocked it').querySelector('[data-testid="cause-send"]');
    expect(text(send?.querySelector('p'))).toBe(`Send instead, on ${PAGE}/app:`);
    expect(text(send?.querySelector('code'))).toBe(
      `Content-Security-Policy: connect-src 'self' ${API}`,
    );
  });
});

describe('ExchangeCard: Firefox first', () => {
  it('leads with Firefox’s reason and message when asked', () => {
    const { exchange, log } = recordedExchange('header-not-allowed');
    const el = card(exchange, log, { browser: 'firefox' });
    const names = [...el.querySelectorAll('[data-testid$="-name"] dt')].map(text);
    expect(names).toEqual(['Firefox', 'Chromium']);
    const consoles = [...el.querySelectorAll('details h4')].map(text);
    expect(consoles).toEqual(['Firefox’s console', 'Chromium’s console']);
  });
});

describe('ExchangeCard: interactions', () => {
  it('copies the fix headers and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { el, origins } = recordedCard('missing-acao');
    const button = buttonNamed(el, 'Copy fix headers');
    await act(async () => {
      button.click();
      await Promise.resolve();
    });
    expect(writeText).toHaveBeenCalledWith(
      `Access-Control-Allow-Origin: ${origins.page}\nVary: Origin`,
    );
    expect(text(button.parentElement?.querySelector('[role="status"]'))).toBe('Copied');
  });

  it('switches snippet tabs by click and by arrow keys', () => {
    const { el } = recordedCard('missing-acao');
    const panel = (id: string) =>
      el.querySelector<HTMLElement>(`[role="tabpanel"][data-snippet="${id}"]`);
    const lines = () => el.querySelector<HTMLElement>('[role="tabpanel"][data-fix-lines]');
    expect(lines()?.hidden).toBe(false);
    expect(panel('express')?.hidden).toBe(true);
    click(el.querySelector('[data-snippet-tab="nginx"]'));
    expect(panel('nginx')?.hidden).toBe(false);
    expect(lines()?.hidden).toBe(true);
    expect(panel('express')?.hidden).toBe(true);
    expect(text(panel('nginx'))).toContain('always');

    const tab = el.querySelector<HTMLElement>('[data-snippet-tab="nginx"]');
    void act(() => {
      tab?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(panel('apache')?.hidden).toBe(false);
    expect(el.querySelector('[data-snippet-tab="apache"]')?.getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(el.querySelector('[data-snippet-tab="apache"]')?.getAttribute('tabindex')).toBe('0');
    void act(() => {
      tab?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    });
    expect(lines()?.hidden).toBe(false);
    expect(panel('apache')?.hidden).toBe(true);
  });

  it('redacts secrets in the curl pair until asked', () => {
    const exchange = exchangeOf(
      observe({
        requestHeaders: [['Authorization', 'Bearer s3cr3t-t0ken-value']],
        responseHeaders: [],
        outcome: 'cors',
        method: 'GET',
        preflight: {
          acrh: 'authorization',
          responseHeaders: [['Access-Control-Allow-Origin', PAGE]],
        },
      }),
    );
    const el = card(exchange);
    const curl = sectionNamed(el, 'Replay with curl');
    expect(text(curl)).not.toContain('s3cr3t-t0ken-value');
    const toggle = curl.querySelector<HTMLInputElement>('input[type="checkbox"]');
    expect(toggle?.checked).toBe(false);
    click(toggle);
    expect(text(curl)).toContain('s3cr3t-t0ken-value');
    expect(text(curl)).toMatch(/Secrets are shown/);
  });
});

describe('ExchangeCard: which snippets are verified on real servers', () => {
  it('says so per stack: Express verified with its versions, Spring not', () => {
    const { exchange, log } = recordedExchange('missing-acao');
    const el = mount(<ExchangeCard exchange={exchange} log={log} onSelect={() => undefined} />);
    const verdictOf = (id: string) =>
      el.querySelector(`[data-snippet="${id}"] .card-verified`)?.textContent ?? '';
    expect(verdictOf('express')).toMatch(/^Verified: .*Express 5, cors 2\.8/);
    expect(verdictOf('nginx')).toMatch(/^Verified: .*nginx 1\.22/);
    expect(verdictOf('spring')).toMatch(/^Not verified/);
    expect(verdictOf('aspnet')).toMatch(/^Not verified/);
  });
});
