import { combinedHeader, parseTokenList } from './headers';
import { isSafelistedMethod } from './safelist';
import type { BrowserFamily, HeaderList, PreflightCacheEntry } from './types';

/** Chromium caps preflight cache entries at 2 h, Firefox at 24 h (docs/cors-reference.md §4.8). */
export const MAX_AGE_CAP_SECONDS: Record<BrowserFamily, number> = {
  chromium: 7200,
  firefox: 86400,
};
/** Without a usable Access-Control-Max-Age both browsers keep a preflight for 5 seconds. */
export const DEFAULT_MAX_AGE_SECONDS = 5;

export interface MaxAge {
  /** How long the browser keeps the entry; 0 means it is not cached at all. */
  readonly seconds: number;
  readonly note: 'absent' | 'ok' | 'capped' | 'negative' | 'invalid';
  readonly raw: string | undefined;
}

const INT64_MAX = 9223372036854775807n;

/**
 * How a browser reads Access-Control-Max-Age. Chromium: absent or not an int64 → 5 s,
 * negative → 0, capped at 7200. Firefox: only digits count (anything else caches nothing),
 * capped at 86400.
 */
export function parseMaxAge(raw: string | undefined, browser: BrowserFamily): MaxAge {
  const cap = MAX_AGE_CAP_SECONDS[browser];
  if (raw === undefined) return { seconds: DEFAULT_MAX_AGE_SECONDS, note: 'absent', raw };
  if (browser === 'firefox') {
    if (!/^\d+$/.test(raw)) return { seconds: 0, note: 'invalid', raw };
    const value = BigInt(raw);
    return value > BigInt(cap)
      ? { seconds: cap, note: 'capped', raw }
      : { seconds: Number(value), note: 'ok', raw };
  }
  // base::StringToInt64: optional sign, digits only, no surrounding whitespace, no overflow.
  if (!/^[+-]?\d+$/.test(raw)) return { seconds: DEFAULT_MAX_AGE_SECONDS, note: 'invalid', raw };
  const value = BigInt(raw);
  if (value > INT64_MAX || value < -INT64_MAX - 1n) {
    return { seconds: DEFAULT_MAX_AGE_SECONDS, note: 'invalid', raw };
  }
  if (value < 0n) return { seconds: 0, note: 'negative', raw };
  if (value >= BigInt(cap))
    return { seconds: cap, note: value > BigInt(cap) ? 'capped' : 'ok', raw };
  return { seconds: Number(value), note: 'ok', raw };
}

/**
 * The cache entry a successful preflight leaves behind, or null when the browser would
 * not cache it (max-age 0, unparsable lists).
 */
export function cacheEntryFromPreflight(args: {
  origin: string;
  url: string;
  credentials: boolean;
  responseHeaders: HeaderList;
  storedAt: number;
  browser: BrowserFamily;
}): PreflightCacheEntry | null {
  const methods = parseTokenList(
    combinedHeader(args.responseHeaders, 'Access-Control-Allow-Methods'),
  );
  const headers = parseTokenList(
    combinedHeader(args.responseHeaders, 'Access-Control-Allow-Headers'),
  );
  if (!methods.ok || !headers.ok) return null;
  const maxAge = parseMaxAge(
    combinedHeader(args.responseHeaders, 'Access-Control-Max-Age'),
    args.browser,
  );
  if (maxAge.seconds <= 0) return null;
  return {
    origin: args.origin,
    url: args.url,
    credentials: args.credentials,
    methods: methods.tokens,
    headers: headers.tokens.map((h) => h.toLowerCase()),
    storedAt: args.storedAt,
    maxAgeSeconds: maxAge.seconds,
  };
}

export type CacheLookup =
  | { readonly hit: true; readonly ageSeconds: number }
  | { readonly hit: false; readonly why: string };

/**
 * Whether a cached preflight lets this request skip a new one (Chromium's
 * CheckIfRequestCanSkipPreflight). `*` works only for non-credentialed entries, and the
 * cache never lets `*` cover Authorization, so such requests preflight every time.
 */
export function lookupPreflightCache(
  entry: PreflightCacheEntry,
  request: {
    origin: string;
    url: string;
    method: string;
    unsafeHeaderNames: readonly string[];
    credentials: boolean;
    now: number;
  },
): CacheLookup {
  if (entry.origin !== request.origin || entry.url !== request.url) {
    return { hit: false, why: 'the cached preflight was for another origin or URL' };
  }
  const ageSeconds = (request.now - entry.storedAt) / 1000;
  if (ageSeconds >= entry.maxAgeSeconds) {
    return { hit: false, why: `the cached preflight expired (${entry.maxAgeSeconds} s max-age)` };
  }
  if (request.credentials && !entry.credentials) {
    return { hit: false, why: 'the cached preflight was for a request without credentials' };
  }
  const wildcard = !entry.credentials;
  const methodOk =
    isSafelistedMethod(request.method) ||
    entry.methods.includes(request.method) ||
    (wildcard && entry.methods.includes('*'));
  if (!methodOk)
    return { hit: false, why: `the cached preflight does not allow ${request.method}` };
  for (const name of request.unsafeHeaderNames) {
    const lower = name.toLowerCase();
    if (entry.headers.includes(lower)) continue;
    if (wildcard && entry.headers.includes('*') && lower !== 'authorization') continue;
    return { hit: false, why: `the cached preflight does not allow the header ${lower}` };
  }
  return { hit: true, ageSeconds };
}
