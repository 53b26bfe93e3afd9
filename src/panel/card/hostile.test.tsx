// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { exchange as observe } from '../../cors/testing/exchange-builder';
import { ExchangeCard } from './ExchangeCard';
import { exchangeOf, logOf } from './testing/exchange';
import { buttonNamed, click, mount, unmountAll } from './testing/mount';

afterEach(unmountAll);

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(1)</script>';
const BIG = `${'A'.repeat(65_535)}Z`;
const INTL = 'é漢字';
const CONTROL = 'a\u0001\u0007b';
const BAD_ACAO = '<script>alert("acao")</script>';

function hostileCard() {
  const exchange = exchangeOf(
    observe({
      requestHeaders: [
        ['X-Img', IMG],
        ['X-<i>name</i>', SCRIPT],
      ],
      responseHeaders: [
        ['Access-Control-Allow-Origin', BAD_ACAO],
        ['X-Img', IMG],
        ['X-Script', SCRIPT],
        ['X-Big', BIG],
        ['X-Intl', INTL],
        ['X-Control', CONTROL],
        ['X-Control', 'second line, same name'],
      ],
      outcome: 'cors',
    }),
  );
  const root = mount(
    <ExchangeCard exchange={exchange} log={logOf(exchange)} onSelect={() => undefined} />,
  );
  return { root, exchange };
}

describe('ExchangeCard with hostile header values', () => {
  it('creates no element from data', () => {
    const { root } = hostileCard();
    expect(root.querySelectorAll('img, script, i, svg, iframe, object, embed')).toHaveLength(0);
    for (const el of root.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on')).toBe(false);
    }
  });

  it('shows markup, non-ASCII and the header names as text', () => {
    const { root, exchange } = hostileCard();
    const text = root.textContent;
    expect(text).toContain(IMG);
    expect(text).toContain(SCRIPT);
    expect(text).toContain(INTL);
    expect(text).toContain('X-<i>name</i>');
    expect(exchange.verdict.status).toBe('blocked');
    // The bad value reaches the headline (as code, as text).
    expect(root.querySelector('h2')?.textContent).toContain(BAD_ACAO);
  });

  it('escapes control characters visibly and lets none through raw', () => {
    const { root } = hostileCard();
    const text = root.textContent;
    expect(text).toContain('a\\u0001\\u0007b');
    expect(text.includes('\u0001')).toBe(false);
    expect(text.includes('\u0007')).toBe(false);
    const escapes = [...root.querySelectorAll('.card-ctl')].map((e) => e.textContent);
    expect(escapes).toEqual(expect.arrayContaining(['\\u0001', '\\u0007']));
  });

  it('keeps duplicate lines apart', () => {
    const { root } = hostileCard();
    const names = [...root.querySelectorAll('.card-headers-response .card-header-name')].map(
      (n) => n.textContent,
    );
    expect(names.filter((n) => n === 'X-Control')).toHaveLength(2);
  });

  it('cuts a 64 KB value and expands it on request', () => {
    const { root } = hostileCard();
    const row = [...root.querySelectorAll('tr')].find(
      (tr) => tr.querySelector('.card-header-name')?.textContent === 'X-Big',
    );
    if (!row) throw new Error('no X-Big row');
    const cell = row.querySelector('td');
    expect(cell?.textContent).not.toContain('Z');
    expect(cell?.textContent.length).toBeLessThan(400);
    const more = buttonNamed(row, 'Show all 65,536 characters');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    click(more);
    expect(cell?.textContent).toContain(BIG);
    click(buttonNamed(row, 'Show less'));
    expect(cell?.textContent).not.toContain('Z');
  });
});
