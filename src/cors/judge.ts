import { corsCheck, type CheckFailure } from './cors-check';
import { describeFailure } from './describe';
import { planResponses } from './fix-plan';
import { inferCredentials, inferMode, initiatorKind, type CredentialsEvidence } from './inference';
import { explainUnexplained, isCorsFailureError } from './net-errors';
import { lookupPreflightCache } from './preflight-cache';
import { checkPreflightResponse } from './preflight-response';
import { preflightReasons, requestedHeaderNames, requestedMethod } from './preflight-reasons';
import { readCorsResponseHeaders, type CorsResponseHeaders } from './response-headers';
import { corsUnsafeHeaders, isSafelistedMethod } from './safelist';
import type {
  CorsFailure,
  ExchangeObservation,
  FailureStage,
  ObservedPreflight,
  PreflightVerdict,
  RequestMode,
  UnexplainedFailure,
  Verdict,
} from './types';
import { hasUserinfo, isHttpScheme, isSameOrigin, originOf, schemeOf } from './url';
import { lintExchange } from './warnings';

/** What replaying the browser's checks along the redirect chain found. */
interface Walk {
  failure?: CorsFailure;
  /** The preflight failed at the network level; the actual request fails with this error. */
  preflightError?: string;
  /** A preflight is still waiting for its response. */
  preflightPending?: boolean;
  seen: PreflightVerdict['seen'];
  cache?: PreflightVerdict['cache'];
  requestOrigin: string;
  passedPreflightHeaders?: CorsResponseHeaders;
  authorizationViaWildcard: boolean;
}

interface WalkInput {
  readonly obs: ExchangeObservation;
  readonly mode: RequestMode;
  readonly credentialsInclude: boolean;
  readonly unsafeHeaderNames: readonly string[];
  readonly kind: string;
  /** Access-Control-Request-Method of the first preflight, read once per judgement. */
  readonly preflightMethod: string | undefined;
  /** The final response's and the first preflight response's headers, read once per judgement. */
  readonly actualHeaders: CorsResponseHeaders | undefined;
  readonly preflightHeaders: CorsResponseHeaders | undefined;
}

/**
 * Replays what the browser does for one exchange, hop by hop (docs/cors-reference.md §5): the CORS
 * flag once set stays set; each hop may need its own preflight; every redirect response is
 * CORS-checked, then its Location, then the taint; the final response is CORS-checked.
 */
function walk(input: WalkInput): Walk {
  const { obs, credentialsInclude } = input;
  const initiator = obs.initiatorOrigin;
  const redirects = obs.redirects ?? [];
  const urls = [obs.request.url, ...redirects.map((r) => r.location)];
  const result: Walk = { seen: 'none', requestOrigin: initiator, authorizationViaWildcard: false };
  let corsFlag = false;
  let tainted = false;
  let method = obs.request.method;

  const fail = (
    check: CheckFailure,
    stage: FailureStage,
    url: string,
    httpStatus: number | null,
    extra: {
      allowMethods?: string | undefined;
      allowHeaders?: string | undefined;
      location?: string | undefined;
    } = {},
  ): Walk => {
    result.failure = describeFailure(check, {
      stage,
      url,
      firstUrl: obs.request.url,
      httpStatus,
      requestOrigin: result.requestOrigin,
      method,
      unsafeHeaderNames: input.unsafeHeaderNames,
      credentialsInclude,
      initiatorKind: input.kind,
      ...extra,
      responses: planResponses({
        obs,
        mode: input.mode,
        credentialsInclude,
        unsafeHeaderNames: input.unsafeHeaderNames,
        preflightMethod: input.preflightMethod,
      }),
    });
    return result;
  };

  for (let hop = 0; hop < urls.length; hop++) {
    const url = urls[hop] ?? '';
    const stage: FailureStage = hop === 0 ? 'actual' : 'redirect';
    corsFlag ||= !isSameOrigin(initiator, url);
    result.requestOrigin = tainted ? 'null' : initiator;

    if (corsFlag) {
      if (input.mode === 'same-origin') {
        return fail(
          {
            corsError: 'DisallowedByMode',
            failedParameter: '',
            header: null,
            expected: 'a same-origin URL',
            actual: url,
          },
          stage,
          url,
          null,
        );
      }
      if (!isHttpScheme(url) && schemeOf(url) !== 'data') {
        return fail(
          {
            corsError: 'CorsDisabledScheme',
            failedParameter: '',
            header: null,
            expected: 'http or https',
            actual: schemeOf(url),
          },
          stage,
          url,
          null,
        );
      }
      const preflight: ObservedPreflight | undefined =
        hop === 0 ? obs.preflight : redirects[hop - 1]?.preflight;
      const names =
        hop === 0 || !preflight ? input.unsafeHeaderNames : requestedHeaderNames(preflight);
      const hopMethod =
        (preflight && (hop === 0 ? input.preflightMethod : requestedMethod(preflight))) ?? method;
      if (preflight) {
        if (hop === 0) result.seen = 'sent';
        const headers =
          hop === 0 ? input.preflightHeaders : readCorsResponseHeaders(preflight.response?.headers);
        const check = checkPreflightResponse(
          preflight,
          {
            requestOrigin: result.requestOrigin,
            credentialsInclude,
            method: hopMethod,
            unsafeHeaderNames: names,
          },
          headers,
        );
        if (check.kind === 'network-error') {
          result.preflightError = check.error;
          return result;
        }
        if (check.kind === 'pending') {
          result.preflightPending = true;
          return result;
        }
        if (check.kind === 'failed') {
          return fail(
            check.failure,
            'preflight',
            preflight.url,
            preflight.response?.status ?? null,
            {
              allowMethods: headers?.allowMethods,
              allowHeaders: headers?.allowHeaders,
              location: headers?.location,
            },
          );
        }
        result.passedPreflightHeaders = check.responseHeaders;
        result.authorizationViaWildcard ||= check.authorizationViaWildcard;
      } else if (hop === 0 && (!isSafelistedMethod(hopMethod) || names.length > 0)) {
        result.seen = 'cached';
        result.cache = cachedPreflightNote(
          obs,
          result.requestOrigin,
          hopMethod,
          names,
          credentialsInclude,
        );
      }
    }

    const redirect = redirects[hop];
    if (redirect) {
      if (corsFlag) {
        const headers = readCorsResponseHeaders(redirect.headers);
        const check = corsCheck(headers, result.requestOrigin, credentialsInclude);
        if (check) return fail(check, 'redirect', redirect.url, redirect.status);
      }
      const location = redirect.location;
      if (
        input.mode === 'cors' &&
        hasUserinfo(location) &&
        (corsFlag || tainted || !isSameOrigin(initiator, location))
      ) {
        return fail(
          {
            corsError: 'RedirectContainsCredentials',
            failedParameter: '',
            header: 'Location',
            expected: 'a URL without a username or password',
            actual: location,
          },
          'redirect',
          redirect.url,
          redirect.status,
          { location },
        );
      }
      // Fetch's tainted origin flag: a hop to another origin from a URL the initiator is
      // not same-origin with makes every later request carry `Origin: null`.
      if (!isSameOrigin(originOf(url), location) && !isSameOrigin(initiator, url)) tainted = true;
      if (
        ((redirect.status === 301 || redirect.status === 302) && method === 'POST') ||
        redirect.status === 303
      ) {
        if (method !== 'HEAD') method = 'GET';
      }
    } else if (corsFlag && obs.response && obs.response.status !== 304) {
      // Chromium skips the check for a 304 answering its own revalidation (the cached response was checked).
      // The final response is the actual one, whatever URL the redirects led to.
      const headers = input.actualHeaders ?? readCorsResponseHeaders(obs.response.headers);
      const check = corsCheck(headers, result.requestOrigin, credentialsInclude);
      if (check) return fail(check, 'actual', url, obs.response.status);
    }
  }
  return result;
}

function cachedPreflightNote(
  obs: ExchangeObservation,
  origin: string,
  method: string,
  names: readonly string[],
  credentials: boolean,
): NonNullable<PreflightVerdict['cache']> {
  const entry = obs.cachedPreflight;
  if (!entry) {
    return {
      note: 'No preflight was seen: the browser reused one cached before recording started.',
    };
  }
  const lookup = lookupPreflightCache(entry, {
    origin,
    url: obs.request.url,
    method,
    unsafeHeaderNames: names,
    credentials,
    now: obs.now ?? entry.storedAt,
  });
  if (lookup.hit) {
    return {
      entry,
      ageSeconds: lookup.ageSeconds,
      note: `Reused the preflight recorded ${Math.round(lookup.ageSeconds)} s earlier (kept for ${entry.maxAgeSeconds} s).`,
    };
  }
  return {
    entry,
    note: `No preflight was seen, and the recorded one does not cover this request (${lookup.why}): the browser must have used an entry cached before recording started.`,
  };
}

function notApplicable(
  reason: NonNullable<Verdict['notApplicable']>,
  base: Pick<Verdict, 'mode' | 'credentials' | 'requestOrigin'>,
  headline: string,
): Verdict {
  return {
    mode: base.mode,
    credentials: base.credentials,
    requestOrigin: base.requestOrigin,
    status: 'not-applicable',
    notApplicable: reason,
    preflight: { needed: false, reasons: [], seen: 'none' },
    warnings: [],
    headline,
  };
}

/** What every judged verdict shares, before its status. */
interface VerdictBase {
  readonly mode: Verdict['mode'];
  readonly credentials: Verdict['credentials'];
  readonly requestOrigin: string;
  readonly preflight: PreflightVerdict;
}

/**
 * A verdict as an object literal, keys in one order: spreading the shared part into each
 * branch's literal cost more than all of the rules (V8 copies spread objects slowly).
 */
function verdictOf(
  base: VerdictBase,
  status: Verdict['status'],
  warnings: Verdict['warnings'],
  headline: string,
  failure?: CorsFailure,
  unexplained?: UnexplainedFailure,
): Verdict {
  const { mode, credentials, requestOrigin, preflight } = base;
  if (unexplained) {
    return { mode, credentials, requestOrigin, preflight, status, unexplained, warnings, headline };
  }
  if (failure) {
    return { mode, credentials, requestOrigin, preflight, status, failure, warnings, headline };
  }
  return { mode, credentials, requestOrigin, preflight, status, warnings, headline };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * The engine's one entry point (design.md §3): judges one observed exchange the way
 * Chromium (or Firefox) did, and explains it.
 */
export function judge(obs: ExchangeObservation): Verdict {
  const browser = obs.browser ?? 'chromium';
  const redirects = obs.redirects ?? [];
  const urls = [obs.request.url, ...redirects.map((r) => r.location)];
  const initiator = obs.initiatorOrigin;
  const mode = inferMode(obs);

  // The browser's own list wins: Access-Control-Request-Headers names exactly what it judged unsafe.
  const observedUnsafe = obs.request.headers ? corsUnsafeHeaders(obs.request.headers, browser) : [];
  const unsafeHeaderNames = obs.preflight
    ? requestedHeaderNames(obs.preflight)
    : observedUnsafe.map((h) => h.name);
  const credentials0 = inferCredentials(obs, obs.preflight ? unsafeHeaderNames : []);
  const base = {
    mode,
    credentials: { value: credentials0.value, source: credentials0.source },
    requestOrigin: initiator,
  };

  if (mode.value === 'navigate') return notApplicable('navigation', base, 'Not CORS: a navigation');
  if (mode.value === 'websocket')
    return notApplicable('websocket', base, 'Not CORS: a WebSocket handshake');
  if (initiator !== 'null' && urls.every((u) => isSameOrigin(initiator, u))) {
    return notApplicable('same-origin', base, 'Not CORS: same-origin');
  }
  if (schemeOf(obs.request.url) === 'data')
    return notApplicable('non-http-scheme', base, 'Not CORS: a data: URL');
  if (mode.value === 'no-cors') {
    return notApplicable(
      'no-cors',
      base,
      "Not CORS: mode 'no-cors' (the page gets an opaque response)",
    );
  }

  const preflightMethod = obs.preflight ? requestedMethod(obs.preflight) : undefined;
  const reasons = preflightReasons({
    method: preflightMethod ?? obs.request.method,
    unsafeHeaderNames,
    observedUnsafe,
    preflightSeen: obs.preflight !== undefined,
    requestHeaders: obs.request.headers,
  });
  const kind = initiatorKind(obs.resourceType);
  const actualHeaders = obs.response ? readCorsResponseHeaders(obs.response.headers) : undefined;
  const preflightResponse = obs.preflight?.response;
  const preflightHeaders = preflightResponse
    ? readCorsResponseHeaders(preflightResponse.headers)
    : undefined;
  const run = (credentialsInclude: boolean) =>
    walk({
      obs,
      mode: mode.value,
      credentialsInclude,
      unsafeHeaderNames,
      kind,
      preflightMethod,
      actualHeaders,
      preflightHeaders,
    });

  let credentials: CredentialsEvidence = credentials0;
  let result = run(credentials0.value === 'include');
  const outcome = obs.outcome;
  if (
    outcome.kind === 'failed' &&
    isCorsFailureError(outcome.error) &&
    !result.failure &&
    !result.preflightError &&
    !credentials0.certain
  ) {
    // webRequest cannot see the credentials mode; a failure only `include` explains proves it.
    const retry = run(true);
    if (retry.failure) {
      result = retry;
      credentials = {
        value: 'include',
        source: 'only a request with credentials explains the failure',
        certain: false,
      };
    }
  }

  const preflight: PreflightVerdict = {
    needed: reasons.length > 0,
    reasons,
    seen: result.seen,
    ...(result.cache ? { cache: result.cache } : {}),
  };
  const credentialsInclude = credentials.value === 'include';
  const warnings = lintExchange({
    url: urls[urls.length - 1] ?? obs.request.url,
    requestOrigin: result.requestOrigin,
    credentialsInclude,
    actualHeaders,
    preflightHeaders: result.passedPreflightHeaders ?? preflightHeaders,
    authorizationViaWildcard: result.authorizationViaWildcard,
    readResponseHeaders: obs.readResponseHeaders,
  });
  const common: VerdictBase = {
    mode,
    credentials: { value: credentials.value, source: credentials.source },
    requestOrigin: result.requestOrigin,
    preflight,
  };

  if (result.preflightError !== undefined && outcome.kind !== 'completed') {
    const error = outcome.kind === 'failed' ? outcome.error : result.preflightError;
    const unexplained = explainUnexplained(error, { responseSeen: false, preflightMissing: false });
    return verdictOf(
      common,
      outcome.kind === 'in-flight' ? 'pending' : 'unexplained',
      warnings,
      `Failed: the preflight got no answer (${result.preflightError})`,
      undefined,
      {
        error: unexplained.error,
        meaning: `The preflight failed before any answer (${result.preflightError}). ${unexplained.meaning}`,
        likelyCauses: unexplained.likelyCauses,
      },
    );
  }

  switch (outcome.kind) {
    case 'in-flight':
      return verdictOf(
        common,
        'pending',
        warnings,
        result.failure
          ? `Will be blocked: ${lowerFirst(result.failure.summary)}`
          : result.preflightPending
            ? 'Waiting for the preflight response'
            : 'Waiting for the response',
        result.failure,
      );
    case 'completed': {
      if (obs.browser === 'firefox' && result.failure) {
        // Firefox checks CORS after the channel is done: webRequest reports a response it
        // then withholds from the page as `completed` (docs/cors-reference.md §7). The replay
        // decides.
        return verdictOf(
          common,
          'blocked',
          warnings,
          `Blocked: ${lowerFirst(result.failure.summary)}`,
          result.failure,
        );
      }
      const predicted = result.failure?.corsError ?? result.preflightError;
      if (predicted !== undefined) {
        // The browser's decision is the truth; say plainly that the replay disagrees.
        return verdictOf(
          common,
          'allowed',
          [
            ...warnings,
            {
              id: 'engine-disagrees-with-browser',
              message: `The browser let this request through, but replaying its headers predicts ${predicted}. The observation may be incomplete (mode or credentials not visible, or another extension changed headers).`,
            },
          ],
          'Allowed by the browser (the replay disagrees)',
        );
      }
      const ifCredentials =
        obs.browser === 'firefox' && !credentials.certain && !credentialsInclude
          ? run(true).failure
          : undefined;
      if (ifCredentials) {
        // Firefox shows neither the credentials mode nor its CORS decision (a blocked response
        // still `completed`): say what the request would meet with credentials: 'include'.
        return verdictOf(
          common,
          'allowed',
          [
            ...warnings,
            {
              id: 'blocked-if-credentials',
              message: `Firefox does not tell extensions whether this request was sent with credentials: 'include'. If it was, Firefox blocked it: ${lowerFirst(ifCredentials.summary)}`,
            },
          ],
          `${allowedHeadline(preflight)}, unless sent with credentials`,
        );
      }
      return verdictOf(common, 'allowed', warnings, allowedHeadline(preflight));
    }
    case 'failed': {
      // Firefox cancels a redirect it refuses for CORS with whatever state the channel was in
      // (NS_ERROR_UNEXPECTED, NS_ERROR_NET_ON_RECEIVING_FROM: firefox-esr 153), never with the
      // CORS error: a failure the replay finds at that redirect is the reason.
      const corsError =
        isCorsFailureError(outcome.error) ||
        (obs.browser === 'firefox' &&
          result.failure?.stage === 'redirect' &&
          outcome.error.startsWith('NS_ERROR_'));
      if (result.failure && corsError) {
        return verdictOf(
          common,
          'blocked',
          warnings,
          `Blocked: ${lowerFirst(result.failure.summary)}`,
          result.failure,
        );
      }
      const unexplained = explainUnexplained(outcome.error, {
        responseSeen: obs.response !== undefined,
        preflightMissing: preflight.needed && preflight.seen !== 'sent',
      });
      return verdictOf(
        common,
        'unexplained',
        warnings,
        `Failed (${outcome.error}): ${lowerFirst(unexplained.meaning)}`,
        undefined,
        unexplained,
      );
    }
  }
}

function allowedHeadline(preflight: PreflightVerdict): string {
  if (preflight.seen === 'sent') return 'Allowed after a preflight';
  if (preflight.seen === 'cached') return 'Allowed, with a cached preflight';
  return 'Allowed: a simple request, no preflight needed';
}
