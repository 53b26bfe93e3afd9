import { corsCheck, type CheckFailure } from './cors-check';
import { describeFailure, type DescribeContext } from './describe';
import { planResponses } from './fix-plan';
import { inferCredentials, inferMode, initiatorKind, type CredentialsEvidence } from './inference';
import { failureCause } from './failure-causes';
import { lowerFirst, notCorsHeadline } from './headlines';
import { judgeBeforeNetwork } from './judge-before-network';
import { localNetworkFailure } from './local-network';
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
  ObservedRedirect,
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

/** Where the walk stands: the hop, its URL, and the origin the browser sends from it. */
interface Hop {
  readonly index: number;
  readonly url: string;
  readonly stage: FailureStage;
}

type Extra = Pick<DescribeContext, 'allowMethods' | 'allowHeaders' | 'location'>;

/**
 * One walk through an exchange: the state the browser carries from hop to hop (the CORS
 * flag, the tainted origin, the method after redirects) and the failure, once found.
 */
class Replay {
  readonly result: Walk;
  corsFlag = false;
  tainted = false;
  method: string;

  constructor(readonly input: WalkInput) {
    this.result = {
      seen: 'none',
      requestOrigin: input.obs.initiatorOrigin,
      authorizationViaWildcard: false,
    };
    this.method = input.obs.request.method;
  }

  /** Records the failure, described for people, with the fix for every response. */
  fail(
    check: CheckFailure,
    stage: FailureStage,
    url: string,
    status: number | null,
    extra: Extra = {},
  ): Walk {
    const { obs, credentialsInclude, unsafeHeaderNames, mode, preflightMethod, kind } = this.input;
    this.result.failure = describeFailure(check, {
      stage,
      url,
      firstUrl: obs.request.url,
      httpStatus: status,
      requestOrigin: this.result.requestOrigin,
      method: this.method,
      unsafeHeaderNames,
      credentialsInclude,
      initiatorKind: kind,
      ...extra,
      responses: planResponses({
        obs,
        mode,
        credentialsInclude,
        unsafeHeaderNames,
        preflightMethod,
      }),
    });
    return this.result;
  }

  /** A request mode or URL scheme CORS refuses outright (docs/cors-reference.md §2, §9). */
  refusedOutright(hop: Hop): Walk | undefined {
    if (this.input.mode === 'same-origin') {
      const check = {
        corsError: 'DisallowedByMode',
        failedParameter: '',
        header: null,
        expected: 'a same-origin URL',
        actual: hop.url,
      } as const;
      return this.fail(check, hop.stage, hop.url, null);
    }
    if (!isHttpScheme(hop.url) && schemeOf(hop.url) !== 'data') {
      const check = {
        corsError: 'CorsDisabledScheme',
        failedParameter: '',
        header: null,
        expected: 'http or https',
        actual: schemeOf(hop.url),
      } as const;
      return this.fail(check, hop.stage, hop.url, null);
    }
    return undefined;
  }

  /**
   * The preflight before requesting this hop's URL: checked when seen; when the first hop
   * needed one and none was seen, the browser reused a cached one.
   */
  preflight(hop: Hop): Walk | undefined {
    const { obs, credentialsInclude } = this.input;
    const redirects = obs.redirects ?? [];
    const first = hop.index === 0;
    const preflight: ObservedPreflight | undefined = first
      ? obs.preflight
      : redirects[hop.index - 1]?.preflight;
    const names =
      first || !preflight ? this.input.unsafeHeaderNames : requestedHeaderNames(preflight);
    const method =
      (preflight && (first ? this.input.preflightMethod : requestedMethod(preflight))) ??
      this.method;
    if (!preflight) {
      if (first && (!isSafelistedMethod(method) || names.length > 0)) {
        this.result.seen = 'cached';
        this.result.cache = cachedPreflightNote(
          obs,
          this.result.requestOrigin,
          method,
          names,
          credentialsInclude,
        );
      }
      return undefined;
    }
    if (first) this.result.seen = 'sent';
    const headers = first
      ? this.input.preflightHeaders
      : readCorsResponseHeaders(preflight.response?.headers);
    const check = checkPreflightResponse(
      preflight,
      {
        requestOrigin: this.result.requestOrigin,
        credentialsInclude,
        method,
        unsafeHeaderNames: names,
      },
      headers,
    );
    switch (check.kind) {
      case 'network-error':
        this.result.preflightError = check.error;
        return this.result;
      case 'pending':
        this.result.preflightPending = true;
        return this.result;
      case 'failed':
        return this.fail(
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
      case 'passed':
        this.result.passedPreflightHeaders = check.responseHeaders;
        this.result.authorizationViaWildcard ||= check.authorizationViaWildcard;
        return undefined;
    }
  }

  /**
   * A redirect response: CORS-checked, then its Location (no user name or password), then
   * the taint it leaves and the method it turns the request into.
   */
  redirect(hop: Hop, redirect: ObservedRedirect): Walk | undefined {
    const { mode, credentialsInclude, obs } = this.input;
    const initiator = obs.initiatorOrigin;
    if (this.corsFlag) {
      const check = corsCheck(
        readCorsResponseHeaders(redirect.headers),
        this.result.requestOrigin,
        credentialsInclude,
      );
      if (check) return this.fail(check, 'redirect', redirect.url, redirect.status);
    }
    const location = redirect.location;
    if (
      mode === 'cors' &&
      hasUserinfo(location) &&
      (this.corsFlag || this.tainted || !isSameOrigin(initiator, location))
    ) {
      const check = {
        corsError: 'RedirectContainsCredentials',
        failedParameter: '',
        header: 'Location',
        expected: 'a URL without a username or password',
        actual: location,
      } as const;
      return this.fail(check, 'redirect', redirect.url, redirect.status, { location });
    }
    // Fetch's tainted origin flag: a hop to another origin from a URL the initiator is
    // not same-origin with makes every later request carry `Origin: null`.
    if (!isSameOrigin(originOf(hop.url), location) && !isSameOrigin(initiator, hop.url))
      this.tainted = true;
    const status = redirect.status;
    if (
      (((status === 301 || status === 302) && this.method === 'POST') || status === 303) &&
      this.method !== 'HEAD'
    ) {
      this.method = 'GET';
    }
    return undefined;
  }

  /** The final response, whatever URL the redirects led to: CORS-checked. */
  finalResponse(hop: Hop): Walk | undefined {
    const response = this.input.obs.response;
    // Chromium skips the check for a 304 answering its own revalidation (the cached response was checked).
    if (!this.corsFlag || !response || response.status === 304) return undefined;
    const headers = this.input.actualHeaders ?? readCorsResponseHeaders(response.headers);
    const check = corsCheck(headers, this.result.requestOrigin, this.input.credentialsInclude);
    return check ? this.fail(check, 'actual', hop.url, response.status) : undefined;
  }
}

/**
 * Replays what the browser does for one exchange, hop by hop (docs/cors-reference.md §5): the CORS
 * flag once set stays set; each hop may need its own preflight; every redirect response is
 * CORS-checked, then its Location, then the taint; the final response is CORS-checked.
 */
function walk(input: WalkInput): Walk {
  const { obs } = input;
  const redirects = obs.redirects ?? [];
  const urls = [obs.request.url, ...redirects.map((r) => r.location)];
  const replay = new Replay(input);
  for (let index = 0; index < urls.length; index++) {
    const hop: Hop = { index, url: urls[index] ?? '', stage: index === 0 ? 'actual' : 'redirect' };
    replay.corsFlag ||= !isSameOrigin(obs.initiatorOrigin, hop.url);
    replay.result.requestOrigin = replay.tainted ? 'null' : obs.initiatorOrigin;
    const redirect = redirects[index];
    const stop =
      (replay.corsFlag ? (replay.refusedOutright(hop) ?? replay.preflight(hop)) : undefined) ??
      (redirect ? replay.redirect(hop, redirect) : replay.finalResponse(hop));
    if (stop) return stop;
  }
  return replay.result;
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

function verdictOf(
  base: VerdictBase,
  status: Verdict['status'],
  warnings: Verdict['warnings'],
  headline: string,
  failure?: CorsFailure,
  unexplained?: UnexplainedFailure,
): Verdict {
  return {
    ...base,
    status,
    ...(failure ? { failure } : {}),
    ...(unexplained ? { unexplained } : {}),
    warnings,
    headline,
  };
}

/**
 * A failure the replay of the CORS checks does not explain but something else names: a
 * Local Network Access block (a CORS error by Chromium's name, fixed by no header), or a
 * cause that is not CORS at all (a resource policy, ORB, a redirect loop, a blocker).
 */
function otherFailure(
  obs: ExchangeObservation,
  error: string,
  base: VerdictBase,
  warnings: Verdict['warnings'],
  context: { unsafeHeaderNames: readonly string[]; credentialsInclude: boolean },
  /** Set when it was the preflight that failed, before any answer. */
  preflightUrl?: string,
): Verdict | undefined {
  const local = localNetworkFailure(obs, error);
  if (local) {
    const failure = describeFailure(local.check, {
      stage: 'actual',
      url: local.url,
      firstUrl: obs.request.url,
      httpStatus: null,
      requestOrigin: obs.initiatorOrigin,
      method: obs.request.method,
      unsafeHeaderNames: context.unsafeHeaderNames,
      credentialsInclude: context.credentialsInclude,
      initiatorKind: initiatorKind(obs.resourceType),
      responses: null,
    });
    return verdictOf(base, 'blocked', warnings, `Blocked: ${lowerFirst(failure.summary)}`, failure);
  }
  const named = failureCause(obs, error);
  if (!named) return undefined;
  if (preflightUrl !== undefined) {
    const cause = {
      ...named,
      url: preflightUrl,
      meaning: `The preflight (OPTIONS) request got no answer. ${named.meaning}`,
    };
    const headline = `Failed, not CORS: the preflight got no answer (${error})`;
    return { ...verdictOf(base, 'failed', warnings, headline), cause };
  }
  return { ...verdictOf(base, 'failed', warnings, notCorsHeadline(named.meaning)), cause: named };
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

  // Only the page saw this call: the browser refused it before the network.
  if (obs.page?.beforeNetwork) return judgeBeforeNetwork(obs, base, observedUnsafe);
  if (mode.value === 'navigate') return notApplicable('navigation', base, 'Not CORS: a navigation');
  if (mode.value === 'websocket')
    return notApplicable('websocket', base, 'Not CORS: a WebSocket handshake');
  if (initiator !== 'null' && urls.every((u) => isSameOrigin(initiator, u))) {
    return notApplicable('same-origin', base, 'Not CORS: same-origin');
  }
  if (schemeOf(obs.request.url) === 'data')
    return notApplicable('non-http-scheme', base, 'Not CORS: a data: URL');
  if (mode.value === 'no-cors') {
    // Resource policies, ORB, blockers and Local Network Access act on no-cors loads too.
    const other =
      obs.outcome.kind === 'failed'
        ? otherFailure(
            obs,
            obs.outcome.error,
            { ...base, preflight: { needed: false, reasons: [], seen: 'none' } },
            [],
            { unsafeHeaderNames: [], credentialsInclude: credentials0.value === 'include' },
          )
        : undefined;
    if (other) return other;
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
    responseHeaderNames: obs.response?.headers.map((h) => h.name.toLowerCase()),
  });
  const common: VerdictBase = {
    mode,
    credentials: { value: credentials.value, source: credentials.source },
    requestOrigin: result.requestOrigin,
    preflight,
  };

  const context = { unsafeHeaderNames, credentialsInclude };
  if (result.preflightError !== undefined && outcome.kind !== 'completed') {
    const error = outcome.kind === 'failed' ? outcome.error : result.preflightError;
    const other =
      outcome.kind === 'failed'
        ? otherFailure(obs, error, common, warnings, context, obs.preflight?.url)
        : undefined;
    if (other) return other;
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
      if (obs.response && !result.failure && BODY_PHASE_ERRORS.has(outcome.error)) {
        // Chromium runs the CORS check when the headers arrive and fails a refused response
        // with ERR_FAILED; one cancelled or cut afterwards (a removed frame, an AbortController
        // mid-body, a short body) had passed: the page got its Response.
        return verdictOf(
          common,
          'allowed',
          [
            ...warnings,
            {
              id: 'body-cut-after-cors',
              message: `The response passed the CORS check and reached the page; its body then did not finish (${outcome.error}). Not CORS.`,
            },
          ],
          `${allowedHeadline(preflight)}; the body then did not finish`,
        );
      }
      const other = otherFailure(obs, outcome.error, common, warnings, context);
      if (other) return other;
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

/** Errors that arrive while the body is read, after the headers met the CORS check. */
const BODY_PHASE_ERRORS: ReadonlySet<string> = new Set([
  'net::ERR_ABORTED',
  'net::ERR_CONTENT_LENGTH_MISMATCH',
  'net::ERR_INCOMPLETE_CHUNKED_ENCODING',
  'net::ERR_CONTENT_DECODING_FAILED',
  'net::ERR_CONNECTION_RESET',
  'net::ERR_CONNECTION_CLOSED',
]);

function allowedHeadline(preflight: PreflightVerdict): string {
  if (preflight.seen === 'sent') return 'Allowed after a preflight';
  if (preflight.seen === 'cached') return 'Allowed, with a cached preflight';
  return 'Allowed: a simple request, no preflight needed';
}
