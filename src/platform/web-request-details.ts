/**
 * Turns webRequest details into the capture's plain events. No browser API here, so the
 * fixture recorder (e2e/record) can normalize raw details the same way in Node.
 */
import type { WebRequestEvent, WebRequestEventName } from '../capture/events';
import type { HeaderList } from '../cors/types';

/** A header as webRequest hands it over. */
export interface RawHeader {
  name: string;
  value?: string;
  binaryValue?: number[];
}

/** The fields of webRequest details the capture reads, whatever the event. */
export interface Details {
  requestId: string;
  url: string;
  method: string;
  tabId: number;
  frameId: number;
  type: string;
  initiator?: string;
  /** Firefox's nearest equivalent of Chrome's `initiator`. */
  originUrl?: string;
  /** Firefox only (whether the request is third-party): tells its details from Chrome's. */
  thirdParty?: boolean;
  timeStamp: number;
  requestHeaders?: RawHeader[];
  responseHeaders?: RawHeader[];
  statusCode?: number;
  statusLine?: string;
  redirectUrl?: string;
  error?: string;
  fromCache?: boolean;
}

/**
 * Header values arrive as `value`, or as `binaryValue` bytes when they are not valid
 * UTF-8: keep those as Latin-1 characters so nothing is lost or thrown away.
 */
function toHeaderList(headers: RawHeader[] | undefined): HeaderList | undefined {
  if (!headers) return undefined;
  return headers.map(({ name, value, binaryValue }) => ({
    name,
    value: value ?? (binaryValue ? String.fromCharCode(...binaryValue) : ''),
  }));
}

function originOfUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Firefox leaves `originUrl` out for a document with an opaque origin (a sandboxed
 * iframe: it sends `Origin: null`), where Chrome says `initiator: "null"`. Requests the
 * browser makes itself have no tab.
 */
function opaqueFirefoxInitiator(d: Details): string | undefined {
  const firefox = d.thirdParty !== undefined;
  const navigation = d.type === 'main_frame' || d.type === 'sub_frame';
  return firefox && d.originUrl === undefined && d.tabId >= 0 && !navigation ? 'null' : undefined;
}

export function normalize(event: WebRequestEventName, d: Details): WebRequestEvent {
  const initiator = d.initiator ?? originOfUrl(d.originUrl) ?? opaqueFirefoxInitiator(d);
  const requestHeaders = toHeaderList(d.requestHeaders);
  const responseHeaders = toHeaderList(d.responseHeaders);
  return {
    event,
    requestId: d.requestId,
    url: d.url,
    method: d.method,
    tabId: d.tabId,
    frameId: d.frameId,
    type: d.type,
    timeStamp: d.timeStamp,
    ...(initiator !== undefined ? { initiator } : {}),
    ...(requestHeaders ? { requestHeaders } : {}),
    ...(responseHeaders ? { responseHeaders } : {}),
    ...(d.statusCode !== undefined ? { statusCode: d.statusCode } : {}),
    ...(d.statusLine !== undefined ? { statusLine: d.statusLine } : {}),
    ...(d.redirectUrl !== undefined ? { redirectUrl: d.redirectUrl } : {}),
    ...(d.error !== undefined ? { error: d.error } : {}),
    ...(d.fromCache !== undefined ? { fromCache: d.fromCache } : {}),
  };
}
