/**
 * Local Network Access failures (docs/cors-reference.md): Chromium names them as CORS
 * errors, but no CORS header fixes them. webRequest shows only the error the request
 * failed with: `net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS` for a page reaching a
 * more private address space without permission (from a non-secure page, Chromium does
 * not even ask), and a bare `net::ERR_FAILED` when the page declared a
 * `targetAddressSpace` the server's address does not have (only the page probe knows it
 * was declared).
 */
import { addressSpaceOf, isSecureOrigin } from './address-space';
import { finalUrl } from './final-url';
import type { CheckFailure } from './cors-check';
import type { ExchangeObservation } from './types';

export const LOCAL_NETWORK_ERROR = 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS';

/** What the engine says in place of an address space it cannot tell from the URL. */
export const UNKNOWN_SPACE = 'local or loopback';

/** The address space of a URL the check refused, as far as the URL tells (a name: not known). */
export function targetSpace(url: string): string {
  const space = addressSpaceOf(url);
  return space === undefined || space === 'public' ? UNKNOWN_SPACE : space;
}

/** The Local Network Access check that failed, if the error and the observation say one did. */
export function localNetworkFailure(
  obs: ExchangeObservation,
  error: string,
): { readonly check: CheckFailure; readonly url: string } | undefined {
  const url = finalUrl(obs);
  const space = addressSpaceOf(url);
  if (error === LOCAL_NETWORK_ERROR) {
    const hint = targetSpace(url);
    const secure = isSecureOrigin(obs.initiatorOrigin);
    const check: CheckFailure = {
      corsError: secure ? 'LocalNetworkAccessPermissionDenied' : 'InsecureLocalNetwork',
      // Chromium names no parameter for these (CDP corsErrorStatus, e2e/local-network.spec.ts).
      failedParameter: '',
      header: null,
      expected: secure
        ? `the user's permission to reach the ${hint} address space`
        : 'a secure page (https, or http on localhost) to reach a more private address space',
      actual: secure ? 'permission denied' : `a non-secure page (${obs.initiatorOrigin})`,
    };
    return { check, url };
  }
  const declared = obs.targetAddressSpace;
  if (declared !== undefined && error === 'net::ERR_FAILED' && space !== declared) {
    const check: CheckFailure = {
      corsError: 'InvalidLocalNetworkAccess',
      failedParameter: '',
      header: null,
      expected: declared,
      actual: space ?? 'not known from the URL (a host name)',
    };
    return { check, url };
  }
  return undefined;
}
