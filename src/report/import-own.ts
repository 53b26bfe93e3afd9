/**
 * Opening a CORS Lens report: the `_cors` links say which entries make up each exchange,
 * and `_cors.observation` holds what the standard fields cannot, so the engine judges
 * exactly what the extension judged when the file was written.
 */
import { judge } from '../cors';
import type {
  BrowserFamily,
  CredentialsMode,
  ExchangeObservation,
  ObservedRedirect,
  Outcome,
  PageCallFacts,
  PreflightCacheEntry,
  RequestMode,
} from '../cors';
import { isObject, numberOf, stringOf, type Json, type RawEntry, type RawLog } from './har-read';
import type { ImportedExchange } from './import-types';
import { guarded, preflightOf, recordedOutcome, redirectOf, startedAtOf } from './import-shared';

const MODES: readonly RequestMode[] = ['cors', 'no-cors', 'same-origin', 'navigate', 'websocket'];
const CREDENTIALS: readonly CredentialsMode[] = ['omit', 'same-origin', 'include'];
const BROWSERS: readonly BrowserFamily[] = ['chromium', 'firefox'];
const SPACES = ['loopback', 'local', 'public'] as const;
const PAGE_APIS = ['fetch', 'xhr'] as const;
const REDIRECT_MODES = ['follow', 'error', 'manual'] as const;

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.find((v) => v === value);
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function outcomeOf(value: unknown): Outcome | undefined {
  if (!isObject(value)) return undefined;
  const error = stringOf(value.error);
  switch (value.kind) {
    case 'completed':
      return { kind: 'completed' };
    case 'in-flight':
      return { kind: 'in-flight' };
    case 'failed':
      return error === undefined ? undefined : { kind: 'failed', error };
    default:
      return undefined;
  }
}

function cacheEntryOf(value: unknown): PreflightCacheEntry | undefined {
  if (!isObject(value)) return undefined;
  const origin = stringOf(value.origin);
  const url = stringOf(value.url);
  const methods = stringList(value.methods);
  const headers = stringList(value.headers);
  const storedAt = numberOf(value.storedAt);
  const maxAgeSeconds = numberOf(value.maxAgeSeconds);
  const credentials = value.credentials;
  if (
    origin === undefined ||
    url === undefined ||
    !methods ||
    !headers ||
    storedAt === undefined ||
    maxAgeSeconds === undefined ||
    typeof credentials !== 'boolean'
  ) {
    return undefined;
  }
  return { origin, url, credentials, methods, headers, storedAt, maxAgeSeconds };
}

function pageErrorOf(value: unknown): PageCallFacts['error'] {
  if (!isObject(value)) return undefined;
  const name = stringOf(value.name);
  const message = stringOf(value.message);
  return name === undefined || message === undefined ? undefined : { name, message };
}

function cspOf(value: unknown): PageCallFacts['csp'] {
  if (!isObject(value)) return undefined;
  const directive = stringOf(value.directive);
  const policy = stringOf(value.policy);
  const document = stringOf(value.document);
  if (directive === undefined || policy === undefined) return undefined;
  return { directive, policy, ...(document !== undefined ? { document } : {}) };
}

function callSiteOf(value: unknown): PageCallFacts['callSite'] {
  if (!isObject(value)) return undefined;
  const url = stringOf(value.url);
  const line = numberOf(value.line);
  const column = numberOf(value.column);
  return url === undefined || line === undefined || column === undefined
    ? undefined
    : { url, line, column };
}

/** What the page probe saw, as the file holds it: the call's kind, or nothing. */
function pageOf(value: unknown): PageCallFacts | undefined {
  if (!isObject(value)) return undefined;
  const api = oneOf(PAGE_APIS, value.api);
  const redirect = oneOf(REDIRECT_MODES, value.redirect);
  if (!api || !redirect || typeof value.beforeNetwork !== 'boolean') return undefined;
  const error = pageErrorOf(value.error);
  const csp = cspOf(value.csp);
  const callSite = callSiteOf(value.callSite);
  return {
    api,
    redirect,
    beforeNetwork: value.beforeNetwork,
    ...(error ? { error } : {}),
    ...(csp ? { csp } : {}),
    ...(callSite ? { callSite } : {}),
  };
}

/** The observation's fields beyond the standard HAR ones, each checked. */
function extrasOf(value: unknown): {
  headersRecorded: boolean;
  outcome?: Outcome;
  rest: Partial<ExchangeObservation>;
} {
  const o = isObject(value) ? value : {};
  const outcome = outcomeOf(o.outcome);
  const mode = oneOf(MODES, o.mode);
  const credentials = oneOf(CREDENTIALS, o.credentials);
  const browser = oneOf(BROWSERS, o.browser);
  const resourceType = stringOf(o.resourceType);
  const now = numberOf(o.now);
  const read = stringList(o.readResponseHeaders);
  const cached = cacheEntryOf(o.cachedPreflight);
  const space = oneOf(SPACES, o.targetAddressSpace);
  const page = pageOf(o.page);
  return {
    headersRecorded: o.requestHeaders !== 'not-recorded',
    ...(outcome ? { outcome } : {}),
    rest: {
      ...(resourceType !== undefined ? { resourceType } : {}),
      ...(mode ? { mode } : {}),
      ...(credentials ? { credentials } : {}),
      ...(browser ? { browser } : {}),
      ...(now !== undefined ? { now } : {}),
      ...(read ? { readResponseHeaders: read } : {}),
      ...(cached ? { cachedPreflight: cached } : {}),
      ...(space ? { targetAddressSpace: space } : {}),
      ...(page ? { page } : {}),
    },
  };
}

function linkOf(cors: Json | undefined, role: string): number | undefined {
  return cors?.role === role ? numberOf(cors.forEntryIndex) : undefined;
}

function ownExchange(
  entry: RawEntry,
  cors: Json,
  exchangeId: string,
  recorded: string,
  redirectHops: ReadonlyMap<number, RawEntry[]>,
  preflightFor: ReadonlyMap<number, RawEntry>,
  problems: string[],
): ImportedExchange {
  const hopNumber = (e: RawEntry) => numberOf(e.cors?.hop) ?? 0;
  const hops = [
    entry,
    ...(redirectHops.get(entry.index) ?? []).sort((a, b) => hopNumber(a) - hopNumber(b)),
  ];
  const last = hops[hops.length - 1] ?? entry;
  const redirects: ObservedRedirect[] = [];
  hops.forEach((hop, i) => {
    if (hop.redirectURL === '') return;
    const next = hops[i + 1];
    redirects.push(redirectOf(hop, hop.redirectURL, next && preflightFor.get(next.index)));
  });
  const preflight = preflightFor.get(entry.index);
  const extras = extrasOf(cors.observation);
  const observation: ExchangeObservation = {
    initiatorOrigin: stringOf(cors.initiatorOrigin) ?? 'null',
    request: {
      url: entry.url,
      method: entry.method,
      ...(extras.headersRecorded ? { headers: entry.requestHeaders } : {}),
    },
    ...(last.redirectURL === '' && last.status > 0
      ? { response: { status: last.status, headers: last.responseHeaders } }
      : {}),
    ...(preflight ? { preflight: preflightOf(preflight) } : {}),
    ...(redirects.length > 0 ? { redirects } : {}),
    ...extras.rest,
    outcome: extras.outcome ?? recordedOutcome(last),
  };
  const verdict = judge(observation);
  if (verdict.status !== recorded) {
    problems.push(
      `entry ${entry.index}: the file recorded "${recorded}", the engine now says "${verdict.status}" (${verdict.headline})`,
    );
  }
  const used = [...hops, ...hops.flatMap((h) => preflightFor.get(h.index) ?? [])].map(
    (e) => e.index,
  );
  return {
    id: exchangeId,
    entryIndex: entry.index,
    entryIndexes: [...used].sort((a, b) => a - b),
    ...startedAtOf(entry),
    observation,
    verdict,
    unknowns: entry.comment === undefined ? [] : [entry.comment],
  };
}

/** Exchanges of the entries that carry our `_cors` fields; the indexes of every entry used. */
export function importOwn(
  log: RawLog,
  problems: string[],
): { exchanges: ImportedExchange[]; claimed: Set<number> } {
  const redirectHops = new Map<number, RawEntry[]>();
  const preflightFor = new Map<number, RawEntry>();
  for (const entry of log.entries) {
    const forRedirect = linkOf(entry.cors, 'redirect');
    if (forRedirect !== undefined) {
      redirectHops.set(forRedirect, [...(redirectHops.get(forRedirect) ?? []), entry]);
    }
    const forPreflight = linkOf(entry.cors, 'preflight');
    if (forPreflight !== undefined && !preflightFor.has(forPreflight)) {
      preflightFor.set(forPreflight, entry);
    }
  }
  const claimed = new Set<number>();
  const exchanges: ImportedExchange[] = [];
  for (const entry of log.entries) {
    const cors = entry.cors;
    const exchangeId = cors ? stringOf(cors.exchangeId) : undefined;
    const recorded = cors ? stringOf(cors.verdict) : undefined;
    if (!cors || exchangeId === undefined || recorded === undefined) continue;
    const built = guarded(entry.index, problems, () =>
      ownExchange(entry, cors, exchangeId, recorded, redirectHops, preflightFor, problems),
    );
    for (const x of built) {
      for (const index of x.entryIndexes) claimed.add(index);
      exchanges.push(x);
    }
  }
  return { exchanges, claimed };
}
