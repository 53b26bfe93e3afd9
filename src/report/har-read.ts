/**
 * Reads a HAR log of unknown origin into plain entries the importer can work with. Every
 * field is checked: what is malformed is skipped and said, never thrown.
 */
import type { HttpHeader } from '../cors';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export interface RawInitiator {
  readonly type?: string;
  readonly url?: string;
  /** The first script frame of the call stack, for a `script` initiator. */
  readonly stackUrl?: string;
}

/** One HAR entry, reduced to what judging an exchange needs. */
export interface RawEntry {
  readonly index: number;
  readonly method: string;
  readonly url: string;
  /** HTTP/2 pseudo-headers (`:authority`) left out: they are no request headers to CORS. */
  readonly requestHeaders: HttpHeader[];
  /** 0 when no response was recorded. */
  readonly status: number;
  readonly responseHeaders: HttpHeader[];
  readonly redirectURL: string;
  /** The browser's error string (Chrome's `response._error`), when it failed. */
  readonly error?: string;
  /** ms since the epoch; NaN when the date is missing or malformed. */
  readonly startedMs: number;
  readonly resourceType?: string;
  readonly initiator?: RawInitiator;
  readonly pageref?: string;
  readonly comment?: string;
  readonly cors?: Json;
}

/**
 * A HAR header list: an array of `{ name, value }` with a non-empty string name and a
 * string value. Anything else (an object keyed by name, a number, a header without a
 * name) means the file was not written by a HAR writer and its headers cannot be
 * trusted: judging what is left would invent a verdict (a list that lost its Origin
 * reads as a blocked request), so the entry is skipped. Returns what is wrong, then.
 */
function headersOf(value: unknown): HttpHeader[] | string {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    const shape = value === null ? 'null' : typeof value === 'object' ? 'an object' : typeof value;
    return `${shape}, not a HAR list of name/value pairs`;
  }
  const headers: HttpHeader[] = [];
  let malformed = 0;
  for (const item of value) {
    const name = isObject(item) ? stringOf(item.name) : undefined;
    const text = isObject(item) ? stringOf(item.value) : undefined;
    if (name === undefined || name === '' || text === undefined) malformed++;
    else if (!name.startsWith(':')) headers.push({ name, value: text });
  }
  return malformed === 0
    ? headers
    : `${malformed} of ${value.length} without a string name and a string value`;
}

function initiatorOf(value: unknown): RawInitiator | undefined {
  if (!isObject(value)) return undefined;
  const type = stringOf(value.type);
  const url = stringOf(value.url);
  const stack = value.stack;
  const frames = isObject(stack) && Array.isArray(stack.callFrames) ? stack.callFrames : [];
  const stackUrl = frames
    .map((f) => (isObject(f) ? stringOf(f.url) : undefined))
    .find((u) => u !== undefined && u !== '');
  return {
    ...(type !== undefined ? { type } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(stackUrl !== undefined ? { stackUrl } : {}),
  };
}

/** One entry, or the reason it cannot be used. */
export function readEntry(value: unknown, index: number): RawEntry | string {
  if (!isObject(value)) return `entry ${index} is not an object: skipped`;
  const request = value.request;
  if (!isObject(request)) return `entry ${index} has no request: skipped`;
  const method = stringOf(request.method);
  const url = stringOf(request.url);
  if (method === undefined || method === '' || url === undefined || url === '') {
    return `entry ${index} has no request method or URL: skipped`;
  }
  if (value.response !== undefined && !isObject(value.response)) {
    return `entry ${index} has a response that is not an object: skipped, no verdict`;
  }
  const response = isObject(value.response) ? value.response : {};
  // A status in quotes would read as "no response": a failure the file does not show.
  if (response.status !== undefined && numberOf(response.status) === undefined) {
    return `entry ${index} has a response status that is not a number: skipped, no verdict`;
  }
  const requestHeaders = headersOf(request.headers);
  if (typeof requestHeaders === 'string') {
    return `entry ${index} has malformed request headers (${requestHeaders}): skipped, no verdict`;
  }
  const responseHeaders = headersOf(response.headers);
  if (typeof responseHeaders === 'string') {
    return `entry ${index} has malformed response headers (${responseHeaders}): skipped, no verdict`;
  }
  const error = stringOf(response._error) ?? stringOf(value._error);
  const status = numberOf(response.status);
  const startedDateTime = stringOf(value.startedDateTime);
  const resourceType = stringOf(value._resourceType);
  const initiator = initiatorOf(value._initiator);
  const pageref = stringOf(value.pageref);
  const comment = stringOf(value.comment);
  const cors = value._cors;
  return {
    index,
    method,
    url,
    requestHeaders,
    status: status !== undefined && status > 0 ? Math.trunc(status) : 0,
    responseHeaders,
    redirectURL: stringOf(response.redirectURL) ?? '',
    ...(error !== undefined && error !== '' ? { error } : {}),
    startedMs: startedDateTime === undefined ? NaN : Date.parse(startedDateTime),
    ...(resourceType !== undefined ? { resourceType } : {}),
    ...(initiator !== undefined ? { initiator } : {}),
    ...(pageref !== undefined ? { pageref } : {}),
    ...(comment !== undefined && comment !== '' ? { comment } : {}),
    ...(isObject(cors) ? { cors } : {}),
  };
}

export interface RawLog {
  /** The entries that could be read. */
  readonly entries: RawEntry[];
  /** How many entries the file lists, read or skipped. */
  readonly listed: number;
  readonly creator?: string;
  readonly browser?: string;
  /** Page id → page URL (Chrome and Firefox put the URL in the title). */
  readonly pages: ReadonlyMap<string, string>;
  readonly cors?: Json;
  /** Entry fields only one browser writes, for telling them apart. */
  readonly hints: { readonly chrome: boolean; readonly firefox: boolean };
}

export function readLog(json: unknown, problems: string[]): RawLog | null {
  const root = isObject(json) ? json : undefined;
  const log = root && isObject(root.log) ? root.log : undefined;
  if (!log) {
    problems.push('Not a HAR file: there is no `log` object.');
    return null;
  }
  const rawEntries = log.entries;
  if (!Array.isArray(rawEntries)) {
    problems.push('Not a HAR file: `log.entries` is not a list.');
    return null;
  }
  const entries: RawEntry[] = [];
  let chrome = false;
  let firefox = false;
  rawEntries.forEach((value, index) => {
    const entry = readEntry(value, index);
    if (typeof entry === 'string') problems.push(entry);
    else entries.push(entry);
    if (isObject(value)) {
      chrome ||= '_initiator' in value || '_priority' in value || '_resourceType' in value;
      firefox ||= '_securityState' in value;
    }
  });
  const pages = new Map<string, string>();
  if (Array.isArray(log.pages)) {
    for (const page of log.pages) {
      const id = isObject(page) ? stringOf(page.id) : undefined;
      const title = isObject(page) ? stringOf(page.title) : undefined;
      if (id !== undefined && title !== undefined) pages.set(id, title);
    }
  }
  const creator = isObject(log.creator) ? stringOf(log.creator.name) : undefined;
  const browser = isObject(log.browser) ? stringOf(log.browser.name) : undefined;
  const cors = log._cors;
  return {
    entries,
    listed: rawEntries.length,
    ...(creator !== undefined ? { creator } : {}),
    ...(browser !== undefined ? { browser } : {}),
    pages,
    ...(isObject(cors) ? { cors } : {}),
    hints: { chrome, firefox },
  };
}
