import type { WebRequestEventName } from '../capture/events';

/**
 * Every webRequest event the worker observes, with the extra info it asks for (plus
 * 'extraHeaders' where the browser knows it). A table of its own so the benchmark's
 * control extension registers exactly the same listeners (bench/control-extension.ts).
 */
export const OBSERVED_EVENTS: ReadonlyArray<
  readonly [key: string, name: WebRequestEventName, spec: readonly string[]]
> = [
  ['onBeforeRequest', 'beforeRequest', []],
  ['onBeforeSendHeaders', 'beforeSendHeaders', ['requestHeaders']],
  ['onSendHeaders', 'sendHeaders', ['requestHeaders']],
  ['onHeadersReceived', 'headersReceived', ['responseHeaders']],
  ['onBeforeRedirect', 'beforeRedirect', ['responseHeaders']],
  ['onResponseStarted', 'responseStarted', ['responseHeaders']],
  ['onCompleted', 'completed', ['responseHeaders']],
  ['onErrorOccurred', 'errorOccurred', []],
];
