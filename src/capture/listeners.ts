/**
 * The webRequest listeners the capture needs, and not one more: each costs the browser on
 * every request of every tab (an extension with these five costs about 1.25× a page load
 * with none, with the eight every event offers about 1.54×: issue 14's measurement, and
 * `npm run bench`). Each line names a recorded scenario (src/capture/fixtures/chromium/)
 * whose verdict goes wrong without it; src/capture/listeners.test.ts replays every
 * recorded stream as this set would see it and requires the verdicts of all eight.
 *
 * Dropped, because these fixtures' verdicts are the same without them:
 * - onBeforeRequest: it only told that recording saw the request's start; onSendHeaders (or
 *   the error of a request refused before it was sent) tells the same.
 * - onBeforeSendHeaders: the headers before other extensions change them; what was sent
 *   (onSendHeaders) is what the server judged.
 * - onResponseStarted: the same status and headers as onHeadersReceived, which Chromium 156
 *   fires for responses from the HTTP cache too (a 200 from cache, a revalidated 304).
 */
import type { WebRequestEventName } from './events';

export interface ListenerNeed {
  /** The `browser.webRequest` event. */
  readonly key: string;
  readonly name: WebRequestEventName;
  /** Extra info asked for; 'extraHeaders' where the browser knows it (Firefox does not). */
  readonly spec: readonly string[];
}

export const LISTENERS: readonly ListenerNeed[] = [
  // The request headers as sent: Origin, Cookie, Access-Control-Request-* of preflights.
  // 'extraHeaders', or Chromium hides preflights and strips Origin and Cookie: without the
  // listener or the option, cookie-credentials-wildcard is no longer judged as CORS at all.
  { key: 'onSendHeaders', name: 'sendHeaders', spec: ['requestHeaders', 'extraHeaders'] },
  // The response headers every check reads: without it missing-acao is a bare net::ERR_FAILED.
  // 'extraHeaders', or Chromium hides the preflight's response: header-not-allowed becomes a
  // bare net::ERR_FAILED too.
  { key: 'onHeadersReceived', name: 'headersReceived', spec: ['responseHeaders', 'extraHeaders'] },
  // Where each redirect points: without it redirect-tainted-origin is judged as if its origin
  // were not tainted (InvalidAllowCredentials instead of AllowOriginMismatch). Its headers are
  // those onHeadersReceived gave for the 3xx, and a preflight is never redirected (Chromium
  // refuses: preflight-redirect), so no extra info.
  { key: 'onBeforeRedirect', name: 'beforeRedirect', spec: [] },
  // That an allowed request ended (simple-get-allowed stays pending without it). A preflight's
  // completion tells nothing its response and its request do not, so no 'extraHeaders'.
  { key: 'onCompleted', name: 'completed', spec: [] },
  // The error that ends a blocked request (missing-acao stays pending without it). A preflight's
  // own error is also its request's, so no 'extraHeaders'.
  { key: 'onErrorOccurred', name: 'errorOccurred', spec: [] },
];
