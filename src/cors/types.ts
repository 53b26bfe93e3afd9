/**
 * The engine's contract (design.md §3): what was observed of one exchange goes in,
 * a verdict comes out. Everything here is plain JSON so it can cross the
 * background/panel boundary and be stored as is.
 */

/** One header line as observed. Duplicates and order are kept: both matter to CORS. */
export interface HttpHeader {
  readonly name: string;
  readonly value: string;
}
export type HeaderList = readonly HttpHeader[];

export type RequestMode = 'cors' | 'no-cors' | 'same-origin' | 'navigate' | 'websocket';
export type CredentialsMode = 'omit' | 'same-origin' | 'include';
export type BrowserFamily = 'chromium' | 'firefox';

export interface ObservedRequest {
  readonly url: string;
  readonly method: string;
  /** Headers as sent. Absent when the request never reached the network (e.g. its preflight failed). */
  readonly headers?: HeaderList;
}

export interface ObservedResponse {
  readonly status: number;
  readonly headers: HeaderList;
}

/** A CORS preflight (OPTIONS) seen on the wire. */
export interface ObservedPreflight {
  readonly url: string;
  readonly requestHeaders: HeaderList;
  /** Absent while in flight or when the preflight failed at the network level. */
  readonly response?: ObservedResponse;
  /** A network error string (`net::ERR_CONNECTION_REFUSED`) when the preflight never got a response. */
  readonly error?: string;
}

/** One redirect hop: the response at `url` sent the request on to `location`. */
export interface ObservedRedirect {
  readonly url: string;
  readonly status: number;
  readonly headers: HeaderList;
  readonly location: string;
  /** The preflight sent before following to `location`, if the browser sent one. */
  readonly preflight?: ObservedPreflight;
}

export type Outcome =
  | { readonly kind: 'completed' }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'in-flight' };

/** A preflight result the browser may still hold in its preflight cache. */
export interface PreflightCacheEntry {
  /** Serialized initiator origin the entry was stored for. */
  readonly origin: string;
  readonly url: string;
  /** Whether it was stored for a credentialed request (then it also serves non-credentialed ones). */
  readonly credentials: boolean;
  /** Methods as listed by Access-Control-Allow-Methods, case kept. */
  readonly methods: readonly string[];
  /** Header names as listed by Access-Control-Allow-Headers, lowercased. */
  readonly headers: readonly string[];
  /** When the preflight response arrived (ms since the epoch). */
  readonly storedAt: number;
  /** The lifetime the browser gave the entry, after defaults and caps. */
  readonly maxAgeSeconds: number;
}

export interface ExchangeObservation {
  /** Serialized origin of the initiator (the frame or worker), `null` for an opaque origin. */
  readonly initiatorOrigin: string;
  /** The request as the page made it (first URL, method before any redirect). */
  readonly request: ObservedRequest;
  /** The final response, if one arrived. */
  readonly response?: ObservedResponse;
  /** The preflight sent for the first URL, if one was seen. */
  readonly preflight?: ObservedPreflight;
  readonly redirects?: readonly ObservedRedirect[];
  /** A still-valid earlier preflight that could explain why none was sent. */
  readonly cachedPreflight?: PreflightCacheEntry;
  /** The fetch mode when known from outside; otherwise it is inferred. */
  readonly mode?: RequestMode;
  /** The credentials mode when known from outside; otherwise it is inferred. */
  readonly credentials?: CredentialsMode;
  /** The webRequest resource type (`xmlhttprequest`, `font`, `script`, ...). */
  readonly resourceType?: string;
  readonly outcome: Outcome;
  /** Which browser's rules and names to lead with. Default `chromium`. */
  readonly browser?: BrowserFamily;
  /**
   * The `targetAddressSpace` the page passed to fetch(), where known (only the page sees
   * it): Chromium fails the request when the server's address is in another space.
   */
  readonly targetAddressSpace?: 'loopback' | 'local' | 'public';
  /** What the page probe saw of the call that made this request, when it saw it (src/probe). */
  readonly page?: PageCallFacts;
  /** Response header names the page tried to read, where known. */
  readonly readResponseHeaders?: readonly string[];
  /** The time of judgement (ms since the epoch), for cache ages. Default: the response time is not needed. */
  readonly now?: number;
}

/**
 * What the page's own fetch() or XMLHttpRequest call showed (the page probe, src/probe):
 * what webRequest cannot see. Its mode, credentials and targetAddressSpace go into the
 * observation's own fields.
 */
export interface PageCallFacts {
  readonly api: 'fetch' | 'xhr';
  /** fetch()'s redirect mode (XHR always follows). */
  readonly redirect: 'follow' | 'error' | 'manual';
  /**
   * No webRequest event came for the call: the browser refused it before the network (a
   * request mode or scheme CORS forbids, CSP, mixed content), and only the page saw it fail.
   */
  readonly beforeNetwork: boolean;
  /** The error the page got (a TypeError), when the call failed. */
  readonly error?: { readonly name: string; readonly message: string };
  /**
   * The Content-Security-Policy directive the browser reported blocking the call, and the
   * document whose policy it is (`documentURI` of the violation; its origin when unknown).
   */
  readonly csp?: {
    readonly directive: string;
    readonly policy: string;
    readonly document?: string;
  };
  /** The line of the page's script that made the call. */
  readonly callSite?: { readonly url: string; readonly line: number; readonly column: number };
}

/** Chromium's `network::mojom::CorsError` names, without the `k`, as CDP reports them. */
export type CorsErrorName =
  | 'DisallowedByMode'
  | 'InvalidResponse'
  | 'WildcardOriginNotAllowed'
  | 'MissingAllowOriginHeader'
  | 'MultipleAllowOriginValues'
  | 'InvalidAllowOriginValue'
  | 'AllowOriginMismatch'
  | 'InvalidAllowCredentials'
  | 'CorsDisabledScheme'
  | 'NoCorsRedirectModeNotFollow'
  | 'PreflightInvalidStatus'
  | 'PreflightDisallowedRedirect'
  | 'PreflightWildcardOriginNotAllowed'
  | 'PreflightMissingAllowOriginHeader'
  | 'PreflightMultipleAllowOriginValues'
  | 'PreflightInvalidAllowOriginValue'
  | 'PreflightAllowOriginMismatch'
  | 'PreflightInvalidAllowCredentials'
  | 'InvalidAllowMethodsPreflightResponse'
  | 'InvalidAllowHeadersPreflightResponse'
  | 'MethodDisallowedByPreflightResponse'
  | 'HeaderDisallowedByPreflightResponse'
  | 'RedirectContainsCredentials'
  | 'InsecureLocalNetwork'
  | 'InvalidLocalNetworkAccess'
  | 'LocalNetworkAccessPermissionDenied';

/** Firefox's reasons, by the name of their MDN page (`CORSMissingAllowOrigin`, ...). */
export type FirefoxReason =
  | 'CORSDisabled'
  | 'CORSDidNotSucceed'
  | 'CORSOriginHeaderNotAdded'
  | 'CORSExternalRedirectNotAllowed'
  | 'CORSRequestNotHttp'
  | 'CORSMissingAllowOrigin'
  | 'CORSMultipleAllowOriginNotAllowed'
  | 'CORSAllowOriginNotMatchingOrigin'
  | 'CORSNotSupportingCredentials'
  | 'CORSMissingAllowCredentials'
  | 'CORSPreflightDidNotSucceed'
  | 'CORSInvalidAllowMethod'
  | 'CORSMethodNotFound'
  | 'CORSInvalidAllowHeader'
  | 'CORSMissingAllowHeaderFromPreflight';

export type FailureStage = 'preflight' | 'actual' | 'redirect';

/** One response header line, exactly as the server must send it. */
export interface HeaderLine {
  readonly name: string;
  readonly value: string;
}

/**
 * What one response of the exchange must change. Applied the way a server would follow
 * it, once: drop each `remove` line, then send each `set` line in place of every line of
 * that name; the `keep` lines are what the response already does right and must go on
 * sending (a pasted server configuration that replaces the CORS layer must not lose them).
 */
export interface ResponseFix {
  /** Which response: a preflight, a redirect hop, or the final (actual) response. */
  readonly stage: FailureStage;
  /**
   * Its place in the chain: 0 is the first URL, n the URL after the n-th redirect. A
   * preflight at hop n is the one sent before requesting that URL; a redirect at hop n
   * is `redirects[n]`. Tells hops apart when a chain visits the same URL twice.
   */
  readonly hop: number;
  /** The URL that answers it (the preflight's URL, the redirecting URL, the final URL). */
  readonly url: string;
  /** Whether the browser saw this response; false for one it never got to after the failure. */
  readonly seen: boolean;
  /** The status it had, when seen. */
  readonly status?: number;
  /** The status to answer with instead, when the status itself is wrong (a preflight needs 2xx). */
  readonly answerStatus?: number;
  /** For a preflight: the method and the request header names it must allow. */
  readonly preflightFor?: { readonly method: string; readonly headers: readonly string[] };
  /** Lines to add, or to send instead of every existing line of the same name. */
  readonly set: readonly HeaderLine[];
  /** Lines already right: keep sending them. */
  readonly keep: readonly HeaderLine[];
  /** Lines the response sends that must go (a duplicated or wrong value, a Location). */
  readonly remove: readonly HeaderLine[];
}

export interface Fix {
  /**
   * Whether response headers can fix the failure at all. False for a user name and
   * password in a redirect URL, a request mode or URL scheme CORS refuses, or a local-network
   * block: then `responses` is empty and `steps` say what to do instead.
   */
  readonly byHeaders: boolean;
  /** Every response that must change, in the order the browser meets them. */
  readonly responses: readonly ResponseFix[];
  /** What to do, in plain words, including anything that is not a header. */
  readonly steps: readonly string[];
  /** When the fix is in the page's own call: the fetch() options to change. */
  readonly call?: CallFix;
}

/**
 * fetch() options that make the browser send a call it refused in the page (no server
 * header can): the mode or the redirect mode CORS allows.
 */
export interface CallFix {
  readonly mode?: 'cors';
  readonly redirect?: 'follow';
}

/** Why the self-check of a fix was not run. */
export type FixCheckSkipped =
  /** The verdict has no CORS failure: nothing to fix. */
  | 'no-failure'
  /** The browser failed the request for a reason no CORS rule explains (DNS, a blocker, CSP). */
  | 'not-a-cors-failure'
  /** A CORS failure that no response header can fix (see `Fix.byHeaders`). */
  | 'not-a-header-fix';

/** What re-judging an exchange with its fix applied found (see fixCheck). */
export interface FixCheck {
  /** True only when the engine allows the exchange once the fix is applied. */
  readonly passes: boolean;
  readonly skipped?: FixCheckSkipped;
  /** The engine's verdict on the exchange with the fix applied; absent when skipped. */
  readonly verdict?: Verdict;
  /** One sentence for people: what the check found, or why it was not run. */
  readonly explanation: string;
}

export interface CorsFailure {
  readonly corsError: CorsErrorName;
  /** Exactly the value Chromium reports as `failedParameter` (often empty). */
  readonly failedParameter: string;
  readonly firefoxReason: FirefoxReason | null;
  readonly stage: FailureStage;
  /** The header the check is about, in its usual spelling, or null (mode, scheme). */
  readonly header: string | null;
  /** What the check wanted, in words or as a value. */
  readonly expected: string;
  /** What the response had; null when the header was missing. */
  readonly actual: string | null;
  /** The URL whose response failed the check. */
  readonly url: string;
  /** The HTTP status of that response, when one arrived. */
  readonly httpStatus: number | null;
  /** Every offending name, when more than one fails (headers not allowed). */
  readonly offending?: readonly string[];
  /** One sentence, plain words. */
  readonly summary: string;
  /** The console message Chromium prints for it. */
  readonly consoleMessage: string;
  /** The console reason Firefox prints for it, when Firefox has one. */
  readonly firefoxMessage: string | null;
  readonly fix: Fix;
}

export type PreflightReason =
  | { readonly kind: 'method'; readonly method: string; readonly text: string }
  | {
      readonly kind: 'header';
      readonly name: string;
      readonly why: UnsafeHeaderWhy;
      readonly value?: string;
      readonly text: string;
    }
  | { readonly kind: 'forced'; readonly text: string };

export type UnsafeHeaderWhy =
  | 'name-not-safelisted'
  | 'value-over-128-bytes'
  | 'value-has-unsafe-byte'
  | 'content-type-not-safelisted'
  | 'language-value-not-safelisted'
  | 'range-not-simple'
  | 'client-hint-value-not-safelisted'
  | 'safelisted-total-over-1024-bytes'
  | 'listed-by-browser';

export type WarningId =
  | 'authorization-covered-by-wildcard'
  | 'origin-reflected-with-credentials'
  | 'null-origin-allowed'
  | 'http-origin-trusted-by-https'
  | 'missing-vary-origin'
  | 'max-age-above-cap'
  | 'max-age-invalid'
  | 'header-not-exposed'
  | 'wildcard-with-credentials-header'
  | 'engine-disagrees-with-browser'
  | 'blocked-if-credentials'
  | 'body-cut-after-cors';

export interface CorsWarning {
  readonly id: WarningId;
  readonly message: string;
}

/**
 * `blocked`: a CORS check failed (named as the browser names it); `failed`: the browser
 * failed the request for a named reason that is not CORS (a resource policy, ORB, a
 * redirect loop, a blocker, the network); `unexplained`: it failed and nothing explains it.
 */
export type VerdictStatus =
  'allowed' | 'blocked' | 'failed' | 'not-applicable' | 'unexplained' | 'pending';

export type NotApplicableReason =
  'same-origin' | 'navigation' | 'no-cors' | 'websocket' | 'non-http-scheme';

export interface Inferred<T> {
  readonly value: T;
  /** How the engine knows: given by the caller, read from a header, or inferred. */
  readonly source: string;
}

export interface PreflightVerdict {
  readonly needed: boolean;
  readonly reasons: readonly PreflightReason[];
  /** `sent`: seen on the wire; `cached`: the browser reused an earlier one; `none`: not sent. */
  readonly seen: 'sent' | 'cached' | 'none';
  /** For `cached`: the entry used, when recorded, and its age. */
  readonly cache?: {
    readonly entry?: PreflightCacheEntry;
    readonly ageSeconds?: number;
    readonly note: string;
  };
}

export interface UnexplainedFailure {
  readonly error: string;
  readonly meaning: string;
  readonly likelyCauses: readonly string[];
}

/** What made the browser fail a request when it was not CORS. */
export type FailureCauseId =
  | 'resource-policy'
  | 'embedder-policy'
  | 'opaque-response-blocking'
  | 'redirect-loop'
  | 'unsafe-redirect'
  | 'blocked-by-client'
  | 'aborted'
  | 'network'
  | 'content-security-policy'
  | 'mixed-content'
  | 'url-credentials'
  | 'no-cors-method';

export interface FailureCause {
  readonly id: FailureCauseId;
  /** The error the request failed with, as the browser reported it. */
  readonly error: string;
  /** One sentence: what blocked it, in plain words. */
  readonly meaning: string;
  /**
   * The URL whose response decided: the last one the request went to or, for the page's
   * own policy (CSP), the page's document.
   */
  readonly url: string;
  /** The response header that decided, as sent (Cross-Origin-Resource-Policy, Content-Type). */
  readonly header?: HttpHeader;
  /** The header line to send instead, on the response of `url`, when one line fixes it (CSP). */
  readonly send?: HttpHeader;
  /** What to do, in order. */
  readonly steps: readonly string[];
}

export interface Verdict {
  readonly status: VerdictStatus;
  readonly notApplicable?: NotApplicableReason;
  readonly mode: Inferred<RequestMode>;
  readonly credentials: Inferred<'include' | 'not-include'>;
  readonly preflight: PreflightVerdict;
  readonly failure?: CorsFailure;
  readonly unexplained?: UnexplainedFailure;
  /** For `failed`: the named reason, and what to do. */
  readonly cause?: FailureCause;
  readonly warnings: readonly CorsWarning[];
  /** The request origin as the server saw it on the last hop (`null` after a tainting redirect). */
  readonly requestOrigin: string;
  /** One sentence for the list and the card's headline. */
  readonly headline: string;
}
