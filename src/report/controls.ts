/**
 * Text from a HAR file is shown, never obeyed: the CLI prints it to terminals and CI logs,
 * the Markdown report quotes it. A control character there would act instead of showing
 * (ESC retitles the terminal or recolours the log, CR overwrites the line, a C1 CSI does
 * what ESC [ does), so each one is written as an escape a reader can see.
 */

/**
 * C0 controls, DEL, C1 controls; U+2028/2029, which some viewers take for line breaks;
 * and the bidirectional marks, embeddings, overrides and isolates, which reorder what
 * follows them on screen so a line can read as something it is not.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** Beyond C0, the JSON writer leaves these as they are; `\uXXXX` is valid JSON for them. */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `\x1b` for ESC, `\r` for CR, `\u009b` for the C1 CSI: the escape shown in a character's place. */
export function escapeControl(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : unicodeEscape(char);
}

/** The text with every control character in CONTROLS shown as its escape. */
export function showControls(text: string): string {
  return text.replace(CONTROLS, escapeControl);
}

/**
 * The same characters, except line feeds and tabs, which a multi-line text (a code
 * block, a command) uses as layout.
 */
export function showControlsInBlock(text: string): string {
  return text.replace(CONTROLS, (char) =>
    char === '\n' || char === '\t' ? char : escapeControl(char),
  );
}

/**
 * JSON for a terminal: JSON.stringify already escapes C0, and the rest only occur inside
 * string literals (the structure is ASCII), where `\uXXXX` means the same character.
 */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, unicodeEscape);
}
