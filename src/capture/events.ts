/**
 * The normalized webRequest event the platform adapter produces (one per
 * listener call). Plain JSON, so it can be stored and replayed as a fixture.
 */
import type { HeaderList } from '../cors';
import {
  isBoolean,
  isFiniteNumber,
  isHeaderList,
  isInteger,
  isRecord,
  isString,
  optional,
} from './guards';

export const WEB_REQUEST_EVENT_NAMES = [
  'beforeRequest',
  'beforeSendHeaders',
  'sendHeaders',
  'headersReceived',
  'beforeRedirect',
  'responseStarted',
  'completed',
  'errorOccurred',
] as const;

export type WebRequestEventName = (typeof WEB_REQUEST_EVENT_NAMES)[number];

export interface WebRequestEvent {
  readonly event: WebRequestEventName;
  readonly requestId: string;
  readonly url: string;
  readonly method: string;
  /** -1 for requests not from a tab (service workers, the extension). */
  readonly tabId: number;
  readonly frameId: number;
  /** 'xmlhttprequest' | 'main_frame' | 'sub_frame' | 'font' | 'script' | ... */
  readonly type: string;
  /** Serialized origin, 'null' for opaque; absent for browser-initiated requests. */
  readonly initiator?: string;
  /** Milliseconds since the epoch, as the browser stamped the event. */
  readonly timeStamp: number;
  /** beforeSendHeaders / sendHeaders */
  readonly requestHeaders?: HeaderList;
  /** headersReceived / beforeRedirect / responseStarted / completed */
  readonly responseHeaders?: HeaderList;
  readonly statusCode?: number;
  readonly statusLine?: string;
  /** beforeRedirect */
  readonly redirectUrl?: string;
  /** errorOccurred, e.g. 'net::ERR_FAILED' */
  readonly error?: string;
  readonly fromCache?: boolean;
}

const EVENT_NAMES: ReadonlySet<string> = new Set(WEB_REQUEST_EVENT_NAMES);

export function isWebRequestEventName(value: unknown): value is WebRequestEventName {
  return isString(value) && EVENT_NAMES.has(value);
}

/** The final event of a request: the browser sends exactly one of these per request. */
export function isTerminalEvent(name: WebRequestEventName): boolean {
  return name === 'completed' || name === 'errorOccurred';
}

/** Checks data read back from storage (or a fixture) before it is replayed. */
export function isWebRequestEvent(x: unknown): x is WebRequestEvent {
  return (
    isRecord(x) &&
    isWebRequestEventName(x.event) &&
    isString(x.requestId) &&
    isString(x.url) &&
    isString(x.method) &&
    isInteger(x.tabId) &&
    isInteger(x.frameId) &&
    isString(x.type) &&
    isFiniteNumber(x.timeStamp) &&
    optional(x, 'initiator', isString) &&
    optional(x, 'requestHeaders', isHeaderList) &&
    optional(x, 'responseHeaders', isHeaderList) &&
    optional(x, 'statusCode', isInteger) &&
    optional(x, 'statusLine', isString) &&
    optional(x, 'redirectUrl', isString) &&
    optional(x, 'error', isString) &&
    optional(x, 'fromCache', isBoolean)
  );
}
