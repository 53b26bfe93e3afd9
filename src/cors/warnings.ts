import { parseTokenList } from './headers';
import { MAX_AGE_CAP_SECONDS, parseMaxAge } from './preflight-cache';
import type { CorsResponseHeaders } from './response-headers';
import type { CorsWarning, WarningId } from './types';
import { schemeOf } from './url';

/** Response headers any page may read (Fetch's CORS-safelisted response-header names). */
export const SAFELISTED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]);

export interface WarningInput {
  readonly url: string;
  readonly requestOrigin: string;
  readonly credentialsInclude: boolean;
  /** Headers of the response the page reads (the final one). */
  readonly actualHeaders?: CorsResponseHeaders | undefined;
  /** Headers of the preflight response that let the request through. */
  readonly preflightHeaders?: CorsResponseHeaders | undefined;
  readonly authorizationViaWildcard: boolean;
  readonly readResponseHeaders?: readonly string[] | undefined;
  /** Names of the headers the actual response carried, lowercased. */
  readonly responseHeaderNames?: readonly string[] | undefined;
}

/** The names listed by Vary lines, trimmed and lowercased. */
function varyNames(lines: readonly string[]): string[] {
  const names: string[] = [];
  for (const line of lines)
    for (const name of line.split(',')) names.push(name.trim().toLowerCase());
  return names;
}

/**
 * Security and robustness lint, shown even when the browser allowed the exchange.
 * Ids are stable: the report and the panel key on them.
 */
export function lintExchange(input: WarningInput): CorsWarning[] {
  const warnings: CorsWarning[] = [];
  const add = (id: WarningId, message: string) => {
    if (!warnings.some((w) => w.id === id)) warnings.push({ id, message });
  };
  const { actualHeaders, preflightHeaders } = input;

  if (input.authorizationViaWildcard) {
    add(
      'authorization-covered-by-wildcard',
      'Authorization is allowed only through `Access-Control-Allow-Headers: *`. Chromium and Firefox accept this today but the Fetch standard does not (Chromium logs AuthorizationCoveredByWildcard, Firefox CORSAllowHeaderFromPreflightDeprecation), and Chromium never caches such a preflight. List `authorization` explicitly.',
    );
  }

  for (const headers of [actualHeaders, preflightHeaders]) {
    if (!headers) continue;
    const acao = headers.allowOrigin;
    const acac = headers.allowCredentials;
    if (acao === 'null') {
      add(
        'null-origin-allowed',
        'The server allows the origin `null`. Sandboxed iframes, file: pages and redirected requests all have that origin, so any site can obtain it: never allow `null`.',
      );
    }
    if (acao === '*' && acac === 'true') {
      add(
        'wildcard-with-credentials-header',
        '`Access-Control-Allow-Origin: *` with `Access-Control-Allow-Credentials: true` does nothing useful: browsers refuse the wildcard for credentialed requests. Echo an allowed origin instead.',
      );
    }
  }

  const acao = actualHeaders?.allowOrigin;
  const acac = actualHeaders?.allowCredentials;
  if (acao !== undefined && acao === input.requestOrigin && acao !== '*') {
    if (input.credentialsInclude && acac === 'true') {
      add(
        'origin-reflected-with-credentials',
        `The server trusts ${acao} with credentials: that site can read this response with the user's cookies. If the server builds Access-Control-Allow-Origin by echoing the request's Origin, every site gets that power: check the origin against an allowlist.`,
      );
    }
    if (schemeOf(input.requestOrigin) === 'http' && schemeOf(input.url) === 'https') {
      add(
        'http-origin-trusted-by-https',
        `An https API trusts the plain-http origin ${acao}. Anyone on the network path can inject script into an http page and use that trust: allow only https origins.`,
      );
    }
    const vary = varyNames(actualHeaders?.vary ?? []);
    if (!vary.includes('origin') && !vary.includes('*')) {
      add(
        'missing-vary-origin',
        'Access-Control-Allow-Origin names one origin but the response has no `Vary: Origin`. A shared cache (CDN, proxy, the browser) may serve this response to another origin, which then fails CORS: add `Vary: Origin`.',
      );
    }
  }

  if (preflightHeaders) {
    const raw = preflightHeaders.maxAge;
    const chromium = parseMaxAge(raw, 'chromium');
    const firefox = parseMaxAge(raw, 'firefox');
    if (chromium.note === 'capped' || firefox.note === 'capped') {
      add(
        'max-age-above-cap',
        `Access-Control-Max-Age is ${raw ?? ''} seconds, above what browsers keep: Chromium caps it at ${MAX_AGE_CAP_SECONDS.chromium} s (2 h), Firefox at ${MAX_AGE_CAP_SECONDS.firefox} s (24 h).`,
      );
    }
    if (raw !== undefined && (chromium.note === 'invalid' || firefox.note === 'invalid')) {
      add(
        'max-age-invalid',
        `Access-Control-Max-Age \`${raw}\` is not a plain number of seconds: Chromium falls back to ${chromium.seconds} s and Firefox caches ${firefox.seconds === 0 ? 'nothing' : `${firefox.seconds} s`}.`,
      );
    }
  }

  if (input.readResponseHeaders && actualHeaders) {
    const exposed = parseTokenList(actualHeaders.exposeHeaders);
    const list = exposed.ok ? exposed.tokens.map((t) => t.toLowerCase()) : [];
    const all = list.includes('*') && !input.credentialsInclude;
    for (const name of input.readResponseHeaders) {
      const lower = name.toLowerCase();
      if (SAFELISTED_RESPONSE_HEADERS.has(lower) || list.includes(lower)) continue;
      if (all && lower !== 'set-cookie' && lower !== 'set-cookie2') continue;
      // A header the server did not send is null for the page whatever CORS says.
      if (input.responseHeaderNames && !input.responseHeaderNames.includes(lower)) continue;
      add(
        'header-not-exposed',
        `The page reads the response header \`${lower}\`, but it is not in Access-Control-Expose-Headers, so the page sees null. Add \`Access-Control-Expose-Headers: ${lower}\`.`,
      );
    }
  }
  return warnings;
}
