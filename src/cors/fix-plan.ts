/**
 * Which responses of an exchange must change for the browser to allow it, and how: the
 * `responses` of a fix. The chain is walked as the browser walks it (judge.ts): responses
 * that passed are left alone; the first one that fails and every one the browser never got
 * to after it are named, each with the complete set of CORS lines it must carry, built on
 * what it already sends, so a server following the fix loses nothing it did right.
 */
import { ACAC, ACAO, corsCheck } from './cors-check';
import { isAsciiNameMatch, parseTokenList, trimOws } from './headers';
import { ACAH, ACAM, checkPreflightResponse, isRedirectStatus } from './preflight-response';
import { requestedHeaderNames, requestedMethod } from './preflight-reasons';
import { readCorsResponseHeaders } from './response-headers';
import { isSafelistedMethod } from './safelist';
import type {
  ExchangeObservation,
  FailureStage,
  HeaderLine,
  HeaderList,
  ObservedPreflight,
  RequestMode,
  ResponseFix,
} from './types';
import { hasUserinfo, isHttpScheme, isSameOrigin, originOf, schemeOf } from './url';
import { SAFELISTED_RESPONSE_HEADERS } from './warnings';

export interface PlanInput {
  readonly obs: ExchangeObservation;
  readonly mode: RequestMode;
  readonly credentialsInclude: boolean;
  /** The CORS-unsafe request header names of the first hop, as the judgement found them. */
  readonly unsafeHeaderNames: readonly string[];
  /** Access-Control-Request-Method of the first preflight, when one was seen. */
  readonly preflightMethod: string | undefined;
}

const ACEH = 'Access-Control-Expose-Headers';
const MAX_AGE = 'Access-Control-Max-Age';

/** The status a fixed preflight answers with: no body, and any 2xx would do. */
export const PREFLIGHT_OK_STATUS = 204;

/** Headers that describe a request body: a redirect that turns the method into GET drops them. */
const REQUEST_BODY_HEADERS = new Set([
  'content-type',
  'content-encoding',
  'content-language',
  'content-location',
]);

interface Lines {
  readonly set: HeaderLine[];
  readonly keep: HeaderLine[];
  readonly remove: HeaderLine[];
}

function linesOf(headers: HeaderList | undefined, name: string): HeaderLine[] {
  const lower = name.toLowerCase();
  return (headers ?? [])
    .filter((h) => isAsciiNameMatch(h.name, lower))
    .map((h) => ({ name: h.name, value: trimOws(h.value) }));
}

/**
 * Settles one header: the lines already right stay (`ok` judges them together, as the
 * browser combines them with ", "); else one line already equal to `target` stays and the
 * others go (a duplicate); else every line goes and `target` is sent (none when null).
 * Returns whether the header is sent with a new value.
 */
function settle(
  lines: Lines,
  existing: readonly HeaderLine[],
  name: string,
  ok: (combined: string | undefined) => boolean,
  target: string | null,
): boolean {
  const combined = existing.length === 0 ? undefined : existing.map((l) => l.value).join(', ');
  if (ok(combined)) {
    lines.keep.push(...existing);
    return false;
  }
  const same = target === null ? -1 : existing.findIndex((l) => l.value === target);
  const right = existing[same];
  if (right) {
    lines.keep.push(right);
    lines.remove.push(...existing.filter((_, i) => i !== same));
    return false;
  }
  lines.remove.push(...existing);
  if (target === null) return false;
  lines.set.push({ name, value: target });
  return true;
}

/** Keeps what a header already says if any, without judging it (it is not checked here). */
function keepAll(lines: Lines, existing: readonly HeaderLine[]): void {
  lines.keep.push(...existing);
}

/**
 * A `#token` list with the needed names added, keeping every valid name the server lists:
 * the server allows them for other pages and requests. `*` goes: it is why the fix is
 * needed (a literal name with credentials), or the list would not be failing.
 */
export function extendList(
  existing: string | undefined,
  needed: readonly string[],
  caseSensitive: boolean,
): string {
  const parsed =
    existing === undefined ? [] : existing.split(/[\s,]+/).filter((t) => t !== '' && t !== '*');
  const out = parsed.filter((t) => parseTokenList(t).ok);
  const has = (name: string) =>
    out.some((t) => (caseSensitive ? t === name : t.toLowerCase() === name.toLowerCase()));
  for (const name of needed) if (!has(name)) out.push(name);
  return out.join(', ');
}

function originLines(
  lines: Lines,
  headers: HeaderList | undefined,
  origin: string,
  credentials: boolean,
): boolean {
  const acaoSet = settle(
    lines,
    linesOf(headers, ACAO),
    ACAO,
    (v) => v === origin || (v === '*' && !credentials),
    origin,
  );
  const acac = linesOf(headers, ACAC);
  if (credentials) settle(lines, acac, ACAC, (v) => v === 'true', 'true');
  // Not checked without credentials; `true` is kept so credentialed callers keep working.
  else if (acac.map((l) => l.value).join(', ') === 'true') keepAll(lines, acac);
  return acaoSet;
}

/** When the fix makes the server echo an origin, shared caches must key on it. */
function varyLines(lines: Lines, headers: HeaderList | undefined, acaoSet: boolean): void {
  if (!acaoSet) return;
  const vary = linesOf(headers, 'Vary');
  const tokens = vary.flatMap((l) => l.value.split(',').map((t) => t.trim())).filter(Boolean);
  if (tokens.some((t) => t === '*' || t.toLowerCase() === 'origin')) {
    keepAll(lines, vary);
    return;
  }
  settle(lines, vary, 'Vary', () => false, [...tokens, 'Origin'].join(', '));
}

/** Access-Control-Expose-Headers: what the server exposes, and what the page reads. */
function exposeLines(
  lines: Lines,
  headers: HeaderList | undefined,
  read: readonly string[],
  credentials: boolean,
): void {
  const existing = linesOf(headers, ACEH);
  const combined = existing.map((l) => l.value).join(', ');
  const exposed = combined
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  const needed = read
    .map((n) => n.toLowerCase())
    .filter(
      (n, i, all) =>
        all.indexOf(n) === i &&
        !SAFELISTED_RESPONSE_HEADERS.has(n) &&
        !exposed.includes(n) &&
        !(exposed.includes('*') && !credentials),
    );
  if (needed.length === 0) {
    keepAll(lines, existing);
    return;
  }
  settle(lines, existing, ACEH, () => false, extendList(combined || undefined, needed, false));
}

interface Position {
  readonly stage: FailureStage;
  readonly hop: number;
  readonly url: string;
}

function entry(
  at: Position,
  lines: Lines,
  seen: { status: number } | null,
  extra: Pick<ResponseFix, 'answerStatus' | 'preflightFor'> = {},
): ResponseFix {
  return {
    stage: at.stage,
    hop: at.hop,
    url: at.url,
    seen: seen !== null,
    ...(seen ? { status: seen.status } : {}),
    ...extra,
    set: lines.set,
    keep: lines.keep,
    remove: lines.remove,
  };
}

/** A redirect or final response: the CORS check's headers, and what the page reads. */
function responseFix(
  at: Position,
  response: { status: number; headers: HeaderList } | undefined,
  origin: string,
  credentials: boolean,
  read: readonly string[],
): ResponseFix | null {
  const headers = response?.headers;
  if (response && !corsCheck(readCorsResponseHeaders(headers), origin, credentials)) return null;
  const lines: Lines = { set: [], keep: [], remove: [] };
  const acaoSet = originLines(lines, headers, origin, credentials);
  if (at.stage === 'actual') exposeLines(lines, headers, read, credentials);
  varyLines(lines, headers, acaoSet);
  return entry(at, lines, response ?? null);
}

interface PreflightNeeds {
  readonly origin: string;
  readonly credentials: boolean;
  readonly method: string;
  readonly names: readonly string[];
}

function tokensOk(value: string | undefined): { ok: boolean; tokens: string[] } {
  const parsed = parseTokenList(value);
  return parsed.ok ? { ok: true, tokens: parsed.tokens } : { ok: false, tokens: [] };
}

/** A preflight response: a 2xx without redirect, the origin, the method and the headers. */
function preflightFix(
  at: Position,
  preflight: ObservedPreflight | undefined,
  needs: PreflightNeeds,
): ResponseFix | null {
  const response = preflight?.response;
  if (preflight && response) {
    const check = checkPreflightResponse(preflight, {
      requestOrigin: needs.origin,
      credentialsInclude: needs.credentials,
      method: needs.method,
      unsafeHeaderNames: needs.names,
    });
    if (check.kind !== 'failed') return null;
  }
  const headers = response?.headers;
  const lines: Lines = { set: [], keep: [], remove: [] };
  const acaoSet = originLines(lines, headers, needs.origin, needs.credentials);
  const wildcard = !needs.credentials;

  const safeMethod = isSafelistedMethod(needs.method);
  const methodsOk = (v: string | undefined) => {
    const list = tokensOk(v);
    return (
      list.ok &&
      (safeMethod || list.tokens.includes(needs.method) || (wildcard && list.tokens.includes('*')))
    );
  };
  const acam = linesOf(headers, ACAM);
  const acamCombined = acam.length ? acam.map((l) => l.value).join(', ') : undefined;
  const methods = extendList(acamCombined, safeMethod ? [] : [needs.method], true);
  settle(lines, acam, ACAM, methodsOk, methods === '' ? null : methods);

  const names = needs.names.map((n) => n.toLowerCase());
  const headersOk = (v: string | undefined) => {
    const list = tokensOk(v);
    const allowed = new Set(list.tokens.map((t) => t.toLowerCase()));
    return list.ok && ((wildcard && allowed.has('*')) || names.every((n) => allowed.has(n)));
  };
  const acah = linesOf(headers, ACAH);
  const acahCombined = acah.length ? acah.map((l) => l.value).join(', ') : undefined;
  const allowHeaders = extendList(acahCombined, names, false);
  settle(lines, acah, ACAH, headersOk, allowHeaders === '' ? null : allowHeaders);

  keepAll(lines, linesOf(headers, MAX_AGE));
  varyLines(lines, headers, acaoSet);

  const status = response?.status;
  const redirected = status !== undefined && isRedirectStatus(status);
  // A preflight may not redirect: the Location goes and OPTIONS is answered where it is.
  if (redirected) lines.remove.push(...linesOf(headers, 'Location'));
  const statusWrong = status === undefined || status < 200 || status > 299;
  return entry(at, lines, response ?? null, {
    ...(statusWrong ? { answerStatus: PREFLIGHT_OK_STATUS } : {}),
    preflightFor: { method: needs.method, headers: names },
  });
}

/**
 * The responses to change, in the order the browser meets them, or null when no response
 * header can make the browser allow the exchange (a request mode or URL scheme CORS refuses,
 * a user name and password in a redirect's Location).
 */
export function planResponses(input: PlanInput): ResponseFix[] | null {
  const { obs, credentialsInclude: credentials } = input;
  const initiator = obs.initiatorOrigin;
  const redirects = obs.redirects ?? [];
  const urls = [obs.request.url, ...redirects.map((r) => r.location)];
  const read = obs.readResponseHeaders ?? [];
  const out: ResponseFix[] = [];
  let corsFlag = false;
  let tainted = false;
  let method = obs.request.method;
  let names = input.unsafeHeaderNames;

  for (let hop = 0; hop < urls.length; hop++) {
    const url = urls[hop] ?? '';
    corsFlag ||= !isSameOrigin(initiator, url);
    const origin = tainted ? 'null' : initiator;
    // Once a response is named, the browser stopped there: what follows it was never seen.
    const pastFailure = out.length > 0;

    if (corsFlag) {
      if (input.mode === 'same-origin') return null;
      if (!isHttpScheme(url) && schemeOf(url) !== 'data') return null;
      const preflight = hop === 0 ? obs.preflight : redirects[hop - 1]?.preflight;
      const hopMethod =
        (preflight && (hop === 0 ? input.preflightMethod : requestedMethod(preflight))) ?? method;
      const hopNames = hop === 0 || !preflight ? names : requestedHeaderNames(preflight);
      const needed = !isSafelistedMethod(hopMethod) || hopNames.length > 0;
      // A preflight seen without a response can only lie past the failure (a network
      // error there is not a CORS failure): it is answered like one never sent.
      if (preflight || (pastFailure && needed)) {
        const fix = preflightFix(
          { stage: 'preflight', hop, url: preflight?.url ?? url },
          preflight,
          {
            origin,
            credentials,
            method: hopMethod,
            names: hopNames,
          },
        );
        if (fix) out.push(fix);
      }
    }

    const redirect = redirects[hop];
    if (redirect) {
      if (corsFlag) {
        const fix = responseFix(
          { stage: 'redirect', hop, url: redirect.url },
          redirect,
          origin,
          credentials,
          read,
        );
        if (fix) out.push(fix);
      }
      const location = redirect.location;
      if (
        input.mode === 'cors' &&
        hasUserinfo(location) &&
        (corsFlag || tainted || !isSameOrigin(initiator, location))
      ) {
        return null;
      }
      const crossOrigin = !isSameOrigin(originOf(url), location);
      if (crossOrigin && !isSameOrigin(initiator, url)) tainted = true;
      // Fetch drops Authorization on a cross-origin hop, and the body with a method turned GET.
      if (crossOrigin) names = names.filter((n) => n !== 'authorization');
      if (
        ((redirect.status === 301 || redirect.status === 302) && method === 'POST') ||
        redirect.status === 303
      ) {
        if (method !== 'HEAD' && method !== 'GET') {
          method = 'GET';
          names = names.filter((n) => !REQUEST_BODY_HEADERS.has(n));
        }
      }
    } else if (corsFlag) {
      const at: Position = { stage: 'actual', hop, url };
      const response = obs.response;
      // Chromium does not check a 304 answering its own revalidation.
      if (response && response.status !== 304) {
        const fix = responseFix(at, response, origin, credentials, read);
        if (fix) out.push(fix);
      } else if (!response && out.length > 0) {
        const fix = responseFix(at, undefined, origin, credentials, read);
        if (fix) out.push(fix);
      }
    }
  }
  return out;
}
