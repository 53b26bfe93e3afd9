import type { CorsErrorName, FirefoxReason } from './types';

interface CatalogueEntry {
  /** Firefox's nearest reason (its MDN page name), or null when Firefox has none. */
  readonly firefox: FirefoxReason | null;
  /** Chromium prefixes these with "Response to preflight request doesn't pass access control check: ". */
  readonly preflightPrefix: boolean;
  /** Chromium's console text after "blocked by CORS policy: ", with `{hint}` for the parameter. */
  readonly chromiumText: string;
  /** Chromium appends " Have the server send the header with a valid value." for fetch(). */
  readonly fetchSuffix: boolean;
}

const WILDCARD_TEXT =
  "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.";
const MISSING_TEXT =
  "No 'Access-Control-Allow-Origin' header is present on the requested resource.";
const MULTIPLE_TEXT =
  "The 'Access-Control-Allow-Origin' header contains multiple values '{hint}', but only one is allowed.";
const INVALID_TEXT =
  "The 'Access-Control-Allow-Origin' header contains the invalid value '{hint}'.";
const MISMATCH_TEXT =
  "The 'Access-Control-Allow-Origin' header has a value '{hint}' that is not equal to the supplied origin.";
const CREDENTIALS_TEXT =
  "The value of the 'Access-Control-Allow-Credentials' header in the response is '{hint}' which must be 'true' when the request's credentials mode is 'include'.";

function entry(
  firefox: FirefoxReason | null,
  chromiumText: string,
  options: { preflightPrefix?: boolean; fetchSuffix?: boolean } = {},
): CatalogueEntry {
  return {
    firefox,
    chromiumText,
    preflightPrefix: options.preflightPrefix ?? false,
    fetchSuffix: options.fetchSuffix ?? false,
  };
}

/** Every Chromium CorsError with Firefox's nearest reason (docs/cors-reference.md §10). */
export const CORS_ERRORS: Record<CorsErrorName, CatalogueEntry> = {
  DisallowedByMode: entry(null, 'Cross origin requests are not allowed by request mode.'),
  InvalidResponse: entry(null, 'The response is invalid.'),
  WildcardOriginNotAllowed: entry('CORSNotSupportingCredentials', WILDCARD_TEXT),
  MissingAllowOriginHeader: entry('CORSMissingAllowOrigin', MISSING_TEXT),
  MultipleAllowOriginValues: entry('CORSMultipleAllowOriginNotAllowed', MULTIPLE_TEXT, {
    fetchSuffix: true,
  }),
  InvalidAllowOriginValue: entry('CORSAllowOriginNotMatchingOrigin', INVALID_TEXT, {
    fetchSuffix: true,
  }),
  AllowOriginMismatch: entry('CORSAllowOriginNotMatchingOrigin', MISMATCH_TEXT, {
    fetchSuffix: true,
  }),
  InvalidAllowCredentials: entry('CORSMissingAllowCredentials', CREDENTIALS_TEXT),
  CorsDisabledScheme: entry(
    'CORSRequestNotHttp',
    'Cross origin requests are only supported for protocol schemes: chrome, chrome-extension, chrome-untrusted, data, http, https, isolated-app.',
  ),
  NoCorsRedirectModeNotFollow: entry(
    null,
    'Request mode is "no-cors" but the redirect mode is not "follow".',
  ),
  PreflightInvalidStatus: entry('CORSPreflightDidNotSucceed', 'It does not have HTTP ok status.', {
    preflightPrefix: true,
  }),
  PreflightDisallowedRedirect: entry(
    'CORSExternalRedirectNotAllowed',
    'Redirect is not allowed for a preflight request.',
    { preflightPrefix: true },
  ),
  PreflightWildcardOriginNotAllowed: entry('CORSNotSupportingCredentials', WILDCARD_TEXT, {
    preflightPrefix: true,
  }),
  PreflightMissingAllowOriginHeader: entry('CORSMissingAllowOrigin', MISSING_TEXT, {
    preflightPrefix: true,
  }),
  PreflightMultipleAllowOriginValues: entry('CORSMultipleAllowOriginNotAllowed', MULTIPLE_TEXT, {
    preflightPrefix: true,
    fetchSuffix: true,
  }),
  PreflightInvalidAllowOriginValue: entry('CORSAllowOriginNotMatchingOrigin', INVALID_TEXT, {
    preflightPrefix: true,
    fetchSuffix: true,
  }),
  PreflightAllowOriginMismatch: entry('CORSAllowOriginNotMatchingOrigin', MISMATCH_TEXT, {
    preflightPrefix: true,
    fetchSuffix: true,
  }),
  PreflightInvalidAllowCredentials: entry('CORSMissingAllowCredentials', CREDENTIALS_TEXT, {
    preflightPrefix: true,
  }),
  InvalidAllowMethodsPreflightResponse: entry(
    'CORSInvalidAllowMethod',
    'Cannot parse Access-Control-Allow-Methods response header field in preflight response.',
  ),
  InvalidAllowHeadersPreflightResponse: entry(
    'CORSInvalidAllowHeader',
    'Cannot parse Access-Control-Allow-Headers response header field in preflight response.',
  ),
  MethodDisallowedByPreflightResponse: entry(
    'CORSMethodNotFound',
    'Method {hint} is not allowed by Access-Control-Allow-Methods in preflight response.',
  ),
  HeaderDisallowedByPreflightResponse: entry(
    'CORSMissingAllowHeaderFromPreflight',
    'Request header field {hint} is not allowed by Access-Control-Allow-Headers in preflight response.',
  ),
  RedirectContainsCredentials: entry(
    null,
    "Redirect location '{hint}' contains a username and password, which is disallowed for cross-origin requests.",
  ),
  InsecureLocalNetwork: entry(
    null,
    'The request client is not a secure context and the resource is in more-private address space `{hint}`.',
  ),
  InvalidLocalNetworkAccess: entry(
    null,
    'Request had a target IP address space that differs from the resource.',
  ),
  LocalNetworkAccessPermissionDenied: entry(
    null,
    'Permission was denied for this request to access the `{hint}` address space.',
  ),
};

export const FIREFOX_REASON_TEXT: Record<FirefoxReason, string> = {
  CORSDisabled: 'CORS disabled',
  CORSDidNotSucceed: 'CORS request did not succeed',
  CORSOriginHeaderNotAdded: "CORS header 'Origin' cannot be added",
  CORSExternalRedirectNotAllowed: 'CORS request external redirect not allowed',
  CORSRequestNotHttp: 'CORS request not http',
  CORSMissingAllowOrigin: "CORS header 'Access-Control-Allow-Origin' missing",
  CORSMultipleAllowOriginNotAllowed:
    "Multiple CORS header 'Access-Control-Allow-Origin' not allowed",
  CORSAllowOriginNotMatchingOrigin:
    "CORS header 'Access-Control-Allow-Origin' does not match '{acao}'",
  CORSNotSupportingCredentials:
    "Credential is not supported if the CORS header 'Access-Control-Allow-Origin' is '*'",
  CORSMissingAllowCredentials: "expected 'true' in CORS header 'Access-Control-Allow-Credentials'",
  CORSPreflightDidNotSucceed: 'CORS preflight response did not succeed',
  CORSInvalidAllowMethod: "invalid token '{token}' in CORS header 'Access-Control-Allow-Methods'",
  CORSMethodNotFound: "Did not find method in CORS header 'Access-Control-Allow-Methods'",
  CORSInvalidAllowHeader: "invalid token '{token}' in CORS header 'Access-Control-Allow-Headers'",
  CORSMissingAllowHeaderFromPreflight:
    "header '{header}' is not allowed according to header 'Access-Control-Allow-Headers' from CORS preflight response",
};

/** Firefox adds "Status code: N" to these reasons. */
export const FIREFOX_REASONS_WITH_STATUS: ReadonlySet<FirefoxReason> = new Set([
  'CORSMissingAllowOrigin',
  'CORSPreflightDidNotSucceed',
  'CORSDidNotSucceed',
]);

export const CORS_ERROR_NAMES = Object.keys(CORS_ERRORS) as CorsErrorName[];
