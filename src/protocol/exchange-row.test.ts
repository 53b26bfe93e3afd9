import { describe, expect, it } from 'vitest';
import { recordedExchanges } from './testing/exchanges';
import { parseFilter, searchTextOf } from '../capture/filter';
import { isExchangeRow, rowOf } from './exchange-row';
import { backgroundToPanel, MAX_IDS_PER_REQUEST, panelToBackground } from './messages';

const [exchange] = recordedExchanges(3, 1);
if (!exchange) throw new Error('no exchange');

describe('an exchange row', () => {
  it('holds what the list shows and searches, and a fraction of the bytes', () => {
    const row = rowOf(exchange);
    expect(row).toMatchObject({
      id: exchange.id,
      seq: exchange.seq,
      finalUrl: exchange.finalUrl,
      observation: {
        initiatorOrigin: exchange.observation.initiatorOrigin,
        request: { url: exchange.observation.request.url, method: 'GET' },
      },
      verdict: { status: exchange.verdict.status, headline: exchange.verdict.headline },
    });
    // The filter reads a row as it reads the exchange.
    expect(searchTextOf(row)).toBe(searchTextOf(exchange));
    for (const text of ['is:allowed', 'method:get', 'status:2xx', 'api/one', 'is:blocked']) {
      expect(parseFilter(text).predicate(row)).toBe(parseFilter(text).predicate(exchange));
    }
    expect(JSON.stringify(row).length).toBeLessThan(JSON.stringify(exchange).length / 3);
    // No `undefined` members: absent stays absent on the wire.
    expect(JSON.parse(JSON.stringify(row))).toEqual(row);
  });

  it('is checked shallowly, and a whole exchange passes as a row', () => {
    expect(isExchangeRow(rowOf(exchange))).toBe(true);
    expect(isExchangeRow(exchange)).toBe(true);
    expect(isExchangeRow({ ...rowOf(exchange), id: 5 })).toBe(false);
    expect(isExchangeRow({ ...rowOf(exchange), observation: { request: {} } })).toBe(false);
    expect(isExchangeRow(null)).toBe(false);
  });
});

describe('the messages for whole exchanges', () => {
  const ask = { tabId: 3, requestId: 1, ids: ['3:0'] };
  it('getExchanges: a tab, a request id and at most a whole log of ids', () => {
    expect(panelToBackground.getExchanges(ask)).toBe(true);
    expect(panelToBackground.getExchanges({ ...ask, ids: [] })).toBe(true);
    expect(panelToBackground.getExchanges({ ...ask, ids: [3] })).toBe(false);
    expect(panelToBackground.getExchanges({ ...ask, requestId: -1 })).toBe(false);
    expect(panelToBackground.getExchanges({ ...ask, tabId: -1 })).toBe(false);
    const tooMany = Array.from({ length: MAX_IDS_PER_REQUEST + 1 }, (_, i) => String(i));
    expect(panelToBackground.getExchanges({ ...ask, ids: tooMany })).toBe(false);
  });

  it('exchanges: whole exchanges only (a row is not enough for the card)', () => {
    const answer = { tabId: 3, requestId: 1, exchanges: [exchange], missing: [], last: true };
    expect(backgroundToPanel.exchanges(answer)).toBe(true);
    expect(backgroundToPanel.exchanges({ ...answer, exchanges: [rowOf(exchange)] })).toBe(false);
    expect(backgroundToPanel.exchanges({ ...answer, missing: [1] })).toBe(false);
    expect(backgroundToPanel.exchanges({ ...answer, last: 'yes' })).toBe(false);
    const { last: _last, ...noLast } = answer;
    expect(backgroundToPanel.exchanges(noLast)).toBe(false);
  });

  it('snapshot and changes carry rows', () => {
    const stats = { tabId: 3, size: 1, dropped: 0, preserveLog: true };
    const snapshot = { tabId: 3, exchanges: [rowOf(exchange)], markers: [], stats };
    expect(backgroundToPanel.snapshot(snapshot)).toBe(true);
    expect(backgroundToPanel.snapshot({ ...snapshot, exchanges: [{ id: '3:0' }] })).toBe(false);
    const changes = {
      tabId: 3,
      cleared: false,
      removed: [],
      upserts: [rowOf(exchange)],
      markers: [],
      stats: null,
    };
    expect(backgroundToPanel.changes(changes)).toBe(true);
  });
});
