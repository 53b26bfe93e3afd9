/**
 * Pure text helpers for the card: data from the network is shown as text, never as
 * markup, and characters that would break the layout or spoof it are made visible.
 */

export interface Segment {
  readonly text: string;
  /** True for an escape (`\u0001`) standing for an invisible or layout-breaking character. */
  readonly escaped: boolean;
}

/**
 * C0 controls, DEL, C1 controls, bidirectional overrides and isolates, zero-width
 * characters, the line/paragraph separators and the BOM: each could hide text, reorder
 * it or break a line where a header value has none.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/u;

/** `\u0001` for U+0001: the escape shown in place of an invisible character. */
export function escapeChar(char: string): string {
  return `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

/**
 * Splits a value into plain runs and escapes for its invisible characters. `multiline`
 * keeps line feeds and tabs (code, commands); a header value never has them legitimately.
 */
export function visibleSegments(value: string, multiline = false): Segment[] {
  const out: Segment[] = [];
  let run = '';
  for (const char of value) {
    if (INVISIBLE.test(char) && !(multiline && (char === '\n' || char === '\t'))) {
      if (run !== '') out.push({ text: run, escaped: false });
      run = '';
      out.push({ text: escapeChar(char), escaped: true });
    } else {
      run += char;
    }
  }
  if (run !== '') out.push({ text: run, escaped: false });
  return out;
}

/** The value with every invisible character escaped: for copying and titles. */
export function visibleText(value: string, multiline = false): string {
  return visibleSegments(value, multiline)
    .map((s) => s.text)
    .join('');
}

/** Values longer than this are cut with an expand toggle. */
export const TRUNCATE_AT = 240;

/**
 * The first `limit` UTF-16 units of `value`, never splitting a surrogate pair, and
 * whether anything was cut.
 */
export function truncate(value: string, limit = TRUNCATE_AT): { text: string; cut: boolean } {
  if (value.length <= limit) return { text: value, cut: false };
  let end = limit;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { text: value.slice(0, end), cut: true };
}

export interface InlinePart {
  readonly text: string;
  readonly code: boolean;
}

/** Splits the engine's sentences at their `backtick` spans, to show those as code. */
export function inlineCode(sentence: string): InlinePart[] {
  const parts: InlinePart[] = [];
  const pattern = /`([^`]*)`/g;
  let last = 0;
  for (const match of sentence.matchAll(pattern)) {
    const at = match.index;
    if (at > last) parts.push({ text: sentence.slice(last, at), code: false });
    parts.push({ text: match[1] ?? '', code: true });
    last = at + match[0].length;
  }
  if (last < sentence.length) parts.push({ text: sentence.slice(last), code: false });
  return parts;
}

/** `1 character`, `65,536 characters`. */
export function characters(count: number): string {
  return `${count.toLocaleString('en-US')} character${count === 1 ? '' : 's'}`;
}

/** `host/path?query` of a URL, or the text itself when it is not one. */
export function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}
