/**
 * Which preflight belongs to which request, and which hops make one request, decide every
 * verdict of a browser's HAR. The fast pairing must give exactly the pairs of the plain
 * quadratic search it replaced (testing/reference-pairing.ts), on any file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLog, type RawEntry } from './har-read';
import { importHar } from './har-import';
import { pairEntries, type Pairing } from './import-pairing';
import { Survivors } from './survivors';
import { referencePairing } from './testing/reference-pairing';

const API = 'http://api.test';

/** The pairs, as entry indexes: what the import makes of them. */
function shape(pairing: Pairing) {
  return {
    chains: pairing.chains.map((chain) => chain.map((e) => e.index)),
    preflights: [...pairing.byHop]
      .map(([hop, p]): [number, number] => [hop, p.index])
      .sort((a, b) => a[0] - b[0]),
    orphans: pairing.orphans.map((e) => e.index),
  };
}

function entriesOf(entries: readonly unknown[]): RawEntry[] {
  const log = readLog({ log: { entries } }, []);
  if (!log) throw new Error('not a log');
  return log.entries;
}

const at = (ms: number) => new Date(Date.UTC(2026, 10, 27, 14, 0, 0, ms)).toISOString();
const header = (name: string, value: string) => ({ name, value });

interface Spec {
  method: string;
  url: string;
  ms?: number;
  status?: number;
  location?: string;
  acrm?: string;
}

function entry(spec: Spec): unknown {
  return {
    ...(spec.ms !== undefined ? { startedDateTime: at(spec.ms) } : {}),
    request: {
      method: spec.method,
      url: spec.url,
      headers: [
        header('Origin', 'http://app.test'),
        ...(spec.acrm ? [header('Access-Control-Request-Method', spec.acrm)] : []),
      ],
    },
    response: {
      status: spec.status ?? 200,
      headers: spec.location ? [header('Location', spec.location)] : [],
      redirectURL: '',
    },
  };
}

// Few URLs, methods and moments, so that entries collide as they do in a busy page:
// the same URL spelt differently, times equal or a few milliseconds apart, no date at all.
const URLS = [
  `${API}/a`,
  `${API}/a#part`,
  'HTTP://API.test:80/a',
  `${API}/b`,
  `${API}/b?x=1`,
  `${API}/c`,
  'not a url',
];
const arbitraryEntry = fc.record(
  {
    preflight: fc.boolean(),
    method: fc.constantFrom('GET', 'PUT', 'put', 'POST', 'DELETE', 'HEAD'),
    acrm: fc.option(fc.constantFrom('PUT', 'put', 'GET', 'POST', 'DELETE'), { nil: undefined }),
    marker: fc.constantFrom('header', 'resourceType', 'initiator'),
    initiatorUrl: fc.option(fc.constantFrom(...URLS), { nil: undefined }),
    url: fc.constantFrom(...URLS),
    date: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 30 }).map(at) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constant('yesterday') },
    ),
    status: fc.constantFrom(200, 200, 0, 204, 301, 302, 303, 307, 308),
    redirect: fc.option(fc.constantFrom(...URLS, '/b', 'c'), { nil: undefined }),
    viaHeader: fc.boolean(),
    pageref: fc.constantFrom(undefined, 'page_1', 'page_2'),
  },
  { requiredKeys: [] },
);
type Generated = typeof arbitraryEntry extends fc.Arbitrary<infer T> ? T : never;

function harEntry(g: Generated): unknown {
  const preflight = g.preflight ?? false;
  const marker = g.marker ?? 'header';
  const acrm = preflight && marker === 'header' ? (g.acrm ?? 'PUT') : g.acrm;
  const location = g.redirect;
  return {
    ...(g.date !== undefined ? { startedDateTime: g.date } : {}),
    ...(g.pageref !== undefined ? { pageref: g.pageref } : {}),
    ...(preflight && marker === 'resourceType' ? { _resourceType: 'preflight' } : {}),
    ...(preflight && marker === 'initiator'
      ? { _initiator: { type: 'preflight', ...(g.initiatorUrl ? { url: g.initiatorUrl } : {}) } }
      : {}),
    request: {
      method: preflight ? 'OPTIONS' : (g.method ?? 'GET'),
      url: g.url ?? URLS[0],
      headers: acrm !== undefined ? [header('Access-Control-Request-Method', acrm)] : [],
    },
    response: {
      status: g.status ?? 200,
      headers: location !== undefined && g.viaHeader ? [header('Location', location)] : [],
      redirectURL: location !== undefined && !g.viaHeader ? location : '',
    },
  };
}

describe('pairing preflights and redirect hops', () => {
  it('gives the pairs of the plain search on any small file', () => {
    fc.assert(
      fc.property(fc.array(arbitraryEntry, { maxLength: 40 }), (generated) => {
        const entries = entriesOf(generated.map(harEntry));
        expect(shape(pairEntries(entries))).toEqual(shape(referencePairing(entries)));
      }),
      { numRuns: 1_500 },
    );
  });

  it('gives the pairs of the plain search with many identical requests in flight', () => {
    const crowded = fc.record({
      preflight: fc.boolean(),
      method: fc.constantFrom('PUT', 'GET'),
      acrm: fc.constantFrom('PUT', 'GET'),
      url: fc.constantFrom(`${API}/a`, `${API}/b`),
      ms: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined, freq: 10 }),
      status: fc.constantFrom(200, 200, 200, 307),
    });
    fc.assert(
      fc.property(fc.array(crowded, { minLength: 50, maxLength: 300 }), (generated) => {
        const entries = entriesOf(
          generated.map((g) =>
            entry({
              method: g.preflight ? 'OPTIONS' : g.method,
              url: g.url,
              ...(g.ms !== undefined ? { ms: g.ms } : {}),
              ...(g.preflight ? { acrm: g.acrm } : { status: g.status, location: `${API}/b` }),
            }),
          ),
        );
        expect(shape(pairEntries(entries))).toEqual(shape(referencePairing(entries)));
      }),
      { numRuns: 150 },
    );
  });

  it.each([
    [
      'each of three identical PUTs in flight gets the preflight sent just after it',
      [
        { method: 'PUT', url: `${API}/a`, ms: 0 },
        { method: 'PUT', url: `${API}/a`, ms: 10 },
        { method: 'PUT', url: `${API}/a`, ms: 20 },
        { method: 'OPTIONS', url: `${API}/a`, ms: 22, acrm: 'PUT' },
        { method: 'OPTIONS', url: `${API}/a`, ms: 2, acrm: 'PUT' },
        { method: 'OPTIONS', url: `${API}/a`, ms: 11, acrm: 'PUT' },
      ],
      {
        chains: [[0], [1], [2]],
        preflights: [
          [0, 4],
          [1, 5],
          [2, 3],
        ],
        orphans: [],
      },
    ],
    [
      'a preflight listed, and started, a moment before its request',
      [
        { method: 'OPTIONS', url: `${API}/a`, ms: 99, acrm: 'PUT' },
        { method: 'PUT', url: `${API}/a`, ms: 100 },
      ],
      { chains: [[1]], preflights: [[1, 0]], orphans: [] },
    ],
    [
      'a preflight for another method, or another URL, is no request’s',
      [
        { method: 'PUT', url: `${API}/a`, ms: 0 },
        { method: 'OPTIONS', url: `${API}/a`, ms: 1, acrm: 'DELETE' },
        { method: 'OPTIONS', url: `${API}/b`, ms: 1, acrm: 'PUT' },
      ],
      { chains: [[0]], preflights: [], orphans: [1, 2] },
    ],
    [
      'a redirect chained to the next request to its target, each hop with its preflight',
      [
        { method: 'PUT', url: `${API}/a`, ms: 0, status: 307, location: '/b' },
        { method: 'OPTIONS', url: `${API}/a`, ms: 1, acrm: 'PUT' },
        { method: 'PUT', url: `${API}/b`, ms: 5 },
        { method: 'OPTIONS', url: `${API}/b`, ms: 6, acrm: 'PUT' },
      ],
      {
        chains: [[0, 2]],
        preflights: [
          [0, 1],
          [2, 3],
        ],
        orphans: [],
      },
    ],
    [
      'a 303 continues as a GET: the PUT to the target is another request',
      [
        { method: 'PUT', url: `${API}/a`, ms: 0, status: 303, location: `${API}/b` },
        { method: 'PUT', url: `${API}/b`, ms: 3 },
        { method: 'GET', url: `${API}/b`, ms: 4 },
      ],
      { chains: [[0, 2], [1]], preflights: [], orphans: [] },
    ],
  ] as const)('%s', (_name, specs, expected) => {
    const entries = entriesOf(specs.map((s) => entry(s)));
    expect(shape(pairEntries(entries))).toEqual(expected);
    expect(shape(referencePairing(entries))).toEqual(expected);
  });

  it('pairs 2,000 identical requests in flight one to one, as the plain search does', () => {
    const specs: Spec[] = [];
    for (let i = 0; i < 2_000; i++) {
      specs.push({ method: 'PATCH', url: `${API}/session`, ms: i * 3 });
      specs.push({
        method: 'OPTIONS',
        url: `${API}/session`,
        ms: i * 3 + (i % 3) - 1,
        acrm: 'PATCH',
      });
    }
    const entries = entriesOf(specs.map((s) => entry(s)));
    const fast = shape(pairEntries(entries));
    expect(fast.orphans).toEqual([]);
    expect(fast.preflights).toHaveLength(2_000);
    expect(fast).toEqual(shape(referencePairing(entries)));
  });

  it('opens a file of identical requests in flight with a verdict for each', () => {
    const specs: Spec[] = [];
    for (let i = 0; i < 50; i++) {
      specs.push({ method: 'PATCH', url: `${API}/session`, ms: i });
      specs.push({ method: 'OPTIONS', url: `${API}/session`, ms: i + 1, acrm: 'PATCH' });
    }
    const result = importHar({ log: { entries: specs.map((s) => entry(s)) } });
    expect(result.exchanges).toHaveLength(50);
    expect(new Set(result.exchanges.map((x) => x.verdict.preflight.seen))).toEqual(
      new Set(['sent']),
    );
  });
});

describe('Survivors', () => {
  it('finds the nearest alive position on either side, as a scan does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.integer({ min: -2, max: 42 }), { maxLength: 80 }),
        (size, ops) => {
          const survivors = new Survivors(size);
          const alive = new Array<boolean>(size).fill(true);
          for (const op of ops) {
            let next = Math.max(0, op);
            while (next < size && !alive[next]) next++;
            let previous = Math.min(op, size - 1);
            while (previous >= 0 && !alive[previous]) previous--;
            expect(survivors.nextAlive(op)).toBe(Math.min(next, size));
            expect(survivors.previousAlive(op)).toBe(Math.max(previous, -1));
            survivors.remove(op);
            if (op >= 0 && op < size) alive[op] = false;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
