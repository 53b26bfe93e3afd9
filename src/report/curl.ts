/**
 * The curl pair of the exchange card (design.md §1): the preflight and the actual request,
 * replayable from a terminal, so a developer can watch the server's answer without the
 * browser in the way.
 */
import { combinedHeader, headerValues } from '../cors/headers';
import { inferMode } from '../cors/inference';
import { requestedHeaderNames, requestedMethod } from '../cors/preflight-reasons';
import {
  accessControlRequestHeaders,
  corsUnsafeHeaders,
  isSafelistedMethod,
} from '../cors/safelist';
import type { ExchangeObservation, HttpHeader } from '../cors/types';
import { isSameOrigin } from '../cors/url';
import { Redactor } from './redactor';
import {
  encodeControlCharacters,
  hasControlCharacters,
  isHeaderName,
  shellQuote,
  shellWord,
} from './shell';

export interface CurlOptions {
  /** Replace cookies, credentials and token-like values by a marker. Default true. */
  readonly redact?: boolean;
}

export interface CurlPair {
  /** The OPTIONS request, when the exchange needed or sent a preflight. */
  readonly preflight: string | null;
  readonly actual: string;
}

/**
 * Headers the browser adds on its own: replaying them changes nothing the server decides
 * about CORS and buries the ones that matter. Conditional headers come from the browser
 * cache and would turn the replay into a 304.
 */
const BROWSER_NOISE = new Set([
  'accept-charset',
  'accept-encoding',
  'accept-language',
  'access-control-request-headers',
  'access-control-request-method',
  'cache-control',
  'connection',
  'content-length',
  'date',
  'dnt',
  'expect',
  'host',
  'if-modified-since',
  'if-none-match',
  'keep-alive',
  'origin',
  'pragma',
  'priority',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'upgrade-insecure-requests',
  'user-agent',
  'via',
  'x-client-data',
]);

function isNoise(header: HttpHeader, pageSet: ReadonlySet<string>): boolean {
  const lower = header.name.toLowerCase();
  // The browser named it in Access-Control-Request-Headers: the page set it, so it matters
  // (a page may set Cache-Control itself, which DevTools' "Disable cache" also adds).
  if (pageSet.has(lower)) return false;
  if (lower.startsWith('sec-') || lower.startsWith('proxy-')) return true;
  // fetch()'s default Accept; any other value may steer the server's answer.
  if (lower === 'accept') return header.value.trim() === '*/*';
  return BROWSER_NOISE.has(lower);
}

const HAS_BODY = new Set(['POST', 'PUT', 'PATCH']);

class Command {
  private readonly comments: string[] = [];
  private readonly args: string[] = [];
  private trailer = '';

  constructor(
    private readonly redactor: Redactor,
    curlOptions: string,
    url: string,
  ) {
    const shown = redactor.url(url);
    if (shown !== url) this.noteRedaction();
    // --globoff: curl would expand [1-5000] and {a,b} in a URL into thousands of requests.
    // --url: the next word is the URL even when it starts with `-`, never an option.
    this.args.push(
      `curl ${curlOptions} --globoff --url ${shellQuote(encodeControlCharacters(shown))}`,
    );
  }

  comment(text: string): void {
    if (!this.comments.includes(text)) this.comments.push(text);
  }

  noteRedaction(): void {
    this.comment(
      'Secrets are redacted: replace each <redacted:…> and REDACTED-… marker to replay.',
    );
  }

  /** A name a command can carry, or a comment saying why the header is left out. */
  private fits(name: string): boolean {
    if (isHeaderName(name)) return true;
    this.comment(
      `Left out header ${encodeControlCharacters(name)}: it is not a valid HTTP header name.`,
    );
    return false;
  }

  header(name: string, value: string): void {
    if (!this.fits(name)) return;
    const shown = this.redactor.header(name, value);
    if (hasControlCharacters(shown)) {
      // Escaping is not portable ($'…' is bash, not sh), so the header is left out, said plainly.
      this.comment(
        `Left out header ${name}: its value has control characters a shell command cannot carry.`,
      );
      return;
    }
    if (shown !== value) this.noteRedaction();
    // `-H 'Name:'` tells curl to send no such header; `Name;` is its way to send it empty.
    const line = shown.trim() === '' ? `${name};` : `${name}: ${shown}`;
    this.args.push(`-H ${shellQuote(line)}`);
  }

  /** A header whose value was never recorded: a visible placeholder, nothing to redact. */
  placeholder(name: string): void {
    if (this.fits(name)) this.args.push(`-H ${shellQuote(`${name}: …`)}`);
  }

  /** A last argument with a shell comment after it: only the final line may carry one. */
  end(arg: string, note: string): void {
    this.args.push(arg);
    this.trailer = `  # ${note}`;
  }

  toString(): string {
    const comments = this.comments.map((c) => `# ${c}`);
    return [...comments, this.args.join(' \\\n  ') + this.trailer].join('\n');
  }
}

/** The Origin the browser sent, else the initiator's (what it would have sent). */
function originOf(headers: readonly HttpHeader[] | undefined, fallback: string): string {
  return headerValues(headers, 'Origin')[0] ?? fallback;
}

function preflightCommand(obs: ExchangeObservation, redactor: Redactor): string | null {
  const seen = obs.preflight;
  const method = (seen && requestedMethod(seen)) ?? obs.request.method;
  let acrh: string | undefined;
  if (seen) {
    acrh = combinedHeader(seen.requestHeaders, 'Access-Control-Request-Headers');
  } else {
    const unsafe = obs.request.headers
      ? corsUnsafeHeaders(obs.request.headers, obs.browser ?? 'chromium').map((h) => h.name)
      : [];
    const needed =
      inferMode(obs).value === 'cors' &&
      !isSameOrigin(obs.initiatorOrigin, obs.request.url) &&
      (!isSafelistedMethod(method) || unsafe.length > 0);
    if (!needed) return null;
    if (unsafe.length > 0) acrh = accessControlRequestHeaders(unsafe);
  }
  const command = new Command(redactor, '-i -X OPTIONS', seen?.url ?? obs.request.url);
  if (!seen) {
    command.comment(
      'No preflight was recorded (the browser may have reused a cached one): this is the one it would send.',
    );
  }
  command.header('Origin', originOf(seen?.requestHeaders, obs.initiatorOrigin));
  command.header('Access-Control-Request-Method', method);
  if (acrh !== undefined && acrh !== '') command.header('Access-Control-Request-Headers', acrh);
  return command.toString();
}

function actualCommand(obs: ExchangeObservation, redactor: Redactor): string {
  const { url, method, headers } = obs.request;
  const upper = method.toUpperCase();
  // curl -X HEAD would wait for a body that never comes; -I sends HEAD properly.
  // curl copies -X into the request line as it is: a CR LF there would add header lines.
  const verb = encodeControlCharacters(method);
  const command = new Command(redactor, upper === 'HEAD' ? '-I' : `-i -X ${shellWord(verb)}`, url);
  if (verb !== method) {
    command.comment('The method has control characters: they are percent-encoded here.');
  }
  const pageSet = new Set(obs.preflight ? requestedHeaderNames(obs.preflight) : []);

  command.header('Origin', originOf(headers, obs.initiatorOrigin));
  if (headers) {
    for (const header of headers) {
      if (!isNoise(header, pageSet)) command.header(header.name, header.value);
    }
  } else if (obs.preflight) {
    command.comment(
      'The browser never sent this request (its preflight failed), so header values were not recorded.',
    );
    for (const name of pageSet) command.placeholder(name);
  } else {
    command.comment('The request headers were not recorded.');
  }
  const hasContentType = headers
    ? headerValues(headers, 'Content-Type').length > 0
    : pageSet.has('content-type');
  if (HAS_BODY.has(upper) || (hasContentType && upper !== 'GET' && upper !== 'HEAD')) {
    command.end(`--data-raw ${shellQuote('…')}`, 'body not recorded');
  }
  return command.toString();
}

/** The preflight (when one was needed or seen) and the actual request, as curl commands. */
export function curlPair(observation: ExchangeObservation, options: CurlOptions = {}): CurlPair {
  const redactor = new Redactor(options.redact ?? true);
  redactor.learn(observation);
  return {
    preflight: preflightCommand(observation, redactor),
    actual: actualCommand(observation, redactor),
  };
}
