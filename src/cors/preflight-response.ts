import { asPreflightFailure, corsCheck, type CheckFailure } from './cors-check';
import { parseTokenList } from './headers';
import { readCorsResponseHeaders, type CorsResponseHeaders } from './response-headers';
import { isSafelistedMethod } from './safelist';
import type { ObservedPreflight } from './types';

export const ACAM = 'Access-Control-Allow-Methods';
export const ACAH = 'Access-Control-Allow-Headers';

export type PreflightCheck =
  | { readonly kind: 'pending' }
  | { readonly kind: 'network-error'; readonly error: string }
  | { readonly kind: 'failed'; readonly failure: CheckFailure }
  | {
      readonly kind: 'passed';
      /** The response's headers as read for the checks. */
      readonly responseHeaders: CorsResponseHeaders;
      readonly methods: readonly string[];
      readonly headers: readonly string[];
      /** Authorization got through only because of `Access-Control-Allow-Headers: *`. */
      readonly authorizationViaWildcard: boolean;
    };

export function isRedirectStatus(status: number): boolean {
  return status >= 300 && status < 400;
}

/**
 * The preflight-response checks in Chromium's order (docs/cors-reference.md §4.6): redirect; CORS
 * check with the actual request's credentials mode (before the status, so a 404 without
 * Access-Control-Allow-Origin reports the missing header); ok status; parse the method and
 * header lists; the method; then each unsafe header name in order.
 */
export function checkPreflightResponse(
  preflight: ObservedPreflight,
  request: {
    requestOrigin: string;
    credentialsInclude: boolean;
    method: string;
    unsafeHeaderNames: readonly string[];
  },
  /** The preflight response's headers when the caller has read them already. */
  known?: CorsResponseHeaders,
): PreflightCheck {
  if (preflight.error !== undefined && !preflight.response) {
    return { kind: 'network-error', error: preflight.error };
  }
  const response = preflight.response;
  if (!response) return { kind: 'pending' };
  const status = response.status;
  const headers = known ?? readCorsResponseHeaders(response.headers);

  if (isRedirectStatus(status) && headers.location !== undefined) {
    return {
      kind: 'failed',
      failure: {
        corsError: 'PreflightDisallowedRedirect',
        failedParameter: '',
        header: 'Location',
        expected: 'a 2xx answer to the OPTIONS request itself',
        actual: `${status} redirect to ${headers.location}`,
      },
    };
  }

  const access = corsCheck(headers, request.requestOrigin, request.credentialsInclude);
  if (access) return { kind: 'failed', failure: asPreflightFailure(access) };

  if (status < 200 || status > 299) {
    return {
      kind: 'failed',
      failure: {
        corsError: 'PreflightInvalidStatus',
        failedParameter: '',
        header: null,
        expected: 'an ok status (200–299)',
        actual: String(status),
      },
    };
  }

  const methods = parseTokenList(headers.allowMethods);
  if (!methods.ok) {
    return {
      kind: 'failed',
      failure: {
        corsError: 'InvalidAllowMethodsPreflightResponse',
        failedParameter: '',
        header: ACAM,
        expected: 'a comma-separated list of method names',
        actual: headers.allowMethods ?? null,
      },
    };
  }
  const allowHeaders = parseTokenList(headers.allowHeaders);
  if (!allowHeaders.ok) {
    return {
      kind: 'failed',
      failure: {
        corsError: 'InvalidAllowHeadersPreflightResponse',
        failedParameter: '',
        header: ACAH,
        expected: 'a comma-separated list of header names',
        actual: headers.allowHeaders ?? null,
      },
    };
  }

  const wildcard = !request.credentialsInclude;
  const methodAllowed =
    isSafelistedMethod(request.method) ||
    methods.tokens.includes(request.method) ||
    (wildcard && methods.tokens.includes('*'));
  if (!methodAllowed) {
    return {
      kind: 'failed',
      failure: {
        corsError: 'MethodDisallowedByPreflightResponse',
        failedParameter: request.method,
        header: ACAM,
        expected: `a list that contains ${request.method} (exact case)`,
        actual: headers.allowMethods ?? null,
      },
    };
  }

  const allowed = new Set(allowHeaders.tokens.map((t) => t.toLowerCase()));
  const headerWildcard = wildcard && allowed.has('*');
  const names = request.unsafeHeaderNames.map((n) => n.toLowerCase());
  if (!headerWildcard) {
    const offending = names.filter((n) => !allowed.has(n));
    const first = offending[0];
    if (first !== undefined) {
      return {
        kind: 'failed',
        failure: {
          corsError: 'HeaderDisallowedByPreflightResponse',
          failedParameter: first,
          header: ACAH,
          expected: `a list that contains ${offending.join(', ')}`,
          actual: headers.allowHeaders ?? null,
          offending,
        },
      };
    }
  }
  return {
    kind: 'passed',
    responseHeaders: headers,
    methods: methods.tokens,
    headers: allowHeaders.tokens,
    authorizationViaWildcard:
      headerWildcard && names.includes('authorization') && !allowed.has('authorization'),
  };
}
