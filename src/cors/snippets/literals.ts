/**
 * String literals for each target language. Origins, method and header names are HTTP
 * tokens and paths are percent-encoded, so in practice only quotes and backslashes need
 * care; control characters cannot occur in a real header value, and are escaped only so
 * that broken input still yields a file that parses.
 */

type ControlEscape = (code: number) => string;

function escapeWith(
  value: string,
  specials: Readonly<Record<string, string>>,
  control: ControlEscape,
): string {
  let out = '';
  for (const char of value) {
    const code = char.charCodeAt(0);
    const special = specials[char];
    if (special !== undefined) out += special;
    else if (code < 0x20 || code === 0x7f) out += control(code);
    else out += char;
  }
  return out;
}

function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const hex = (code: number, width: number) => code.toString(16).padStart(width, '0');
const unicodeEscape: ControlEscape = (code) => `\\u${hex(code, 4)}`;
const percentEscape: ControlEscape = (code) => `%${hex(code, 2).toUpperCase()}`;

/** JavaScript, single quotes (the project's and most Node projects' Prettier style). */
export function jsString(value: string): string {
  return `'${escapeWith(value, { '\\': '\\\\', "'": "\\'" }, unicodeEscape)}'`;
}

/** Python, double quotes (Black's style). */
export function pyString(value: string): string {
  return `"${escapeWith(value, { '\\': '\\\\', '"': '\\"' }, unicodeEscape)}"`;
}

/** A Python raw string for a regular expression; falls back to an ordinary string when a raw one cannot hold it. */
export function pyRegex(pattern: string): string {
  const rawSafe = !pattern.includes('"') && !pattern.endsWith('\\') && !hasControl(pattern);
  return rawSafe ? `r"${pattern}"` : pyString(pattern);
}

/** Java: `\u` escapes are decoded before lexing (a `\u000a` would end the line), so octal. */
export function javaString(value: string): string {
  return `"${escapeWith(value, { '\\': '\\\\', '"': '\\"' }, (code) => `\\${code.toString(8).padStart(3, '0')}`)}"`;
}

export function csString(value: string): string {
  return `"${escapeWith(value, { '\\': '\\\\', '"': '\\"' }, unicodeEscape)}"`;
}

export function goString(value: string): string {
  return `"${escapeWith(value, { '\\': '\\\\', '"': '\\"' }, (code) => `\\x${hex(code, 2)}`)}"`;
}

/** Ruby: single quotes (no interpolation); double quotes only when an escape is needed. */
export function rubyString(value: string): string {
  if (!hasControl(value))
    return `'${escapeWith(value, { '\\': '\\\\', "'": "\\'" }, unicodeEscape)}'`;
  return `"${escapeWith(value, { '\\': '\\\\', '"': '\\"', '#': '\\#' }, unicodeEscape)}"`;
}

/**
 * nginx: single quotes, `\` escapes quotes and backslashes. nginx has no escape for other
 * control characters, and none for `$` (variables); neither occurs in a token or an origin.
 */
export function nginxString(value: string): string {
  return `'${escapeWith(value, { '\\': '\\\\', "'": "\\'" }, percentEscape)}'`;
}

/** Apache mod_headers value: double quotes, and `%` doubled since mod_headers reads `%…` as a format. */
export function apacheHeaderValue(value: string): string {
  return `"${escapeWith(value, { '\\': '\\\\', '"': '\\"', '%': '%%' }, percentEscape)}"`;
}

/** Apache directive argument (a path): double quotes, no format characters. */
export function apacheString(value: string): string {
  return `"${escapeWith(value, { '\\': '\\\\', '"': '\\"' }, percentEscape)}"`;
}

/** Escapes a literal for a regular expression (Python `re`, PCRE: the same metacharacters). */
export function escapeRegex(value: string): string {
  return value.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

export type CommentStyle = '//' | '#';

export function comment(style: CommentStyle, text: string): string {
  return `${style} ${text}`;
}
