/**
 * Which requests become exchanges. CORS only concerns requests a document or
 * worker makes to another origin; navigations, the extension's own requests and
 * browser-initiated ones are never CORS.
 */
import { isHttpUrl, isSameOrigin } from './origin';

export type RequestClass =
  /** Cross-origin: recorded as an exchange. */
  | 'cross-origin'
  /** Same-origin for now: watched, because a redirect to another origin makes it CORS. */
  | 'same-origin'
  | 'ignored';

const EXTENSION_SCHEMES = ['chrome-extension://', 'moz-extension://', 'safari-web-extension://'];

export function isExtensionOrigin(initiator: string): boolean {
  return EXTENSION_SCHEMES.some((scheme) => initiator.startsWith(scheme));
}

export function isNavigationType(type: string): boolean {
  return type === 'main_frame' || type === 'sub_frame';
}

/** The request's class from what any one of its events says. */
export function classifyRequest(request: {
  readonly url: string;
  readonly type: string;
  readonly initiator?: string | undefined;
}): RequestClass {
  const { initiator } = request;
  if (initiator === undefined || isExtensionOrigin(initiator)) return 'ignored';
  if (isNavigationType(request.type) || !isHttpUrl(request.url)) return 'ignored';
  return isSameOrigin(initiator, request.url) ? 'same-origin' : 'cross-origin';
}
