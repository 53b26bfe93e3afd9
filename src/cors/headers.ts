import type { HeaderList } from './types';

/** HTTP's optional whitespace (space, tab): the parser strips it around field values. */
function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

export function trimOws(value: string): string {
  // Scanned by hand: this runs on every header value read, and most have nothing to trim.
  let start = 0;
  let end = value.length;
  while (start < end && isOws(value.charCodeAt(start))) start++;
  while (end > start && isOws(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/**
 * Whether `name.toLowerCase() === lower`, for a `lower` that is lowercase ASCII, without
 * allocating a lowercased copy of every header name looked at. Only non-ASCII names take
 * the slow path (the Kelvin sign lowercases to `k`); lengths can be compared first because
 * no character lowercases to several ASCII ones.
 */
export function isAsciiNameMatch(name: string, lower: string): boolean {
  if (name.length !== lower.length) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code >= 0x80) return name.toLowerCase() === lower;
    const folded = code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
    if (folded !== lower.charCodeAt(i)) return false;
  }
  return true;
}

export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

interface LowerName {
  readonly lower: string;
  readonly ascii: boolean;
}

/**
 * Lowercased names asked for, remembered: the engine asks for the same dozen constants
 * (`Access-Control-Allow-Origin`…) several times per exchange, and lowercasing one
 * allocates a new string each time. Bounded, as names from request headers vary.
 */
const LOWER_NAMES = new Map<string, LowerName>();
const LOWER_NAMES_LIMIT = 256;

function lowerName(name: string): LowerName {
  const known = LOWER_NAMES.get(name);
  if (known !== undefined) return known;
  const lower = name.toLowerCase();
  const entry = { lower, ascii: isAscii(lower) };
  if (LOWER_NAMES.size >= LOWER_NAMES_LIMIT) LOWER_NAMES.clear();
  LOWER_NAMES.set(name, entry);
  return entry;
}

function matches(candidate: string, name: LowerName): boolean {
  return name.ascii
    ? isAsciiNameMatch(candidate, name.lower)
    : candidate.toLowerCase() === name.lower;
}

/** Every value of `name` (case-insensitive), in order, OWS-trimmed. */
export function headerValues(headers: HeaderList | undefined, name: string): string[] {
  const values: string[] = [];
  if (!headers) return values;
  const lower = lowerName(name);
  for (const header of headers) {
    if (matches(header.name, lower)) values.push(trimOws(header.value));
  }
  return values;
}

/** The first value of `name` (OWS-trimmed), or undefined: `headerValues(…)[0]` without the array. */
export function firstHeaderValue(
  headers: HeaderList | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const lower = lowerName(name);
  for (const header of headers) {
    if (matches(header.name, lower)) return trimOws(header.value);
  }
  return undefined;
}

/** How many lines of `name` the list has. */
export function headerCount(headers: HeaderList | undefined, name: string): number {
  if (!headers) return 0;
  const lower = lowerName(name);
  let count = 0;
  for (const header of headers) if (matches(header.name, lower)) count++;
  return count;
}

/**
 * The value of `name` as Chromium reads it: all lines joined with ", " (the HTTP parser
 * combines repeated fields that way), or undefined when the header is absent.
 */
export function combinedHeader(headers: HeaderList | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const lower = lowerName(name);
  let combined: string | undefined;
  for (const header of headers) {
    if (!matches(header.name, lower)) continue;
    const value = trimOws(header.value);
    combined = combined === undefined ? value : `${combined}, ${value}`;
  }
  return combined;
}

export function hasHeader(headers: HeaderList | undefined, name: string): boolean {
  if (!headers) return false;
  const lower = lowerName(name);
  for (const header of headers) if (matches(header.name, lower)) return true;
  return false;
}

/** Byte length of a header value. webRequest hands values over UTF-8 decoded, so count UTF-8. */
export function byteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(value.charCodeAt(i + 1))) {
      // A surrogate pair is one code point of 4 bytes.
      bytes += 4;
      i++;
    } else bytes += 3; // lone surrogates count as 3, as code points of the BMP
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** RFC 9110 tchar, by character code. */
const TCHAR: readonly boolean[] = Array.from({ length: 128 }, (_, code) =>
  /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(String.fromCharCode(code)),
);

export function isToken(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    if (TCHAR[value.charCodeAt(i)] !== true) return false;
  }
  return true;
}

export type TokenList = { ok: true; tokens: string[] } | { ok: false; badToken: string };

/**
 * Parses a `#token` list (Access-Control-Allow-Methods/-Headers): comma-separated,
 * OWS-trimmed, empty elements skipped; one non-token element fails the whole header.
 * An absent header is an empty list.
 */
export function parseTokenList(value: string | undefined): TokenList {
  if (value === undefined) return { ok: true, tokens: [] };
  const tokens: string[] = [];
  for (const raw of value.split(',')) {
    const element = trimOws(raw);
    if (element === '') continue;
    if (!isToken(element)) return { ok: false, badToken: element };
    tokens.push(element);
  }
  return { ok: true, tokens };
}

/** Escapes what Chromium escapes when it prints a hint: non-printable and non-ASCII as \uXXXX. */
export function encodeHint(hint: string): string {
  let i = 0;
  while (i < hint.length && hint.charCodeAt(i) >= 0x20 && hint.charCodeAt(i) < 0x7f) i++;
  if (i === hint.length) return hint; // the usual case: nothing to escape
  let out = hint.slice(0, i);
  for (; i < hint.length; i++) {
    const code = hint.charCodeAt(i);
    out +=
      code >= 0x20 && code < 0x7f
        ? hint.charAt(i)
        : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}
