import { headerValues } from '../headers';
import type {
  CorsFailure,
  ExchangeObservation,
  HeaderLine,
  HeaderList,
  ResponseFix,
  Verdict,
} from '../types';
import { parseUrl } from '../url';
import type { PreflightProblem, SnippetInput } from './types';
import { SAFELISTED_RESPONSE_HEADERS } from '../warnings';

/**
 * Ten minutes: long enough to spare most repeated preflights, well below Chromium's
 * two-hour cap (a larger value is silently cut, and only makes a bad answer stick longer).
 */
export const SUGGESTED_MAX_AGE_SECONDS = 600;

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function preflightProblemOf(failure: CorsFailure): PreflightProblem | null {
  if (failure.stage !== 'preflight') return null;
  if (failure.corsError === 'PreflightDisallowedRedirect') return 'redirect';
  // A 401/404/405/500 to OPTIONS is reported as a missing header when it also lacks
  // Access-Control-Allow-Origin; either way the server's OPTIONS handling is the problem.
  const status = failure.httpStatus;
  if (failure.corsError === 'PreflightInvalidStatus' || (status !== null && status >= 400)) {
    return 'status';
  }
  return null;
}

/** The headers of the response that failed the check, to look at what it really carried. */
function failingResponseHeaders(
  observation: ExchangeObservation,
  failure: CorsFailure,
): HeaderList | undefined {
  const redirects = observation.redirects ?? [];
  switch (failure.stage) {
    case 'actual':
      return observation.response?.headers;
    case 'redirect':
      return redirects.find((r) => r.url === failure.url)?.headers;
    case 'preflight': {
      const preflights = [observation.preflight, ...redirects.map((r) => r.preflight)];
      const match = preflights.find((p) => p?.url === failure.url) ?? observation.preflight;
      return match?.response?.headers;
    }
  }
}

/**
 * Two Access-Control-Allow-Origin lines mean two layers add the header. One line holding a
 * list is a different mistake (an allowlist pasted into the header), so it does not count.
 */
function hasDuplicateAcao(observation: ExchangeObservation, failure: CorsFailure): boolean {
  if (!failure.corsError.endsWith('MultipleAllowOriginValues')) return false;
  const lines = headerValues(
    failingResponseHeaders(observation, failure),
    'Access-Control-Allow-Origin',
  );
  return lines.length >= 2;
}

function exposeHeadersOf(observation: ExchangeObservation): string[] {
  const read = observation.readResponseHeaders ?? [];
  return unique(
    read.map((n) => n.toLowerCase()).filter((n) => !SAFELISTED_RESPONSE_HEADERS.has(n)),
  );
}

/** Every line the fixed responses send: the lines set and the lines kept. */
function fixedLines(responses: readonly ResponseFix[]): HeaderLine[] {
  return responses.flatMap((r) => [...r.set, ...r.keep]);
}

/**
 * The methods the page needs, exact case, then the others the server already allows (the
 * safelisted ones need no listing; a spelling of a needed one in another case is the bug).
 */
function methodsOf(needed: readonly string[], allowed: readonly string[]): string[] {
  const taken = new Set([...needed, 'GET', 'HEAD', 'POST'].map((m) => m.toUpperCase()));
  return unique([...needed, ...allowed.filter((m) => m !== '*' && !taken.has(m.toUpperCase()))]);
}

/** The comma-separated values of every line of that name. */
function tokens(lines: readonly HeaderLine[], name: string): string[] {
  const lower = name.toLowerCase();
  return lines
    .filter((l) => l.name.toLowerCase() === lower)
    .flatMap((l) => l.value.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/**
 * What the server snippets need from one judged exchange, or null when there is nothing a
 * server configuration can fix: allowed, not CORS, unexplained, or a failure whose fix is
 * not a response header (request mode, URL scheme, credentials in a redirect URL).
 */
export function snippetInputFor(
  observation: ExchangeObservation,
  verdict: Verdict,
): SnippetInput | null {
  const failure = verdict.failure;
  if (!failure?.fix.byHeaders) return null;
  const reasons = verdict.preflight.reasons;
  const status = failure.httpStatus;
  // A snippet replaces the server's CORS layer: it must go on sending what the fix keeps
  // (credentials, exposed headers, methods and headers other pages use), not just the origin.
  const sent = fixedLines(failure.fix.responses);
  const exposeHeaders = unique([
    ...exposeHeadersOf(observation),
    ...tokens(sent, 'Access-Control-Expose-Headers').map((n) => n.toLowerCase()),
  ]).filter((n) => n !== '*');
  return {
    origin: verdict.requestOrigin,
    credentials:
      verdict.credentials.value === 'include' ||
      tokens(sent, 'Access-Control-Allow-Credentials').includes('true'),
    // The engine's preflight reasons already hold the browser's own view: the method as
    // sent (case kept) and the header names it put in Access-Control-Request-Headers.
    methods: methodsOf(
      reasons.flatMap((r) => (r.kind === 'method' ? [r.method] : [])),
      tokens(sent, 'Access-Control-Allow-Methods'),
    ),
    requestHeaders: unique([
      ...reasons.flatMap((r) => (r.kind === 'header' ? [r.name] : [])),
      ...tokens(sent, 'Access-Control-Allow-Headers')
        .map((n) => n.toLowerCase())
        .filter((n) => n !== '*'),
    ]),
    ...(exposeHeaders.length > 0 ? { exposeHeaders } : {}),
    maxAgeSeconds: SUGGESTED_MAX_AGE_SECONDS,
    preflightProblem: preflightProblemOf(failure),
    errorStatus: failure.stage !== 'preflight' && status !== null && status >= 400 ? status : null,
    duplicateAcao: hasDuplicateAcao(observation, failure),
    path: parseUrl(failure.url)?.pathname ?? '/',
  };
}
