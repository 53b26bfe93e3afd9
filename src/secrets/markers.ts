/**
 * What stands in for a secret: the value goes, its presence and length stay visible,
 * since "a cookie was sent" and "the token was empty" are often the clue.
 */

/** Length in characters as a reader counts them (code points, not UTF-16 units). */
export function charCount(value: string): number {
  let count = 0;
  for (const _char of value) count++;
  return count;
}

/** Header marker: readable, and safe inside a single-quoted shell word. */
export function redactionMarker(value: string): string {
  return `<redacted:${charCount(value)} chars>`;
}

/**
 * URL marker: only characters that need no escaping in a URL, and none that curl reads as
 * URL globbing (`[]{}`), so a redacted command still runs and the URL still parses.
 */
export function urlRedactionMarker(value: string): string {
  return `REDACTED-${charCount(value)}-CHARS`;
}

/** Whether a value is already a URL marker (a URL inside a header value is redacted first). */
export function isUrlMarker(value: string): boolean {
  return /^REDACTED-\d+-CHARS$/.test(value);
}

/** A value with its secrets replaced, and the secrets themselves (to scrub them from prose). */
export interface Redacted {
  readonly text: string;
  readonly secrets: readonly string[];
}

export const UNCHANGED = (text: string): Redacted => ({ text, secrets: [] });
