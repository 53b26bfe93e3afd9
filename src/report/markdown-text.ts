/**
 * Markdown building blocks that stay correct whatever the text holds. The values come
 * from a HAR file, which anyone can craft: quoted in a ticket, none may become a link,
 * an image, HTML, a heading or a list, nor end the code span or block that holds it.
 */
import { showControls, showControlsInBlock } from './controls';

/** What CommonMark ends a line at (CR, LF, CR LF), and the separators some viewers do. */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ');
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * Inline code: a fence longer than any run of backticks inside, padded when needed. A
 * line break would let a blank line or a `#` end the span, so the text is made one line
 * (CommonMark shows a line break in a code span as a space anyway).
 */
export function inlineCode(text: string): string {
  const body = showControls(oneLine(text));
  // An empty span is no span: two backticks show as they are.
  if (body === '') return '` `';
  const fence = '`'.repeat(longestRun(body, '`') + 1);
  // A backtick at an end would join the fence; a space at both ends loses one to CommonMark.
  const pad =
    body.startsWith('`') ||
    body.endsWith('`') ||
    (body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '')
      ? ' '
      : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * A fenced code block whose fence no line of the body can close. Line feeds and tabs are
 * its layout; any other control character (a CR is a line break to CommonMark) is shown.
 */
export function codeBlock(language: string, body: string): string {
  const shown = showControlsInBlock(body);
  const fence = '`'.repeat(Math.max(3, longestRun(shown, '`') + 1));
  return `${fence}${language}\n${shown}\n${fence}`;
}

/**
 * Characters that are Markdown syntax wherever they stand: escapes, code, emphasis, link
 * and image brackets, HTML and autolinks, entities, GFM tables and strikethrough, ATX
 * heading marks, GitHub's math. The rest of ASCII punctuation (`(`, `)`, `!`, `.`, `-`,
 * `+`, `{`, `}`...) is syntax only next to one of these or at the start of a line, which
 * `escapeProse` handles, so prose keeps its hyphens and full stops unescaped for those
 * who read the ticket as plain text (e-mail, Jira, Slack show backslashes as they are).
 */
const ALWAYS = /[\\`*_[\]<>&|~#$]/g;

/**
 * Escapes a run of prose. GFM links bare `http://…` and `www.…` itself: a backslash
 * before the `:` or the `.` stops it. (It also links bare e-mail addresses, which no
 * escape stops; such a link shows its own address, so it hides nothing.)
 */
function escapeProse(text: string, atLineStart: boolean): string {
  let out = text
    .replace(ALWAYS, '\\$&')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(www)\./gi, '$1\\.');
  // At the start of a line these open a list, a block quote or a setext underline.
  if (atLineStart) out = out.replace(/^[-+=>]/, '\\$&').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  return out;
}

/**
 * Prose from a sentence that marks values with backticks, split as CommonMark would:
 * a run of backticks opens a code span only if a run of the same length closes it; an
 * unmatched run is escaped with the rest of the prose.
 */
function inline(text: string, atLineStart: boolean): string {
  let out = '';
  let prose = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    let open = i;
    while (text[open] === '`') open++;
    const length = open - i;
    let close = open;
    let found = -1;
    while (close < text.length) {
      if (text[close] !== '`') {
        close++;
        continue;
      }
      let end = close;
      while (text[end] === '`') end++;
      if (end - close === length) {
        found = close;
        break;
      }
      close = end;
    }
    if (found < 0) {
      i = open;
      continue;
    }
    out += escapeProse(text.slice(prose, i), atLineStart && prose === 0);
    out += text.slice(i, found + length);
    i = found + length;
    prose = i;
  }
  // Last, as the escapes it writes are letters after a backslash, which nothing above reads.
  return showControls(out + escapeProse(text.slice(prose), atLineStart && prose === 0));
}

/**
 * Prose for one Markdown line: the engine's sentences already mark values with backticks,
 * so what is outside them is escaped, and line breaks become spaces. Leading blanks go,
 * as four of them at the start of a line would open a code block.
 */
export function plain(text: string): string {
  return inline(oneLine(text).trim(), true);
}

/** A URL, up to the next blank: in a heading it goes in code, where GFM links nothing. */
const URL_RUN = /[A-Za-z][A-Za-z0-9+.-]*:\/\/\S*/g;

/** Two pieces side by side; a space between two backticks keeps them from joining a fence. */
function join(left: string, right: string): string {
  return left.endsWith('`') && right.startsWith('`') ? `${left} ${right}` : left + right;
}

export function heading(level: number, text: string): string {
  const flat = oneLine(text).trim();
  let out = '';
  let at = 0;
  for (const match of flat.matchAll(URL_RUN)) {
    out = join(out, inline(flat.slice(at, match.index), at === 0));
    out = join(out, inlineCode(match[0]));
    at = match.index + match[0].length;
  }
  out = join(out, inline(flat.slice(at), at === 0));
  return `${'#'.repeat(Math.min(6, Math.max(1, level)))} ${out}`;
}
