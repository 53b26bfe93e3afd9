import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importHar } from '../../report';
import { logFromSnapshot } from '../log/log-state';
import { toPanelExchange } from './imported-exchanges';

const chromeHar = readFileSync(
  resolve(import.meta.dirname, '../../report/fixtures/chrome-156-playground.har'),
  'utf8',
);

describe('a HAR file in the panel', () => {
  it('becomes a log the list and the card can show, in file order, with what the file could not tell', () => {
    const result = importHar(chromeHar);
    const exchanges = result.exchanges.map((x, i) => toPanelExchange(x, i));
    const log = logFromSnapshot({
      exchanges,
      markers: [],
      stats: { tabId: 0, size: exchanges.length, dropped: 0, preserveLog: true },
    });
    expect(result.source).toBe('chrome');
    expect(log.exchanges).toHaveLength(result.exchanges.length);
    const blocked = exchanges.find((e) =>
      e.observation.request.url.includes('/s/header-not-allowed'),
    );
    expect(blocked?.verdict.failure?.corsError).toBe('HeaderDisallowedByPreflightResponse');
    expect(blocked?.state).toBe('done');
    expect(exchanges.some((e) => e.note?.startsWith('From the report file:'))).toBe(true);
  });
});
