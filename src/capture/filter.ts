/**
 * The panel's filter, as a pure function of the text typed in the filter box
 * (DevTools-like): free text, `key:value` terms, `-key:value` negation, quoted
 * phrases. Terms are ANDed; a value may list alternatives with commas
 * (`is:blocked,unexplained`). Also the list's order: exchanges by `seq` with
 * the navigation markers between them.
 */
import type { CorsFailure, VerdictStatus } from '../cors';
import { parseUrl } from '../cors/url';
import type { Exchange } from './exchange';
import type { NavigationMarker } from './tab-log';

/**
 * What the filter, the counts and the list's status read of an exchange. A whole Exchange is
 * one; so is the row the panel holds per exchange (protocol/exchange-row.ts), which carries
 * no more than this and what the list shows.
 */
export interface FilterSubject {
  readonly finalUrl: string;
  readonly observation: {
    readonly initiatorOrigin: string;
    readonly request: { readonly url: string; readonly method: string };
    readonly response?: { readonly status: number };
  };
  readonly verdict: {
    readonly status: VerdictStatus;
    readonly headline: string;
    readonly failure?: Pick<CorsFailure, 'corsError' | 'firefoxReason' | 'stage' | 'httpStatus'>;
    readonly unexplained?: { readonly error: string };
    readonly cause?: { readonly id: string; readonly error: string };
  };
}

export interface ExchangeFilter {
  /**
   * Whether the exchange passes. `searchText`, when given, is `searchTextOf(exchange)`: a
   * caller filtering the same exchanges again and again keeps it at hand.
   */
  readonly predicate: (exchange: FilterSubject, searchText?: string) => boolean;
  /** Whether the filter searches free text (uses `searchTextOf`). */
  readonly searchesText: boolean;
  /** What could not be understood, in plain words; the rest of the filter still applies. */
  readonly problems: readonly string[];
  /** False when the text holds no term: every exchange matches. */
  readonly active: boolean;
}

export const FILTER_KEYS = ['is', 'method', 'origin', 'host', 'status', 'error'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

const VERDICTS: Readonly<Record<string, VerdictStatus>> = {
  blocked: 'blocked',
  allowed: 'allowed',
  unexplained: 'unexplained',
  failed: 'failed',
  pending: 'pending',
  na: 'not-applicable',
  'n/a': 'not-applicable',
  'not-applicable': 'not-applicable',
};

type Test = (exchange: FilterSubject, searchText?: string) => boolean;

interface Token {
  /** The token with its quotes removed. */
  readonly text: string;
  /** `key` and `value` when the token reads `key:value` with an unquoted key. */
  readonly key?: string;
  readonly value?: string;
  readonly negated: boolean;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Splits on whitespace outside double quotes; an unclosed quote runs to the end. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && isSpace(input.charAt(i))) i++;
    if (i >= input.length) break;
    let text = '';
    let keyEnd = -1;
    let quotedBeforeColon = false;
    while (i < input.length && !isSpace(input.charAt(i))) {
      const c = input.charAt(i);
      if (c === '"') {
        const close = input.indexOf('"', i + 1);
        const end = close === -1 ? input.length : close;
        if (keyEnd === -1) quotedBeforeColon = true;
        text += input.slice(i + 1, end);
        i = end + 1;
        continue;
      }
      if (c === ':' && keyEnd === -1 && !quotedBeforeColon) keyEnd = text.length;
      text += c;
      i++;
    }
    tokens.push(keyed(text, keyEnd));
  }
  return tokens;
}

function keyed(text: string, keyEnd: number): Token {
  if (keyEnd <= 0) return { text, negated: false };
  const rawKey = text.slice(0, keyEnd);
  const negated = rawKey.startsWith('-') && rawKey.length > 1;
  const key = (negated ? rawKey.slice(1) : rawKey).toLowerCase();
  if (!/^[a-z]+$/.test(key)) return { text, negated: false };
  return { text, key, value: text.slice(keyEnd + 1), negated };
}

/** The HTTP status the list shows: the final response's, or that of the preflight or redirect that failed. */
export function httpStatusOf(exchange: FilterSubject): {
  status: number | null;
  of: 'response' | 'preflight' | 'redirect';
} {
  const failure = exchange.verdict.failure;
  if (failure && failure.stage !== 'actual' && failure.httpStatus !== null) {
    return { status: failure.httpStatus, of: failure.stage };
  }
  return {
    status: exchange.observation.response?.status ?? failure?.httpStatus ?? null,
    of: 'response',
  };
}

function statusesOf(exchange: FilterSubject): number[] {
  const statuses: number[] = [];
  const response = exchange.observation.response?.status;
  const failed = exchange.verdict.failure?.httpStatus;
  if (response !== undefined) statuses.push(response);
  if (failed !== undefined && failed !== null && failed !== response) statuses.push(failed);
  return statuses;
}

const haystacks = new WeakMap<FilterSubject, string>();

/** Everything free text searches, lowercased once per exchange version. */
export function searchTextOf(exchange: FilterSubject): string {
  let text = haystacks.get(exchange);
  if (text === undefined) {
    const { observation, verdict } = exchange;
    text = [
      observation.request.method,
      observation.request.url,
      exchange.finalUrl === observation.request.url ? '' : exchange.finalUrl,
      observation.initiatorOrigin,
      verdict.headline,
      verdict.failure?.corsError ?? '',
      ...statusesOf(exchange).map(String),
    ]
      .join('\n')
      .toLowerCase();
    haystacks.set(exchange, text);
  }
  return text;
}

const hostOf = (url: string) => parseUrl(url)?.host.toLowerCase() ?? '';

/** A test for one alternative of a known key, or a problem. */
function valueTest(key: FilterKey, value: string): Test | string {
  const lower = value.toLowerCase();
  switch (key) {
    case 'is': {
      const status = VERDICTS[lower];
      if (status === undefined) {
        return `is:${value} is not a verdict: use blocked, allowed, failed, unexplained, pending or na.`;
      }
      return (e) => e.verdict.status === status;
    }
    case 'method':
      return (e) => e.observation.request.method.toLowerCase() === lower;
    case 'origin':
      return (e) => e.observation.initiatorOrigin.toLowerCase().includes(lower);
    case 'host':
      return (e) =>
        hostOf(e.observation.request.url).includes(lower) || hostOf(e.finalUrl).includes(lower);
    case 'status': {
      if (!/^[1-5][0-9x]{2}$/.test(lower)) {
        return `status:${value} is not a status: use a code like 404 or a range like 4xx.`;
      }
      const pattern = new RegExp(`^${lower.replaceAll('x', '[0-9]')}$`);
      return (e) => statusesOf(e).some((s) => pattern.test(String(s)));
    }
    case 'error':
      return (e) =>
        [
          e.verdict.failure?.corsError,
          e.verdict.failure?.firefoxReason,
          e.verdict.unexplained?.error,
          e.verdict.cause?.error,
          e.verdict.cause?.id,
        ]
          .filter((name): name is string => typeof name === 'string')
          .some((name) => name.toLowerCase().includes(lower));
  }
}

const isKnownKey = (key: string): key is FilterKey =>
  (FILTER_KEYS as readonly string[]).includes(key);

/** Parses the filter box's text. Never throws: what it cannot read becomes a problem. */
export function parseFilter(input: string): ExchangeFilter {
  const tests: Test[] = [];
  const problems: string[] = [];
  let searchesText = false;
  for (const token of tokenize(input)) {
    const { key, value } = token;
    if (key !== undefined && value !== undefined && isKnownKey(key)) {
      // A half-typed `is:` says nothing yet.
      const alternatives = value.split(',').filter((v) => v !== '');
      if (alternatives.length === 0) continue;
      const parts: Test[] = [];
      for (const alternative of alternatives) {
        const test = valueTest(key, alternative);
        if (typeof test === 'string') problems.push(test);
        else parts.push(test);
      }
      if (parts.length === 0) continue;
      const any: Test = (e) => parts.some((part) => part(e));
      tests.push(token.negated ? (e) => !any(e) : any);
      continue;
    }
    // `localhost:8080` and `http://…` are text, not unknown keys.
    if (key !== undefined && value !== undefined && !/^(\d*|\/\/.*)$/.test(value)) {
      problems.push(
        `Unknown filter key "${key}:", searched as text. Keys: ${FILTER_KEYS.map((k) => `${k}:`).join(' ')}`,
      );
    }
    const needle = token.text.toLowerCase();
    if (needle !== '') {
      searchesText = true;
      tests.push((e, text) => (text ?? searchTextOf(e)).includes(needle));
    }
  }
  return {
    predicate: tests.length === 0 ? () => true : (e, text) => tests.every((test) => test(e, text)),
    searchesText,
    problems,
    active: tests.length > 0,
  };
}

const sameToken = (a: Token, b: Token) =>
  a.text === b.text && a.key === b.key && a.value === b.value && a.negated === b.negated;

/**
 * Whether every exchange `next` lets through, `previous` lets through too: `next` holds the
 * same terms, the last one maybe longer free text (a character typed at its end), and maybe
 * more terms. Conservative: false when unsure. Lets a keystroke search only what the previous
 * text let through.
 */
export function filterNarrows(previous: string, next: string): boolean {
  const before = tokenize(previous);
  const after = tokenize(next);
  if (after.length < before.length) return false;
  return before.every((token, i) => {
    const now = after[i];
    if (now === undefined) return false;
    if (sameToken(token, now)) return true;
    // Free text searches a substring: a longer needle holding the shorter one finds less.
    return (
      i === before.length - 1 &&
      token.key === undefined &&
      now.key === undefined &&
      now.text.toLowerCase().includes(token.text.toLowerCase())
    );
  });
}

export type VerdictCounts = Readonly<Record<VerdictStatus, number>> & { readonly total: number };

export function countByVerdict(exchanges: Iterable<FilterSubject>): VerdictCounts {
  const counts: Record<VerdictStatus, number> = {
    allowed: 0,
    blocked: 0,
    'not-applicable': 0,
    failed: 0,
    unexplained: 0,
    pending: 0,
  };
  let total = 0;
  for (const exchange of exchanges) {
    counts[exchange.verdict.status] += 1;
    total += 1;
  }
  return { ...counts, total };
}

/** One line of the list: an exchange, or where the page navigated. */
export type ListRow = Exchange | NavigationMarker;

/**
 * Exchanges (already in `seq` order) with the navigation markers placed among them by `seq`.
 * With `dropEmptySections`, a marker followed by no exchange before the next marker is left
 * out (for a filtered list, where most sections may be empty).
 */
export function withMarkers(
  exchanges: readonly Exchange[],
  markers: readonly NavigationMarker[],
  options: { dropEmptySections?: boolean } = {},
): ListRow[] {
  const sorted = [...markers].sort((a, b) => a.seq - b.seq);
  const drop = options.dropEmptySections === true;
  const rows: ListRow[] = [];
  let m = 0;
  for (const exchange of exchanges) {
    let last: NavigationMarker | undefined;
    for (let next = sorted[m]; next !== undefined && next.seq < exchange.seq; next = sorted[++m]) {
      if (!drop) rows.push(next);
      last = next;
    }
    if (drop && last !== undefined) rows.push(last);
    rows.push(exchange);
  }
  if (!drop) rows.push(...sorted.slice(m));
  return rows;
}

export const isMarker = (row: ListRow): row is NavigationMarker => row.kind === 'navigation';
