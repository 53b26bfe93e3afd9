import type { CorsResponseHeaders } from './response-headers';
import type { CorsErrorName } from './types';
import { isValidAbsoluteUrl } from './url';

export const ACAO = 'Access-Control-Allow-Origin';
export const ACAC = 'Access-Control-Allow-Credentials';

/** A failed check before it is dressed for people (see describe.ts). */
export interface CheckFailure {
  readonly corsError: CorsErrorName;
  readonly failedParameter: string;
  readonly header: string | null;
  readonly expected: string;
  readonly actual: string | null;
  /** Number of Access-Control-Allow-Origin lines, for Firefox's classification. */
  readonly acaoLines?: number;
  /** Every offending name when several fail (headers not allowed by the preflight). */
  readonly offending?: readonly string[];
}

/**
 * Fetch's CORS check (docs/cors-reference.md §3.1) with Chromium's classification (§3.2) of a bad
 * Access-Control-Allow-Origin: space or comma → multiple values; `null` → mismatch;
 * not a URL → invalid value; anything else → mismatch. Returns null when it passes.
 */
export function corsCheck(
  headers: CorsResponseHeaders,
  requestOrigin: string,
  credentialsInclude: boolean,
): CheckFailure | null {
  const allowOrigin = headers.allowOrigin;
  const acaoLines = headers.allowOriginLines;
  if (allowOrigin === undefined) {
    return {
      corsError: 'MissingAllowOriginHeader',
      failedParameter: '',
      header: ACAO,
      expected: requestOrigin,
      actual: null,
      acaoLines,
    };
  }
  if (allowOrigin === '*') {
    if (!credentialsInclude) return null;
    return {
      corsError: 'WildcardOriginNotAllowed',
      failedParameter: '',
      header: ACAO,
      expected: requestOrigin,
      actual: '*',
      acaoLines,
    };
  }
  if (allowOrigin !== requestOrigin) {
    const corsError: CorsErrorName =
      allowOrigin.includes(' ') || allowOrigin.includes(',')
        ? 'MultipleAllowOriginValues'
        : allowOrigin === 'null' || isValidAbsoluteUrl(allowOrigin)
          ? 'AllowOriginMismatch'
          : 'InvalidAllowOriginValue';
    return {
      corsError,
      failedParameter: allowOrigin,
      header: ACAO,
      expected: requestOrigin,
      actual: allowOrigin,
      acaoLines,
    };
  }
  if (credentialsInclude) {
    const allowCredentials = headers.allowCredentials;
    if (allowCredentials !== 'true') {
      return {
        corsError: 'InvalidAllowCredentials',
        failedParameter: allowCredentials ?? '',
        header: ACAC,
        expected: 'true',
        actual: allowCredentials ?? null,
      };
    }
  }
  return null;
}

const PREFLIGHT_VARIANT: Partial<Record<CorsErrorName, CorsErrorName>> = {
  WildcardOriginNotAllowed: 'PreflightWildcardOriginNotAllowed',
  MissingAllowOriginHeader: 'PreflightMissingAllowOriginHeader',
  MultipleAllowOriginValues: 'PreflightMultipleAllowOriginValues',
  InvalidAllowOriginValue: 'PreflightInvalidAllowOriginValue',
  AllowOriginMismatch: 'PreflightAllowOriginMismatch',
  InvalidAllowCredentials: 'PreflightInvalidAllowCredentials',
};

/** The same failure on a preflight response gets Chromium's Preflight* name; the parameter stays. */
export function asPreflightFailure(failure: CheckFailure): CheckFailure {
  return { ...failure, corsError: PREFLIGHT_VARIANT[failure.corsError] ?? failure.corsError };
}
