// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PanelStore } from './store';
import { manyExchanges, marker, sampleExchanges, storeWith } from './list/testing';
import { Workspace } from './Workspace';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  void act(() => {
    render(null, root);
  });
  root.remove();
});

function mount(store: PanelStore) {
  void act(() => {
    render(<Workspace store={store} />, root);
  });
}

const $ = (selector: string): HTMLElement => {
  const found = root.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`${selector} not found`);
  return found;
};
const rows = () => [...root.querySelectorAll<HTMLTableRowElement>('tr[data-exchange-id]')];
const selectedIds = () =>
  rows()
    .filter((row) => row.getAttribute('aria-selected') === 'true')
    .map((row) => row.dataset.exchangeId);
const grid = () => $('[role="grid"]');

function press(target: Element, key: string, init: KeyboardEventInit = {}) {
  void act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));
  });
}

function typeFilter(text: string) {
  const input = $('input[type="search"]') as HTMLInputElement;
  void act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('the exchange list', () => {
  it('shows one row per exchange, oldest first, with the verdict counts', () => {
    const exchanges = sampleExchanges();
    mount(storeWith(exchanges));
    expect(rows().map((r) => r.dataset.exchangeId)).toEqual(exchanges.map((e) => e.id));
    expect(rows().map((r) => r.dataset.status)).toEqual([
      'allowed',
      'blocked',
      'allowed',
      'blocked',
    ]);
    expect($('[data-testid="exchange-counts"]').textContent).toBe('4 exchanges, 2 blocked');
    const blocked = rows()[3];
    expect(blocked?.querySelector('.mark')?.textContent).toContain('Blocked');
    expect(blocked?.querySelector('td.url')?.getAttribute('title')).toBe(
      'http://localhost:7102/api/four',
    );
    expect(blocked?.querySelector('td.url')?.textContent).toBe('localhost:7102/api/four');
    expect(blocked?.querySelector('td.preflight')?.textContent).toBe('sent');
    // A failed preflight's status is the one shown.
    expect(blocked?.querySelector('td.status')?.textContent).toBe('404');
    expect(grid().getAttribute('aria-rowcount')).toBe('5');
  });

  it('puts navigation markers between the exchanges, by seq', () => {
    const exchanges = sampleExchanges();
    const between = (exchanges[1]?.seq ?? 0) + 0.5;
    mount(storeWith(exchanges, [marker(between)]));
    const body = [...root.querySelectorAll('tbody tr:not(.spacer)')];
    expect(body.map((r) => (r.classList.contains('marker') ? 'marker' : 'exchange'))).toEqual([
      'exchange',
      'exchange',
      'marker',
      'exchange',
      'exchange',
    ]);
    expect(body[2]?.textContent).toContain('Navigated to http://127.0.0.1:7101/page-');
  });

  it('says so when nothing is recorded, and when the filter hides everything', () => {
    mount(storeWith([]));
    expect($('.list-empty').textContent).toMatch(/No cross-origin request recorded yet/);
    expect($('[data-testid="exchange-counts"]').textContent).toBe('0 exchanges, 0 blocked');
  });
});

describe('filtering', () => {
  it('narrows the rows as the filter is typed, and reports what it cannot read', () => {
    mount(storeWith(sampleExchanges()));
    typeFilter('is:blocked');
    expect(rows().map((r) => r.dataset.status)).toEqual(['blocked', 'blocked']);
    expect($('[data-testid="exchange-counts"]').textContent).toBe('4 exchanges, 2 blocked');
    expect($('[data-testid="shown-count"]').textContent).toBe('2 shown');

    typeFilter('api/three');
    expect(rows()).toHaveLength(1);

    typeFilter('nothing:here');
    expect(rows()).toHaveLength(0);
    expect($('.filter-problem').textContent).toMatch(/Unknown filter key "nothing:"/);
    expect($('.list-empty').textContent).toBe('No exchange matches the filter.');
  });

  it('"Blocked only" keeps the blocked rows, together with the filter', () => {
    mount(storeWith(sampleExchanges()));
    const toggle = [...root.querySelectorAll('label')].find((l) =>
      l.textContent.includes('Blocked only'),
    );
    const box = toggle?.querySelector('input');
    if (!box) throw new Error('no Blocked only toggle');
    void act(() => {
      box.click();
    });
    expect(rows().map((r) => r.dataset.status)).toEqual(['blocked', 'blocked']);
    typeFilter('four');
    expect(rows()).toHaveLength(1);
  });

  it('"/" focuses the filter box and Escape clears it, then goes back to the list', () => {
    mount(storeWith(sampleExchanges()));
    const input = $('input[type="search"]') as HTMLInputElement;
    press(document.body, '/');
    expect(document.activeElement).toBe(input);
    typeFilter('is:blocked');
    press(input, 'Escape');
    expect(input.value).toBe('');
    expect(rows()).toHaveLength(4);
    press(input, 'Escape');
    expect(document.activeElement).toBe(grid());
  });
  it('over a long log, keeps the previous rows with "Filtering…" until the new filter is applied', async () => {
    mount(storeWith(manyExchanges(5_000)));
    expect(grid().getAttribute('aria-rowcount')).toBe('5001');
    // A slow machine: every look at the clock finds the time for one go used up.
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 100));
    try {
      typeFilter('is:blocked');
      expect($('[data-testid="filter-pending"]').textContent).toBe('Filtering…');
      expect(grid().getAttribute('aria-rowcount')).toBe('5001');
      expect(grid().getAttribute('aria-busy')).toBe('true');
      await vi.waitFor(() => {
        expect(grid().getAttribute('aria-rowcount')).toBe('501');
      });
      expect(root.querySelector('[data-testid="filter-pending"]')).toBeNull();
      expect(grid().getAttribute('aria-busy')).toBe('false');
      expect($('[data-testid="shown-count"]').textContent).toBe('500 shown');
    } finally {
      clock.mockRestore();
    }
  });
});

describe('keyboard', () => {
  it('moves the selection with the arrows, Home and End, opens with Enter and closes with Escape', () => {
    const exchanges = sampleExchanges();
    const ids = exchanges.map((e) => e.id);
    mount(storeWith(exchanges));
    grid().focus();
    press(grid(), 'ArrowDown');
    expect(selectedIds()).toEqual([ids[0]]);
    expect(grid().getAttribute('aria-activedescendant')).toBe(`exchange-row-${ids[0] ?? ''}`);
    press(grid(), 'ArrowDown');
    expect(selectedIds()).toEqual([ids[1]]);
    press(grid(), 'End');
    expect(selectedIds()).toEqual([ids[3]]);
    press(grid(), 'ArrowDown');
    expect(selectedIds()).toEqual([ids[3]]);
    press(grid(), 'Home');
    expect(selectedIds()).toEqual([ids[0]]);
    press(grid(), 'ArrowUp');
    expect(selectedIds()).toEqual([ids[0]]);
    // Selecting alone does not open the details.
    expect(root.querySelector('.details-pane')).toBeNull();

    press(grid(), 'ArrowDown');
    press(grid(), 'Enter');
    const details = $('.details-pane');
    expect(details.contains(document.activeElement)).toBe(true);
    expect(details.textContent).toContain('localhost:7102/api/two');
    expect($('[role="separator"]').getAttribute('aria-valuenow')).toBe('40');

    press(document.activeElement ?? details, 'Escape');
    expect(root.querySelector('.details-pane')).toBeNull();
    expect(document.activeElement).toBe(grid());
    expect(selectedIds()).toEqual([ids[1]]);
  });

  it('a click selects the row and shows its details; Escape in the list hides them', () => {
    const exchanges = sampleExchanges();
    mount(storeWith(exchanges));
    void act(() => {
      rows()[2]
        ?.querySelector('td.url')
        ?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(selectedIds()).toEqual([exchanges[2]?.id]);
    expect($('.details-pane').textContent).toContain('api/three');
    press(grid(), 'Escape');
    expect(root.querySelector('.details-pane')).toBeNull();
  });

  it('the splitter resizes with the arrow keys, within bounds', () => {
    mount(storeWith(sampleExchanges()));
    void act(() => {
      rows()[0]?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    const splitter = $('[role="separator"]');
    press(splitter, 'ArrowRight');
    expect(splitter.getAttribute('aria-valuenow')).toBe('42');
    press(splitter, 'ArrowLeft', { shiftKey: true });
    expect(splitter.getAttribute('aria-valuenow')).toBe('32');
    press(splitter, 'Home');
    expect(splitter.getAttribute('aria-valuenow')).toBe('20');
    press(splitter, 'End');
    expect(splitter.getAttribute('aria-valuenow')).toBe('80');
  });
});

describe('virtualization', () => {
  it('renders only a window of rows for 100,000 exchanges, wherever the list is scrolled', async () => {
    const store = storeWith(manyExchanges(100_000));
    mount(store);
    expect($('[data-testid="exchange-counts"]').textContent).toBe(
      '100000 exchanges, 10000 blocked',
    );
    expect(grid().getAttribute('aria-rowcount')).toBe('100001');
    expect(rows().length).toBeGreaterThan(10);
    expect(rows().length).toBeLessThan(100);

    const scroller = $('.list-scroll');
    void act(() => {
      scroller.scrollTop = 50_000 * 22;
      scroller.dispatchEvent(new Event('scroll'));
    });
    const shown = rows().map((r) => Number(r.getAttribute('aria-rowindex')) - 2);
    expect(shown.length).toBeLessThan(100);
    expect(shown).toContain(50_000);
    // Spacers stand for the rows before and after the window.
    const spacers = [...root.querySelectorAll<HTMLElement>('tr.spacer td')];
    expect(spacers.map((s) => s.style.height)).toEqual([
      `${(shown[0] ?? 0) * 22}px`,
      `${(100_000 - (shown.at(-1) ?? 0) - 1) * 22}px`,
    ]);

    // The keyboard reaches the end, and the end is rendered.
    grid().focus();
    press(grid(), 'End');
    expect(selectedIds()).toEqual(['7:99999']);
    typeFilter('is:blocked');
    // A filter over so long a log may take a few frames, the previous rows shown meanwhile.
    await vi.waitFor(() => {
      expect(grid().getAttribute('aria-rowcount')).toBe('10001');
    });
    expect(root.querySelector('[data-testid="filter-pending"]')).toBeNull();
    expect(rows().length).toBeLessThan(100);
  });
});
