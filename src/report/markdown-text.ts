/** Markdown building blocks that stay correct whatever the text holds (backticks included). */

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Inline code: a fence longer than any run of backticks inside, padded when needed. */
export function inlineCode(text: string): string {
  const fence = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block whose fence no line of the body can close. */
export function codeBlock(language: string, body: string): string {
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}${language}\n${body}\n${fence}`;
}

const CODE_SPAN = /(`+)[\s\S]*?\1/g;

/**
 * Prose for one Markdown line: the engine's sentences already mark values with backticks,
 * so only a `<` outside them is escaped (it could open an HTML tag), and line breaks go.
 */
export function plain(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  let out = '';
  let at = 0;
  for (const match of flat.matchAll(CODE_SPAN)) {
    out += flat.slice(at, match.index).replaceAll('<', '\\<') + match[0];
    at = match.index + match[0].length;
  }
  return out + flat.slice(at).replaceAll('<', '\\<');
}

export function heading(level: number, text: string): string {
  return `${'#'.repeat(Math.min(6, Math.max(1, level)))} ${plain(text)}`;
}
