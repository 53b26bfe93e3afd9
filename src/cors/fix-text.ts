/**
 * A fix in words a backend team reads, shared by the card ("Copy as fix"), the Markdown
 * report and the CLI: for each response to change, which one it is (stage and URL), the
 * status to answer with, the lines to send, the lines to keep sending and the lines to drop.
 */
import type { CallFix, Fix, HeaderLine, ResponseFix } from './types';

const STAGE_NAME: Readonly<Record<ResponseFix['stage'], string>> = {
  preflight: 'The preflight (OPTIONS) response',
  redirect: 'The redirect response',
  actual: 'The actual response',
};

/** "The preflight (OPTIONS) response of <url>, answered 401: answer 204" and the like. */
export function responseFixTitle(response: ResponseFix, url = response.url): string {
  const status =
    response.answerStatus !== undefined
      ? response.seen && response.status !== undefined
        ? `, answered ${response.status}: answer ${response.answerStatus} instead`
        : `: answer ${response.answerStatus}`
      : '';
  const unseen = response.seen ? '' : ' (not reached yet: the browser stopped before it)';
  return `${STAGE_NAME[response.stage]} of ${url}${status}${unseen}`;
}

/** The options to pass, as the page's code writes them: `{ mode: 'cors' }`. */
export function callFixText(call: CallFix): string {
  const options = [
    ...(call.mode ? [`mode: '${call.mode}'`] : []),
    ...(call.redirect ? [`redirect: '${call.redirect}'`] : []),
  ];
  return `{ ${options.join(', ')} }`;
}

export function headerLineText(line: HeaderLine): string {
  return `${line.name}: ${line.value}`;
}

/** The fix as plain text: one block per response, `#` lines saying what each block is. */
export function fixAsText(fix: Fix, urlOf: (url: string) => string = (u) => u): string {
  const blocks = fix.responses.map((response) => {
    const lines = [`# ${responseFixTitle(response, urlOf(response.url))}`];
    if (response.set.length > 0) lines.push('# send', ...response.set.map(headerLineText));
    if (response.keep.length > 0) {
      lines.push('# keep sending', ...response.keep.map(headerLineText));
    }
    if (response.remove.length > 0) {
      lines.push('# remove', ...response.remove.map(headerLineText));
    }
    return lines.join('\n');
  });
  return blocks.join('\n\n');
}
