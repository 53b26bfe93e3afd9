import type { WebRequest } from './browser';
import browser from './browser';

export type HeadersReceivedDetails = WebRequest.OnHeadersReceivedDetailsType;

const ALL_URLS: WebRequest.RequestFilter = { urls: ['<all_urls>'] };

/**
 * Observes every response's headers, without ever modifying requests (no
 * 'blocking'). Call it synchronously at the worker's top level so that events
 * that wake the worker are delivered.
 *
 * Chrome needs 'extraHeaders' to show CORS preflights and the Origin/Sec-Fetch-*
 * headers at all; Firefox rejects that value by throwing synchronously, so the
 * listener is registered again without it. Returns whether 'extraHeaders' took.
 */
export function observeHeadersReceived(callback: (details: HeadersReceivedDetails) => void): {
  extraHeaders: boolean;
} {
  const listener = (details: HeadersReceivedDetails): undefined => {
    callback(details);
  };
  try {
    browser.webRequest.onHeadersReceived.addListener(listener, ALL_URLS, [
      'responseHeaders',
      'extraHeaders',
    ]);
    return { extraHeaders: true };
  } catch {
    browser.webRequest.onHeadersReceived.addListener(listener, ALL_URLS, ['responseHeaders']);
    return { extraHeaders: false };
  }
}
