/** POSIX sh quoting for commands the user pastes into a terminal. */

/**
 * Single quotes keep every byte literal in sh, bash and zsh; the only character they
 * cannot hold is `'` itself, written as `'\''` (close, escaped quote, reopen).
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * A word left bare when it needs no quoting (a method name), quoted otherwise. It must
 * not start with `=` (zsh replaces `=word` by the path of the command `word`) nor `-`
 * (it would read as an option wherever it is not an option's argument).
 */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_.:/@%+=,-]*$/.test(value) ? value : shellQuote(value);
}

/**
 * Characters a pasted command cannot carry: a newline or CR would end the command (or
 * inject a header on the wire), other C0 controls, DEL and C1 controls (U+009B acts as
 * ESC [ in many terminals) are invisible and mangled or obeyed by terminals. Tab is
 * ordinary whitespace in a header value.
 */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/**
 * Percent-encodes control characters (C0, DEL, C1), for URLs: a serialized URL never has
 * any, and a C1 character is encoded as its UTF-8 bytes, as a URL parser would.
 */
export function encodeControlCharacters(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.charCodeAt(0);
    out +=
      code < 0x20 || code === 0x7f
        ? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
        : code > 0x7f && code <= 0x9f
          ? encodeURIComponent(char)
          : char;
  }
  return out;
}

/**
 * An HTTP header name (RFC 9110 token). Browsers send no other; a name that is not one
 * can only come from a crafted file, and curl would misread some (`-H '@file: …'` makes
 * it read headers from a local file).
 */
export function isHeaderName(name: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name);
}
