/** What every snippet derives the same way from the input, and how it attaches notes. */
import { comment, type CommentStyle } from './literals';
import type { ServerSnippet, SnippetInput } from './types';

/** A line of generated code, or a falsy value for a line left out. */
export type Line = string | false | null | undefined;

export function code(...lines: readonly Line[]): string {
  return lines.filter((l): l is string => typeof l === 'string').join('\n');
}

/** Whether the snippet must configure the preflight at all (a simple request needs none). */
export function needsPreflight(input: SnippetInput): boolean {
  return (
    input.methods.length > 0 || input.requestHeaders.length > 0 || input.preflightProblem !== null
  );
}

/**
 * The method list to configure: GET, HEAD and POST stay in because setting the option
 * replaces the library's default list, and some libraries (Spring, rs/cors) check the
 * actual request's method against it too. Empty when no preflight needs configuring.
 */
export function allowedMethods(input: SnippetInput): string[] {
  if (!needsPreflight(input)) return [];
  return [...new Set(['GET', 'HEAD', 'POST', ...input.methods])];
}

export function exposedHeaders(input: SnippetInput): readonly string[] {
  return input.exposeHeaders ?? [];
}

export function nullOriginWarning(input: SnippetInput, style: CommentStyle, indent = ''): Line {
  return (
    input.origin === 'null' &&
    indent +
      comment(
        style,
        'WARNING: this allows the origin `null`, which any sandboxed iframe or file: page can claim.',
      )
  );
}

/** Stack-specific sentences appended to the generic note for the same situation. */
export interface StackAdvice {
  readonly errorStatus?: string;
  readonly preflightStatus?: string;
  readonly preflightRedirect?: string;
  readonly duplicateAcao?: string;
  /** When the library rewrites methods in upper case, so a lower-case method cannot be allowed. */
  readonly methodCase?: string;
}

const join = (...parts: ReadonlyArray<string | undefined>) =>
  parts.filter((p): p is string => p !== undefined && p !== '').join(' ');

export function notesFor(input: SnippetInput, advice: StackAdvice): string[] {
  const notes: string[] = [];
  const status = input.errorStatus;
  if (status !== null) {
    notes.push(
      join(
        `The server answered ${status} without CORS headers, which the browser reports as a CORS error: fix the ${status} first, then make error responses carry the headers too.`,
        advice.errorStatus,
      ),
    );
  }
  if (input.preflightProblem === 'status') {
    notes.push(
      join(
        `The preflight (OPTIONS ${input.path}) got an error status: answer OPTIONS before authentication and routing, since browsers never send cookies or Authorization with a preflight.`,
        advice.preflightStatus,
      ),
    );
  }
  if (input.preflightProblem === 'redirect') {
    notes.push(
      join(
        'The preflight was redirected, and browsers never follow a redirect on a preflight: have the page call the final URL (often https, or a trailing slash), or stop redirecting OPTIONS.',
        advice.preflightRedirect,
      ),
    );
  }
  if (input.duplicateAcao) {
    notes.push(
      join(
        'Access-Control-Allow-Origin was sent twice (typically a proxy and the app both add it): configure CORS in one layer and remove it from the other.',
        advice.duplicateAcao,
      ),
    );
  }
  const notUpper = input.methods.filter((m) => m !== m.toUpperCase());
  if (notUpper.length > 0) {
    notes.push(
      join(
        `Method names are case-sensitive and the page sends ${notUpper.map((m) => `\`${m}\``).join(', ')}: allow it spelled exactly so, or better, have the page send it in upper case.`,
        advice.methodCase,
      ),
    );
  }
  if (input.origin === 'null') {
    notes.push(
      'The request origin is `null` (a sandboxed iframe, a file: page, or a redirect across origins). Allowing `null` lets every such document in: prefer giving the page a real origin.',
    );
  }
  return notes;
}

export function withNotes(
  snippet: Omit<ServerSnippet, 'notes'>,
  input: SnippetInput,
  advice: StackAdvice,
): ServerSnippet {
  const notes = notesFor(input, advice);
  return notes.length > 0 ? { ...snippet, notes } : snippet;
}
