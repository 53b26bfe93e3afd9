/**
 * The report file (design.md §4): HAR 1.2 as CORS Lens writes it, with the `_cors`
 * fields. Only what the export produces is typed here; the import reads `unknown`.
 */
import type {
  BrowserFamily,
  CorsErrorName,
  CredentialsMode,
  ExchangeObservation,
  FailureCause,
  FailureStage,
  Fix,
  FirefoxReason,
  Outcome,
  PageCallFacts,
  PreflightCacheEntry,
  PreflightReason,
  RequestMode,
  VerdictStatus,
  WarningId,
} from '../cors';

export interface HarNameValue {
  readonly name: string;
  readonly value: string;
}

export interface HarCookie {
  readonly name: string;
  readonly value: string;
  readonly path?: string;
  readonly domain?: string;
  readonly expires?: string;
  readonly httpOnly?: boolean;
  readonly secure?: boolean;
}

export interface HarRequest {
  readonly method: string;
  readonly url: string;
  readonly httpVersion: string;
  readonly cookies: readonly HarCookie[];
  readonly headers: readonly HarNameValue[];
  readonly queryString: readonly HarNameValue[];
  readonly headersSize: number;
  readonly bodySize: number;
}

export interface HarResponse {
  /** 0 when no response arrived. */
  readonly status: number;
  readonly statusText: string;
  readonly httpVersion: string;
  readonly cookies: readonly HarCookie[];
  readonly headers: readonly HarNameValue[];
  readonly content: { readonly size: number; readonly mimeType: string };
  /** The Location followed (or refused) for a redirect hop, else empty. */
  readonly redirectURL: string;
  readonly headersSize: number;
  readonly bodySize: number;
  /** The browser's error string for a failed request, where Chrome puts it. */
  readonly _error?: string;
}

export interface HarTimings {
  readonly blocked: number;
  readonly dns: number;
  readonly connect: number;
  readonly ssl: number;
  readonly send: number;
  readonly wait: number;
  readonly receive: number;
}

/** What the engine needs beyond the standard HAR fields to judge the exchange again exactly. */
export interface HarCorsObservation {
  /** `not-recorded`: the request never reached the network (its preflight failed). */
  readonly requestHeaders: 'recorded' | 'not-recorded';
  readonly outcome: Outcome;
  readonly resourceType?: string;
  readonly mode?: RequestMode;
  readonly credentials?: CredentialsMode;
  readonly browser?: BrowserFamily;
  readonly now?: number;
  readonly readResponseHeaders?: readonly string[];
  readonly cachedPreflight?: PreflightCacheEntry;
  readonly targetAddressSpace?: ExchangeObservation['targetAddressSpace'];
  /** What the page probe saw of the call (a call refused before the network has nothing else). */
  readonly page?: PageCallFacts;
}

export interface HarCorsFailure {
  readonly corsError: CorsErrorName;
  readonly firefoxReason: FirefoxReason | null;
  readonly stage: FailureStage;
  readonly header: string | null;
  readonly failedParameter: string;
  readonly summary: string;
  readonly fix: Fix;
}

/** `_cors` of the entry of an actual request (its first hop). */
export interface HarCorsRequest {
  readonly exchangeId: string;
  readonly verdict: VerdictStatus;
  readonly initiatorOrigin: string;
  readonly preflight: {
    readonly needed: boolean;
    readonly reasons: readonly PreflightReason[];
    readonly seen: 'sent' | 'cached' | 'none';
    /** The entry of the preflight sent for the first URL. */
    readonly entryIndex?: number;
  };
  readonly failure?: HarCorsFailure;
  /** For a `failed` verdict: the named reason that is not CORS, and what to do. */
  readonly cause?: FailureCause;
  readonly warnings: ReadonlyArray<{ readonly id: WarningId; readonly message: string }>;
  readonly observation: HarCorsObservation;
}

/** `_cors` of a preflight entry: `forEntryIndex` is the entry of the hop it was sent for. */
export interface HarCorsPreflight {
  readonly exchangeId: string;
  readonly role: 'preflight';
  readonly forEntryIndex: number;
}

/** `_cors` of a later hop of a redirected request: `forEntryIndex` is its first hop. */
export interface HarCorsRedirect {
  readonly exchangeId: string;
  readonly role: 'redirect';
  readonly forEntryIndex: number;
  /** 1 for the first redirect target, 2 for the next… */
  readonly hop: number;
}

export type HarCorsEntry = HarCorsRequest | HarCorsPreflight | HarCorsRedirect;

export interface HarEntry {
  readonly pageref?: string;
  readonly startedDateTime: string;
  readonly time: number;
  readonly request: HarRequest;
  readonly response: HarResponse;
  readonly cache: Record<string, never>;
  readonly timings: HarTimings;
  readonly comment?: string;
  /** Chrome's resource type names, so DevTools' Import HAR shows the right type. */
  readonly _resourceType?: string;
  readonly _cors: HarCorsEntry;
}

export interface VerdictCounts {
  readonly byVerdict: Readonly<Partial<Record<VerdictStatus, number>>>;
  /** Chromium CorsError names of blocked exchanges, and the error of unexplained ones. */
  readonly byError: Readonly<Record<string, number>>;
}

export interface HarCorsLog {
  /** The inspected page (redacted like any URL), or null when not given. */
  readonly page: string | null;
  readonly generatedAt: string;
  readonly counts: VerdictCounts;
  readonly redacted: {
    readonly enabled: boolean;
    /** Lowercased names of the headers whose values were replaced. */
    readonly headers: readonly string[];
    readonly queryParameters: readonly string[];
  };
}

export interface HarPage {
  readonly startedDateTime: string;
  readonly id: string;
  readonly title: string;
  readonly pageTimings: { readonly onContentLoad: number; readonly onLoad: number };
}

export interface HarLog {
  readonly version: '1.2';
  readonly creator: { readonly name: string; readonly version: string };
  readonly browser?: { readonly name: string; readonly version: string };
  readonly pages?: readonly HarPage[];
  readonly entries: readonly HarEntry[];
  readonly _cors: HarCorsLog;
}

export interface Har {
  readonly log: HarLog;
}
