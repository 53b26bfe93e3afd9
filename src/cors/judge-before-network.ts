/**
 * Calls the browser refused before any request left, known only from the page probe (no
 * webRequest event at all). fetch()'s Request constructor refuses some first (a URL with
 * credentials, a no-cors method); then the Fetch standard's main fetch decides in this order
 * (https://fetch.spec.whatwg.org/#main-fetch, step 12), and Blink raises the CORS ones as
 * CORS issues with no network request (docs/cors-reference.md): Content-Security-Policy
 * and mixed content first (step 7: "should request be blocked"), then mode 'same-origin'
 * (DisallowedByMode), then a no-cors request that will not follow redirects
 * (NoCorsRedirectModeNotFollow), then a scheme that is not HTTP(S) (CorsDisabledScheme).
 */
import { isSecureOrigin } from './address-space';
import { policyAllowing } from './csp-fix';
import type { CheckFailure } from './cors-check';
import { describeFailure } from './describe';
import { lowerFirst, notCorsHeadline } from './headlines';
import { initiatorKind } from './inference';
import type {
  ExchangeObservation,
  FailureCause,
  Inferred,
  PageCallFacts,
  PreflightVerdict,
  RequestMode,
  Verdict,
} from './types';
import { preflightReasons } from './preflight-reasons';
import { isSafelistedMethod, type UnsafeHeader } from './safelist';
import { hasUserinfo, isHttpScheme, isSameOrigin, originOf, schemeOf } from './url';

export interface BeforeNetworkBase {
  readonly mode: Inferred<RequestMode>;
  readonly credentials: Verdict['credentials'];
  readonly requestOrigin: string;
}

/** The check that refused the call, by the standard's order, or undefined when none did. */
function refusal(obs: ExchangeObservation, mode: RequestMode): CheckFailure | undefined {
  const url = obs.request.url;
  const page = obs.page;
  if (mode === 'same-origin' && !isSameOrigin(obs.initiatorOrigin, url)) {
    return {
      corsError: 'DisallowedByMode',
      failedParameter: '',
      header: null,
      expected: 'a same-origin URL',
      actual: url,
    };
  }
  if (mode === 'no-cors' && page && page.redirect !== 'follow') {
    return {
      corsError: 'NoCorsRedirectModeNotFollow',
      failedParameter: '',
      header: null,
      expected: 'follow',
      actual: page.redirect,
    };
  }
  if (!isHttpScheme(url) && schemeOf(url) !== 'data') {
    // Blink names the scheme as the failed parameter (CDP's CORS issue); the network
    // service, which meets the scheme only after a redirect, names none (§9.1).
    return {
      corsError: 'CorsDisabledScheme',
      failedParameter: schemeOf(url),
      header: null,
      expected: 'http or https',
      actual: schemeOf(url),
    };
  }
  return undefined;
}

function pageError(page: PageCallFacts | undefined): string {
  return page?.error ? `${page.error.name}: ${page.error.message}` : 'the call failed in the page';
}

/** Blocked by a page policy (CSP) or by mixed-content rules: named, not CORS. */
function policyCause(obs: ExchangeObservation): FailureCause | undefined {
  const url = obs.request.url;
  const error = pageError(obs.page);
  const csp = obs.page?.csp;
  if (csp) {
    const target = isHttpScheme(url) ? originOf(url) : url;
    return {
      id: 'content-security-policy',
      error,
      // The policy came with the page's document, not with the API's response.
      url: csp.document ?? obs.initiatorOrigin,
      meaning: `The page's Content-Security-Policy (${csp.directive}) does not allow ${target}. Not CORS: the browser refused the call before sending it.`,
      header: { name: 'Content-Security-Policy', value: csp.policy },
      send: {
        name: 'Content-Security-Policy',
        value: policyAllowing(csp.policy, csp.directive, target),
      },
      steps: [
        `Add ${target} to \`${csp.directive}\` in the Content-Security-Policy of the page (the response header of the HTML document, or its <meta http-equiv>), not of the API.`,
        'Or call a URL the policy already allows (e.g. through a same-origin proxy path).',
      ],
    };
  }
  const page = obs.initiatorOrigin;
  if (schemeOf(page) === 'https' && schemeOf(url) === 'http' && !isSecureOrigin(url)) {
    return {
      id: 'mixed-content',
      error,
      url,
      meaning: `A secure page (${page}) may not fetch an http:// URL. Not CORS: the browser blocked it as mixed content before sending it.`,
      steps: [
        `Call the API over https (${url.replace(/^http:/, 'https:')}), with a certificate the browser trusts.`,
        'Or serve it from the same origin as the page (a proxy path).',
      ],
    };
  }
  return undefined;
}

/**
 * Calls fetch() itself refuses, before any check of the Fetch standard's main fetch: the
 * Request constructor throws a TypeError (https://fetch.spec.whatwg.org/#dom-request).
 * XMLHttpRequest accepts both (it takes a URL's user name and password as its credentials).
 */
function requestConstructorCause(
  obs: ExchangeObservation,
  mode: RequestMode,
): FailureCause | undefined {
  if (obs.page?.api !== 'fetch') return undefined;
  const url = obs.request.url;
  const error = pageError(obs.page);
  if (hasUserinfo(url)) {
    return {
      id: 'url-credentials',
      error,
      url,
      meaning:
        'fetch() refuses a URL with a user name or password in it. Not CORS: the call was never made.',
      steps: [
        'Remove the `user:password@` part from the URL the page calls.',
        'Send the credentials in a header instead (`Authorization: Basic …` or a token), and allow that header in the preflight response.',
      ],
    };
  }
  if (mode === 'no-cors' && !isSafelistedMethod(obs.request.method)) {
    return {
      id: 'no-cors-method',
      error,
      url,
      meaning: `fetch() in mode 'no-cors' allows only GET, HEAD and POST, not ${obs.request.method}. Not CORS: the call was never made.`,
      steps: [
        `Use mode 'cors' (the default) for ${obs.request.method}, with a server that allows it in its preflight response.`,
      ],
    };
  }
  return undefined;
}

/**
 * The preflight the call would have needed had it been sent (none was): its method and the
 * headers the page set decide, in mode 'cors' only (no other mode sends one).
 */
function preflightItWouldNeed(
  obs: ExchangeObservation,
  mode: RequestMode,
  observedUnsafe: readonly UnsafeHeader[],
): PreflightVerdict {
  if (mode !== 'cors') return { needed: false, reasons: [], seen: 'none' };
  const reasons = preflightReasons({
    method: obs.request.method,
    unsafeHeaderNames: observedUnsafe.map((h) => h.name),
    observedUnsafe,
    preflightSeen: false,
    requestHeaders: obs.request.headers,
  });
  return { needed: reasons.length > 0, reasons, seen: 'none' };
}

/** The verdict of a call no request left for: blocked, failed with a cause, or unexplained. */
/** `observedUnsafe`: judge()'s list of the request's unsafe headers, for this browser. */
export function judgeBeforeNetwork(
  obs: ExchangeObservation,
  base: BeforeNetworkBase,
  observedUnsafe: readonly UnsafeHeader[],
): Verdict {
  const common = {
    ...base,
    preflight: preflightItWouldNeed(obs, base.mode.value, observedUnsafe),
  };
  const cause = requestConstructorCause(obs, base.mode.value) ?? policyCause(obs);
  if (cause) {
    return {
      ...common,
      status: 'failed',
      cause,
      warnings: [],
      headline: notCorsHeadline(cause.meaning),
    };
  }
  const check = refusal(obs, base.mode.value);
  if (check) {
    const failure = describeFailure(check, {
      stage: 'actual',
      url: obs.request.url,
      firstUrl: obs.request.url,
      httpStatus: null,
      requestOrigin: obs.initiatorOrigin,
      method: obs.request.method,
      unsafeHeaderNames: [],
      credentialsInclude: base.credentials.value === 'include',
      initiatorKind: initiatorKind(obs.resourceType),
      responses: null,
    });
    const headline = `Blocked: ${lowerFirst(failure.summary)}`;
    return { ...common, status: 'blocked', failure, warnings: [], headline };
  }
  const error = pageError(obs.page);
  return {
    ...common,
    status: 'unexplained',
    unexplained: {
      error,
      meaning: `The page's call failed before any request reached the network (${error}), and no CORS rule explains it.`,
      likelyCauses: [
        'An argument fetch() or XMLHttpRequest refused (a header name or value, a method, a URL).',
        'A request the page aborted before it started.',
        'A browser policy that stops requests before the network (an enterprise policy, a permission).',
        "The page's service worker answered the call with an error (Response.error(), or its own fetch failed): requests the worker made are listed under the tab showing its origin.",
      ],
    },
    warnings: [],
    headline: `Failed in the page before the network (${error})`,
  };
}
