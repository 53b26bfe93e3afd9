/**
 * The evidence of a Markdown report: the request and response header lines that decided
 * the verdict, as an `http` block, with a comment where a needed header is missing.
 */
import type {
  ExchangeObservation,
  HeaderList,
  ObservedPreflight,
  ObservedResponse,
  Verdict,
} from '../cors';
import { hasHeader } from '../cors/headers';
import { parseUrl } from '../cors/url';
import { methodAfterRedirect } from './hops';
import { showControls } from './controls';
import type { Redactor } from './redactor';

interface Message {
  readonly method: string;
  readonly url: string;
  /** Undefined when the request never left the browser. */
  readonly headers: HeaderList | undefined;
  /** The Origin the server saw, when the headers do not say. */
  readonly origin: string;
  readonly response?: ObservedResponse;
  readonly statusLine?: string;
  /** The header the failed check wanted, shown as missing when the response lacks it. */
  readonly missing?: string;
}

const REQUEST_HEADERS = new Set([
  'origin',
  'access-control-request-method',
  'access-control-request-headers',
  'cookie',
  'authorization',
  'content-type',
  'sec-fetch-mode',
]);

function requestLines(message: Message, pageHeaders: ReadonlySet<string>, r: Redactor): string[] {
  const shown = r.url(message.url);
  const parsed = parseUrl(shown);
  const target = parsed ? `${parsed.pathname}${parsed.search}` : shown;
  const lines = [`${message.method} ${target} HTTP/1.1`];
  if (parsed) lines.push(`Host: ${parsed.host}`);
  if (!message.headers) {
    lines.push(`Origin: ${message.origin}`);
    lines.push('# (other request headers not recorded: the request never left the browser)');
    return lines;
  }
  if (!hasHeader(message.headers, 'Origin')) lines.push(`Origin: ${message.origin}`);
  for (const h of message.headers) {
    const lower = h.name.toLowerCase();
    if (REQUEST_HEADERS.has(lower) || pageHeaders.has(lower)) {
      lines.push(`${h.name}: ${r.header(h.name, h.value)}`);
    }
  }
  return lines;
}

function responseLines(message: Message, outcomeError: string | undefined, r: Redactor): string[] {
  const response = message.response;
  if (!response) {
    return [`# no response${outcomeError === undefined ? '' : ` (${r.text(outcomeError)})`}`];
  }
  const lines = [message.statusLine ?? `HTTP/1.1 ${response.status}`];
  const redirect = response.status >= 300 && response.status < 400;
  for (const h of response.headers) {
    const lower = h.name.toLowerCase();
    if (
      lower.startsWith('access-control-') ||
      lower === 'vary' ||
      (redirect && lower === 'location')
    ) {
      lines.push(`${h.name}: ${r.header(h.name, h.value)}`);
    }
  }
  if (message.missing !== undefined && !hasHeader(response.headers, message.missing)) {
    lines.push(`# (no ${message.missing} header)`);
  }
  return lines;
}

function preflightMessage(preflight: ObservedPreflight, origin: string, missing?: string): Message {
  return {
    method: 'OPTIONS',
    url: preflight.url,
    headers: preflight.requestHeaders,
    origin,
    ...(preflight.response ? { response: preflight.response } : {}),
    ...(missing !== undefined ? { missing } : {}),
  };
}

function actualMessage(
  obs: ExchangeObservation,
  verdict: Verdict,
  statusLine: string | undefined,
  missing?: string,
): Message {
  const redirects = obs.redirects ?? [];
  const last = redirects.at(-1);
  let method = obs.request.method;
  for (const r of redirects) method = methodAfterRedirect(method, r.status);
  return {
    method,
    url: last ? last.location : obs.request.url,
    // Only the first hop's headers are recorded; a later hop shows the Origin it carried.
    headers: last ? [] : obs.request.headers,
    origin: verdict.requestOrigin,
    ...(obs.response ? { response: obs.response } : {}),
    ...(statusLine !== undefined ? { statusLine } : {}),
    ...(missing !== undefined ? { missing } : {}),
  };
}

function messagesOf(
  obs: ExchangeObservation,
  verdict: Verdict,
  statusLine: string | undefined,
): Message[] {
  const failure = verdict.failure;
  const missing = failure?.actual === null ? (failure.header ?? undefined) : undefined;
  const redirects = obs.redirects ?? [];
  if (failure?.stage === 'preflight') {
    const preflights = [obs.preflight, ...redirects.map((r) => r.preflight)];
    const failed = preflights.find((p) => p?.url === failure.url) ?? obs.preflight;
    return failed ? [preflightMessage(failed, verdict.requestOrigin, missing)] : [];
  }
  if (failure?.stage === 'redirect') {
    const index = redirects.findIndex((r) => r.url === failure.url);
    const redirect = redirects[index];
    if (!redirect) return [];
    let method = obs.request.method;
    for (const r of redirects.slice(0, index)) method = methodAfterRedirect(method, r.status);
    return [
      {
        method,
        url: redirect.url,
        headers: index === 0 ? obs.request.headers : [],
        origin: index === 0 ? obs.initiatorOrigin : verdict.requestOrigin,
        response: { status: redirect.status, headers: redirect.headers },
        ...(missing !== undefined ? { missing } : {}),
      },
    ];
  }
  const actual = actualMessage(obs, verdict, statusLine, missing);
  if (failure || !obs.preflight) return [actual];
  return [preflightMessage(obs.preflight, obs.initiatorOrigin), actual];
}

/** The evidence block's body: each request with its response, blank lines between them. */
export function evidence(
  obs: ExchangeObservation,
  verdict: Verdict,
  statusLine: string | undefined,
  redactor: Redactor,
): string {
  const pageHeaders = new Set(
    verdict.preflight.reasons.flatMap((r) => (r.kind === 'header' ? [r.name.toLowerCase()] : [])),
  );
  const error = obs.outcome.kind === 'failed' ? obs.outcome.error : undefined;
  return messagesOf(obs, verdict, statusLine)
    .map((m) =>
      [
        ...requestLines(m, pageHeaders, redactor),
        '',
        ...responseLines(m, m.response ? undefined : error, redactor),
      ]
        // A CR LF in a recorded value would show as a header line the server never sent.
        .map((line) => showControls(line))
        .join('\n'),
    )
    .join('\n\n');
}
