import type { HeaderList } from './types';

/** HTTP's optional whitespace: the parser strips it around field values. */
const OWS = /^[ \t]+|[ \t]+$/g;

export function trimOws(value: string): string {
  return value.replace(OWS, '');
}

/** Every value of `name` (case-insensitive), in order, OWS-trimmed. */
export function headerValues(headers: HeaderList | undefined, name: string): string[] {
  if (!headers) return [];
  const lower = name.toLowerCase();
  const values: string[] = [];
  for (const header of headers) {
    if (header.name.toLowerCase() === lower) values.push(trimOws(header.value));
  }
  return values;
}

/**
 * The value of `name` as Chromium reads it: all lines joined with ", " (the HTTP parser
 * combines repeated fields that way), or undefined when the header is absent.
 */
export function combinedHeader(headers: HeaderList | undefined, name: string): string | undefined {
  const values = headerValues(headers, name);
  return values.length === 0 ? undefined : values.join(', ');
}

export function hasHeader(headers: HeaderList | undefined, name: string): boolean {
  return headerValues(headers, name).length > 0;
}

/** Byte length of a header value. webRequest hands values over UTF-8 decoded, so count UTF-8. */
export function byteLength(value: string): number {
  let bytes = 0;
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** RFC 9110 tchar. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isToken(value: string): boolean {
  return TOKEN.test(value);
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
  let out = '';
  for (let i = 0; i < hint.length; i++) {
    const code = hint.charCodeAt(i);
    out +=
      code >= 0x20 && code < 0x7f
        ? hint.charAt(i)
        : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}
