// What the page probe (src/probe) reports about one fetch or XMLHttpRequest call, and the
// validator every report goes through in the background. The page can forge any report, so
// nothing here is trusted: every field is bounded, strings are kept as data (non-ASCII and
// control characters included: the panel shows them as text, never as HTML), and the tab and
// frame a report belongs to come from the extension's sender, never from the report.
import { isFiniteNumber, isRecord, isString } from './validate';

/** Bounds a report must fit: a long value is truncated, too many items are rejected. */
export const PAGE_REPORT_LIMITS = {
  url: 8192,
  callId: 64,
  method: 32,
  headerCount: 64,
  headerName: 256,
  headerValue: 4096,
  readHeaderCount: 64,
  message: 1024,
  scriptUrl: 2048,
  origin: 2048,
  policy: 1024,
} as const;

export const PAGE_REPORT_MESSAGE = 'cors-lens/page-reports';

export type ProbeApi = 'fetch' | 'xhr';
export type ProbeMode = 'cors' | 'no-cors' | 'same-origin' | 'navigate';
export type ProbeCredentials = 'omit' | 'same-origin' | 'include';
export type ProbeRedirect = 'follow' | 'error' | 'manual';
export type ProbeAddressSpace = 'public' | 'private' | 'local' | 'loopback' | 'unknown';

export type PageCallOutcome =
  | { readonly kind: 'pending' }
  /** The page got a Response (fetch) or a load/loadend with a status (XHR). */
  | { readonly kind: 'response'; readonly type: string; readonly status: number }
  /** fetch rejected (a TypeError, an AbortError) or the XHR fired `error`. */
  | { readonly kind: 'error'; readonly name: string; readonly message: string };

export interface CallSite {
  readonly url: string;
  readonly line: number;
  readonly column: number;
}

export interface CspBlock {
  /** The effective directive (`connect-src`, `default-src`). */
  readonly directive: string;
  /** The policy as the page sent it, cut at 1024 characters. */
  readonly policy: string;
  /** The document whose policy it is (the violation's `documentURI`), without its fragment. */
  readonly document?: string;
}

export interface PageCallReport {
  /** Unique within one document (the probe's nonce and a counter): later reports update it. */
  readonly callId: string;
  readonly api: ProbeApi;
  /** The calling document's origin as it says (`self.origin`); the sender's wins where known. */
  readonly origin: string;
  /** Resolved against the document's base URL by the probe. */
  readonly url: string;
  readonly method: string;
  readonly mode: ProbeMode;
  readonly credentials: ProbeCredentials;
  readonly redirect: ProbeRedirect;
  readonly targetAddressSpace?: ProbeAddressSpace;
  /** Header names and values as the page set them, in order. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly outcome: PageCallOutcome;
  /** Response header names the page read and got `null` for, lowercased. */
  readonly nullReadHeaders: readonly string[];
  readonly callSite?: CallSite;
  /** The Content-Security-Policy directive that blocked the call, from `securitypolicyviolation`. */
  readonly csp?: CspBlock;
  /** When the page made the call (ms since the epoch). */
  readonly startedAt: number;
}

export type PageReportCheck =
  | { readonly ok: true; readonly report: PageCallReport; readonly truncated: readonly string[] }
  | { readonly ok: false; readonly reason: string };

const MODES: readonly ProbeMode[] = ['cors', 'no-cors', 'same-origin', 'navigate'];
const CREDENTIALS: readonly ProbeCredentials[] = ['omit', 'same-origin', 'include'];
const REDIRECTS: readonly ProbeRedirect[] = ['follow', 'error', 'manual'];
const SPACES: readonly ProbeAddressSpace[] = ['public', 'private', 'local', 'loopback', 'unknown'];

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return allowed.some((item) => item === value);
}

/** Reads a bounded string; records the field if it had to be cut. */
function bounded(value: string, max: number, field: string, truncated: string[]): string {
  if (value.length <= max) return value;
  truncated.push(field);
  return value.slice(0, max);
}

function checkOutcome(value: unknown, truncated: string[]): PageCallOutcome | string {
  if (!isRecord(value)) return 'outcome is not an object';
  switch (value.kind) {
    case 'pending':
      return { kind: 'pending' };
    case 'response': {
      const { type, status } = value;
      if (!isString(type) || type.length > 16) return 'outcome.type is not a short string';
      if (!isFiniteNumber(status) || !Number.isInteger(status) || status < 0 || status > 999) {
        return 'outcome.status is not a status code';
      }
      return { kind: 'response', type, status };
    }
    case 'error': {
      const { name, message } = value;
      if (!isString(name) || !isString(message)) return 'outcome.name/message are not strings';
      return {
        kind: 'error',
        name: bounded(name, 64, 'outcome.name', truncated),
        message: bounded(message, PAGE_REPORT_LIMITS.message, 'outcome.message', truncated),
      };
    }
    default:
      return 'outcome.kind is unknown';
  }
}

function checkHeaders(
  value: unknown,
  truncated: string[],
): Array<readonly [string, string]> | string {
  if (!Array.isArray(value)) return 'headers is not an array';
  if (value.length > PAGE_REPORT_LIMITS.headerCount) return 'too many headers';
  const headers: Array<readonly [string, string]> = [];
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2) return 'a header is not a [name, value] pair';
    const [name, headerValue] = pair as unknown[];
    if (!isString(name) || !isString(headerValue)) return 'a header name or value is not a string';
    if (name.length > PAGE_REPORT_LIMITS.headerName) return 'a header name is too long';
    headers.push([
      name,
      bounded(headerValue, PAGE_REPORT_LIMITS.headerValue, 'headers.value', truncated),
    ]);
  }
  return headers;
}

function checkCsp(value: unknown, truncated: string[]): CspBlock | undefined | string {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return 'csp is not an object';
  const { directive, policy, document } = value;
  if (!isString(directive) || directive.length === 0 || directive.length > 64) {
    return 'csp.directive is not a short string';
  }
  if (!isString(policy)) return 'csp.policy is not a string';
  if (document !== undefined && !isString(document)) return 'csp.document is not a string';
  return {
    directive,
    policy: bounded(policy, PAGE_REPORT_LIMITS.policy, 'csp.policy', truncated),
    ...(document === undefined
      ? {}
      : { document: bounded(document, PAGE_REPORT_LIMITS.url, 'csp.document', truncated) }),
  };
}

function checkCallSite(value: unknown, truncated: string[]): CallSite | undefined | string {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return 'callSite is not an object';
  const { url, line, column } = value;
  if (!isString(url)) return 'callSite.url is not a string';
  if (!isFiniteNumber(line) || !isFiniteNumber(column) || line < 0 || column < 0) {
    return 'callSite line/column are not numbers';
  }
  return {
    url: bounded(url, PAGE_REPORT_LIMITS.scriptUrl, 'callSite.url', truncated),
    line: Math.trunc(line),
    column: Math.trunc(column),
  };
}

/**
 * Checks one report as the page sent it. Long strings are truncated (and named in
 * `truncated`); anything of the wrong shape, or too many items, rejects the report with a reason.
 */
export function checkPageReport(value: unknown): PageReportCheck {
  const fail = (reason: string): PageReportCheck => ({ ok: false, reason });
  if (!isRecord(value)) return fail('not an object');
  const truncated: string[] = [];
  const { callId, api, url, method, mode, credentials, redirect, targetAddressSpace } = value;
  if (!isString(callId) || callId.length === 0 || callId.length > PAGE_REPORT_LIMITS.callId) {
    return fail('callId is not a short string');
  }
  if (api !== 'fetch' && api !== 'xhr') return fail('api is neither fetch nor xhr');
  const { origin } = value;
  if (!isString(origin) || origin.length === 0 || origin.length > PAGE_REPORT_LIMITS.origin) {
    return fail('origin is not a short string');
  }
  if (!isString(url) || url.length === 0) return fail('url is not a string');
  // A truncated URL would match another exchange's URL: reject rather than cut.
  if (url.length > PAGE_REPORT_LIMITS.url) return fail('url is too long');
  if (!isString(method) || method.length === 0 || method.length > PAGE_REPORT_LIMITS.method) {
    return fail('method is not a short string');
  }
  if (!oneOf(mode, MODES)) return fail('mode is unknown');
  if (!oneOf(credentials, CREDENTIALS)) return fail('credentials is unknown');
  if (!oneOf(redirect, REDIRECTS)) return fail('redirect is unknown');
  if (targetAddressSpace !== undefined && !oneOf(targetAddressSpace, SPACES)) {
    return fail('targetAddressSpace is unknown');
  }
  const headers = checkHeaders(value.headers, truncated);
  if (isString(headers)) return fail(headers);
  const outcome = checkOutcome(value.outcome, truncated);
  if (isString(outcome)) return fail(outcome);
  const { nullReadHeaders } = value;
  if (!Array.isArray(nullReadHeaders)) return fail('nullReadHeaders is not an array');
  if (nullReadHeaders.length > PAGE_REPORT_LIMITS.readHeaderCount) {
    return fail('too many nullReadHeaders');
  }
  const reads: string[] = [];
  for (const name of nullReadHeaders as unknown[]) {
    if (!isString(name) || name.length > PAGE_REPORT_LIMITS.headerName) {
      return fail('a nullReadHeaders name is not a short string');
    }
    reads.push(name.toLowerCase());
  }
  const callSite = checkCallSite(value.callSite, truncated);
  if (isString(callSite)) return fail(callSite);
  const csp = checkCsp(value.csp, truncated);
  if (isString(csp)) return fail(csp);
  const { startedAt } = value;
  if (!isFiniteNumber(startedAt) || startedAt < 0) return fail('startedAt is not a time');
  const report: PageCallReport = {
    callId,
    api,
    origin,
    url,
    method,
    mode,
    credentials,
    redirect,
    ...(targetAddressSpace === undefined ? {} : { targetAddressSpace }),
    headers,
    outcome,
    nullReadHeaders: reads,
    ...(callSite === undefined ? {} : { callSite }),
    ...(csp === undefined ? {} : { csp }),
    startedAt,
  };
  return { ok: true, report, truncated };
}

/**
 * A type predicate for code that only needs to know whether a value is already a report
 * within bounds (nothing to truncate): the store's own snapshots, the e2e tests.
 */
export function isPageCallReport(value: unknown): value is PageCallReport {
  const check = checkPageReport(value);
  return check.ok && check.truncated.length === 0;
}
