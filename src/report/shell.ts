/** POSIX sh quoting for commands the user pastes into a terminal. */

/**
 * Single quotes keep every byte literal in sh, bash and zsh; the only character they
 * cannot hold is `'` itself, written as `'\''` (close, escaped quote, reopen).
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** A word left bare when it needs no quoting (a method name), quoted otherwise. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_.:/@%+=,-]+$/.test(value) ? value : shellQuote(value);
}

/**
 * Characters a pasted command cannot carry: a newline or CR would end the command (or
 * inject a header on the wire), other C0 controls and DEL are invisible and mangled by
 * terminals. Tab is ordinary whitespace in a header value.
 */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

/** Percent-encodes control characters, for URLs (a serialized URL never has any). */
export function encodeControlCharacters(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.charCodeAt(0);
    out +=
      code < 0x20 || code === 0x7f ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : char;
  }
  return out;
}
