// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeCard } from './ExchangeCard';
import { buttonNamed, click, mount, unmountAll } from './testing/mount';
import { recordedExchange } from './testing/recorded';

afterEach(() => {
  unmountAll();
});

const verdictText = (el: HTMLElement) =>
  el.querySelector('[data-testid="what-if-verdict"]')?.textContent ?? '';

function type(textarea: HTMLTextAreaElement, value: string) {
  void act(() => {
    textarea.value = value;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('the card’s what-if editor', () => {
  it('judges the edited responses at once, and starts from the fix on request', () => {
    const { exchange, log } = recordedExchange('header-not-allowed');
    const el = mount(<ExchangeCard exchange={exchange} log={log} onSelect={() => undefined} />);
    const whatIf = el.querySelector('[data-testid="what-if"]');
    if (!(whatIf instanceof HTMLElement)) throw new Error('no what-if');
    expect(verdictText(whatIf)).toMatch(
      /^Still blocked: .*\(HeaderDisallowedByPreflightResponse\)/,
    );

    const [preflight] = [...whatIf.querySelectorAll('textarea')];
    if (!preflight) throw new Error('no editor');
    type(preflight, `${preflight.value}\nAccess-Control-Allow-Headers: X-FOO`);
    // The preflight passes now; the actual response the browser never reached is next.
    expect(verdictText(whatIf)).toMatch(/\(MissingAllowOriginHeader\)/);
    expect(whatIf.querySelector('[data-testid="what-if-fix"]')?.textContent).toMatch(
      /Access-Control-Allow-Origin: /,
    );

    click(buttonNamed(whatIf, 'Start from the fix'));
    expect(verdictText(whatIf)).toBe('With these responses this request passes.');
    buttonNamed(whatIf, 'Copy edits as fix');

    click(buttonNamed(whatIf, 'Reset to what was received'));
    expect(verdictText(whatIf)).toMatch(/HeaderDisallowedByPreflightResponse/);
  });

  it('names a typed line that is not a header', () => {
    const { exchange, log } = recordedExchange('missing-acao');
    const el = mount(<ExchangeCard exchange={exchange} log={log} onSelect={() => undefined} />);
    const [actual] = [
      ...el.querySelectorAll<HTMLTextAreaElement>('[data-testid="what-if"] textarea'),
    ];
    if (!actual) throw new Error('no editor');
    type(actual, 'Access-Control-Allow-Origin *');
    expect(el.querySelector('[data-testid="what-if-problems"]')?.textContent).toMatch(
      /Line 1 is not a header line/,
    );
  });
});
