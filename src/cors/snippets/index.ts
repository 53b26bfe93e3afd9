/** Server configuration snippets for the fix of one failed exchange (design.md §1). */
import { aspnetSnippet } from './aspnet';
import { goRsCorsSnippet } from './go-rs-cors';
import { expressSnippet, fastifySnippet, koaSnippet } from './node';
import { djangoSnippet, flaskSnippet } from './python';
import { railsSnippet } from './rails';
import { springSnippet } from './spring';
import type { ServerSnippet, SnippetInput } from './types';
import { apacheSnippet, nginxSnippet } from './web-servers';

export { snippetInputFor, SUGGESTED_MAX_AGE_SECONDS } from './input';
export { VERIFIED_STACKS, isVerifiedStack, verificationText, type VerifiedStack } from './verified';
export type * from './types';

/** One snippet per supported stack, always in this order, so the card's tabs stay put. */
const BUILDERS: ReadonlyArray<(input: SnippetInput) => ServerSnippet> = [
  expressSnippet,
  fastifySnippet,
  koaSnippet,
  flaskSnippet,
  djangoSnippet,
  springSnippet,
  aspnetSnippet,
  goRsCorsSnippet,
  railsSnippet,
  nginxSnippet,
  apacheSnippet,
];

export function serverSnippets(input: SnippetInput): ServerSnippet[] {
  return BUILDERS.map((build) => build(input));
}
