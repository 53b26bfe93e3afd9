import { byteLength, isAsciiNameMatch } from './headers';
import type { BrowserFamily, HeaderList, UnsafeHeaderWhy } from './types';

/** Fetch's CORS-safelisted methods. Chromium upper-cases before comparing; the outcome is the same. */
export function isSafelistedMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'GET' || upper === 'HEAD' || upper === 'POST';
}

/** Fetch's forbidden request-header names (lowercase); `proxy-` and `sec-` prefixes too. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'access-control-request-private-network',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'via',
]);

/** The forbidden names by length: a name is compared only with those as long as it. */
const FORBIDDEN_BY_LENGTH: ReadonlyMap<number, readonly string[]> = (() => {
  const byLength = new Map<number, string[]>();
  for (const name of FORBIDDEN_NAMES) {
    byLength.set(name.length, [...(byLength.get(name.length) ?? []), name]);
  }
  return byLength;
})();

/**
 * `name.toLowerCase().startsWith(prefix)` for a lowercase ASCII `prefix`, without the copy.
 * Lowercasing maps characters one by one, so while they are ASCII, folding them is the same.
 */
function hasLowerPrefix(name: string, prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) {
    const code = name.charCodeAt(i); // NaN past the end: no match
    if (code >= 0x80) return name.toLowerCase().startsWith(prefix);
    if ((code >= 0x41 && code <= 0x5a ? code | 0x20 : code) !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Forbidden request headers are set by the browser, never by script, so they never make
 * a request need a preflight (Chromium skips them with HttpUtil::IsSafeHeader).
 */
export function isForbiddenRequestHeader(name: string): boolean {
  // Most request headers are forbidden ones (User-Agent, Referer, Sec-*): answered without
  // lowercasing a copy of each name.
  if (hasLowerPrefix(name, 'sec-') || hasLowerPrefix(name, 'proxy-')) return true;
  const candidates = FORBIDDEN_BY_LENGTH.get(name.length);
  if (candidates === undefined) return false;
  for (const candidate of candidates) if (isAsciiNameMatch(name, candidate)) return true;
  return false;
}

/**
 * Headers browsers add below the CORS check: `Priority` (RFC 9218) is sent by Firefox on
 * every request and by Chromium over HTTP/2 and HTTP/3. Seen on the wire, it says nothing
 * about what the page set; a page that sets it itself gets it listed in the preflight's
 * Access-Control-Request-Headers, which the engine reads first.
 */
const ADDED_BELOW_CORS = new Set(['priority']);

/** Fetch's CORS-unsafe request-header byte. */
function hasUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || '"():<>?@[\\]{}'.includes(value.charAt(i))) {
      return true;
    }
  }
  return false;
}

const HTTP_WS = /^[\t\n\r ]+|[\t\n\r ]+$/g;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The essence of a MIME type by Fetch's strict "parse a MIME type", or null on failure. */
export function mimeEssence(value: string): string | null {
  const input = value.replace(HTTP_WS, '');
  const slash = input.indexOf('/');
  if (slash < 0) return null;
  const type = input.slice(0, slash);
  const semicolon = input.indexOf(';', slash + 1);
  const subtype = (
    semicolon < 0 ? input.slice(slash + 1) : input.slice(slash + 1, semicolon)
  ).replace(/[\t\n\r ]+$/, '');
  if (!TOKEN.test(type) || !TOKEN.test(subtype)) return null;
  return `${type}/${subtype}`.toLowerCase();
}

const SAFELISTED_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

/** Chromium also safelists this one (ProtectedAudienceCorsSafelistKVv2Signals, on by default). */
const CHROMIUM_EXTRA_CONTENT_TYPE = 'message/ad-auction-trusted-signals-request';

function isSimpleRange(value: string): boolean {
  // Chromium lower-cases first and refuses whitespace, commas, lists and suffix ranges.
  const match = /^bytes=(\d+)-(\d*)$/.exec(value.toLowerCase());
  if (!match) return false;
  const [, start = '', end = ''] = match;
  return end === '' || BigInt(start) <= BigInt(end);
}

const LANGUAGE_VALUE = /^[0-9A-Za-z *,\-.;=]*$/;
const DOUBLE_LIKE = /^\d+(\.\d+)?$/;
const INT_LIKE = /^\d+$/;
const ECT_VALUES = new Set(['slow-2g', '2g', '3g', '4g']);

/** Client-hint and intervention headers only Chromium safelists (docs/cors-reference.md §4.3). */
const CHROMIUM_EXTRA_NAMES = new Set([
  'intervention',
  'device-memory',
  'dpr',
  'width',
  'viewport-width',
  'rtt',
  'downlink',
  'ect',
  'save-data',
]);

export type HeaderJudgement =
  | { readonly safelisted: true }
  | { readonly safelisted: false; readonly why: UnsafeHeaderWhy; readonly detail: string };

const SAFE: HeaderJudgement = { safelisted: true };

function unsafe(why: UnsafeHeaderWhy, detail: string): HeaderJudgement {
  return { safelisted: false, why, detail };
}

/** Fetch's "CORS-safelisted request-header", with Chromium's extra names when judging for Chromium. */
export function judgeRequestHeader(
  name: string,
  value: string,
  browser: BrowserFamily = 'chromium',
): HeaderJudgement {
  const lower = name.toLowerCase();
  const known =
    ['accept', 'accept-language', 'content-language', 'content-type', 'range'].includes(lower) ||
    (browser === 'chromium' && CHROMIUM_EXTRA_NAMES.has(lower));
  if (!known) {
    return unsafe('name-not-safelisted', `\`${lower}\` is not a CORS-safelisted request header`);
  }
  const bytes = byteLength(value);
  if (bytes > 128) {
    return unsafe(
      'value-over-128-bytes',
      `its value is ${bytes} bytes long; safelisted values may be at most 128`,
    );
  }
  switch (lower) {
    case 'accept':
      return hasUnsafeByte(value)
        ? unsafe('value-has-unsafe-byte', 'its value contains a character CORS treats as unsafe')
        : SAFE;
    case 'accept-language':
    case 'content-language':
      return LANGUAGE_VALUE.test(value)
        ? SAFE
        : unsafe(
            'language-value-not-safelisted',
            'its value has characters other than letters, digits, space and *,-.;=',
          );
    case 'content-type': {
      if (hasUnsafeByte(value)) {
        return unsafe(
          'value-has-unsafe-byte',
          'its value contains a character CORS treats as unsafe',
        );
      }
      const essence = mimeEssence(value);
      if (essence !== null && SAFELISTED_CONTENT_TYPES.has(essence)) return SAFE;
      if (browser === 'chromium' && essence === CHROMIUM_EXTRA_CONTENT_TYPE) return SAFE;
      return unsafe(
        'content-type-not-safelisted',
        essence === null
          ? `\`${value}\` is not a valid MIME type`
          : `\`${essence}\` is not one of text/plain, multipart/form-data, application/x-www-form-urlencoded`,
      );
    }
    case 'range':
      return isSimpleRange(value)
        ? SAFE
        : unsafe('range-not-simple', 'only a single range `bytes=start-[end]` is safelisted');
    case 'device-memory':
    case 'dpr':
    case 'downlink':
      return DOUBLE_LIKE.test(value)
        ? SAFE
        : unsafe('client-hint-value-not-safelisted', 'its value is not a decimal number');
    case 'width':
    case 'viewport-width':
    case 'rtt':
      return INT_LIKE.test(value)
        ? SAFE
        : unsafe('client-hint-value-not-safelisted', 'its value is not a whole number');
    case 'ect':
      return ECT_VALUES.has(value)
        ? SAFE
        : unsafe('client-hint-value-not-safelisted', 'its value is not one of slow-2g, 2g, 3g, 4g');
    case 'save-data':
      return value.toLowerCase() === 'on'
        ? SAFE
        : unsafe('client-hint-value-not-safelisted', 'its value is not `on`');
    default:
      return SAFE; // intervention: any value
  }
}

export interface UnsafeHeader {
  /** Lowercased, as the browser lists it in Access-Control-Request-Headers. */
  readonly name: string;
  readonly value: string;
  readonly why: UnsafeHeaderWhy;
  readonly detail: string;
}

/** Fetch: safelisted values may add up to at most 1024 bytes before all of them count as unsafe. */
export const SAFELISTED_TOTAL_LIMIT = 1024;

/**
 * Fetch's "CORS-unsafe request-header names", in request order (as Chromium iterates them
 * when it names the first disallowed header), skipping forbidden headers the browser sets.
 */
export function corsUnsafeHeaders(
  headers: HeaderList,
  browser: BrowserFamily = 'chromium',
): UnsafeHeader[] {
  const unsafeList: UnsafeHeader[] = [];
  const potentially: Array<{ name: string; value: string }> = [];
  let total = 0;
  const seen = new Set<string>();
  for (const { name, value } of headers) {
    if (isForbiddenRequestHeader(name)) continue;
    const lower = name.toLowerCase();
    if (ADDED_BELOW_CORS.has(lower) || seen.has(lower)) continue;
    seen.add(lower);
    const judgement = judgeRequestHeader(lower, value, browser);
    if (judgement.safelisted) {
      potentially.push({ name: lower, value });
      total += byteLength(value);
    } else {
      unsafeList.push({ name: lower, value, why: judgement.why, detail: judgement.detail });
    }
  }
  if (total > SAFELISTED_TOTAL_LIMIT) {
    for (const { name, value } of potentially) {
      unsafeList.push({
        name,
        value,
        why: 'safelisted-total-over-1024-bytes',
        detail: `safelisted header values add up to ${total} bytes, over the 1024-byte limit`,
      });
    }
  }
  return unsafeList;
}

/** What the browser sends as Access-Control-Request-Headers: sorted, lowercased, no spaces. */
export function accessControlRequestHeaders(names: readonly string[]): string {
  return [...new Set(names.map((n) => n.toLowerCase()))].sort().join(',');
}
