// The page probe: runs in the page's own world (manifest `world: 'MAIN'`, document_start,
// every frame) and reports each fetch and XMLHttpRequest call as the page made it: what
// webRequest cannot see (mode, credentials, redirect mode, targetAddressSpace, the TypeError
// of a call that never reached the network, the response headers the page read and got
// null for). The `.iife.ts` name makes crxjs build it as one classic script with nothing
// imported at run time: its usual loader needs chrome.runtime.getURL and a dynamic import,
// which the MAIN world lacks, and an async load would let the page's scripts run first.
//
// It must change nothing the page can observe: the wrappers are Proxies of the originals
// (same name, length, prototype, `toString()` stays native-looking), every bookkeeping step
// is in try/catch, and results and errors are passed through as the same objects.
/* eslint-disable @typescript-eslint/unbound-method -- the originals are taken off their
   prototypes on purpose, before the page can replace them, and always called with apply. */
import type { PageCallReport, PageCallOutcome, CallSite } from '../protocol/page-report';
import { PROBE_EVENT, PROBE_HELLO_EVENT } from './channel';

/** A report being filled in: the same fields, with arrays the probe appends to. */
type Call = { -readonly [K in keyof PageCallReport]: PageCallReport[K] } & {
  headers: Array<[string, string]>;
  nullReadHeaders: string[];
};

(() => {
  // Everything the probe uses, taken now: a page that later replaces them cannot break the
  // probe or see its calls.
  const doc = document;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const addListener = EventTarget.prototype.addEventListener;
  const CustomEventCtor = CustomEvent;
  const stringify = JSON.stringify;
  const ErrorCtor = Error;
  const now = Date.now;
  const apply = Reflect.apply;
  const URLCtor = URL;
  const RequestCtor = Request;
  const HeadersCtor = Headers;
  const headersGet = Headers.prototype.get;
  const nonce = Math.random().toString(36).slice(2, 10);

  // One probe per document (see PROBE_HELLO_EVENT).
  const hello = new CustomEventCtor(PROBE_HELLO_EVENT, { cancelable: true });
  apply(dispatch, doc, [hello]);
  if (hello.defaultPrevented) return;
  apply(addListener, doc, [
    PROBE_HELLO_EVENT,
    (event: Event) => {
      event.preventDefault();
    },
  ]);
  const NORMALIZED = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
  let counter = 0;

  // The probe's own script URL, to skip its frames in call-site stacks.
  let ownUrl = '';
  const FRAME = /([^\s(@]+):(\d+):(\d+)\)?\s*$/;
  try {
    const first = (new ErrorCtor().stack ?? '').split('\n').find((line) => FRAME.test(line));
    ownUrl = first ? (FRAME.exec(first)?.[1] ?? '') : '';
  } catch {
    // No call sites then.
  }

  function callSite(): CallSite | undefined {
    const stack = new ErrorCtor().stack ?? '';
    for (const line of stack.split('\n')) {
      const match = FRAME.exec(line);
      if (!match || match[1] === ownUrl) continue;
      return { url: match[1] ?? '', line: Number(match[2]), column: Number(match[3]) };
    }
    return undefined;
  }

  function report(call: Call): void {
    try {
      apply(dispatch, doc, [new CustomEventCtor(PROBE_EVENT, { detail: stringify(call) })]);
    } catch {
      // Never let the probe's bookkeeping reach the page.
    }
  }

  /** Fetch and XHR upper-case these six methods, whatever their case; others go as written. */
  function normalizeMethod(raw: string): string {
    const upper = raw.toUpperCase();
    return NORMALIZED.includes(upper) ? upper : raw;
  }

  /** As webRequest reports URLs: absolute, without the fragment. */
  function absolute(raw: unknown): string {
    const parsed = new URLCtor(String(raw), doc.baseURI);
    parsed.hash = '';
    return parsed.href;
  }

  // ---- Content-Security-Policy ----
  // A call CSP blocks never reaches the network: the page sees only a TypeError, and the
  // `securitypolicyviolation` event (fired on its own, before or after the rejection) says
  // which directive. Either side that comes second joins the two, by URL.
  interface Violation {
    readonly url: string;
    readonly directive: string;
    readonly policy: string;
    readonly document: string;
    readonly at: number;
  }
  const violations: Violation[] = [];
  const failedCalls: Call[] = [];
  const sameResource = (call: Call, blocked: string) =>
    blocked !== '' && (call.url === blocked || call.url.startsWith(blocked));
  const joinViolation = (call: Call, violation: Violation) => {
    call.csp = {
      directive: violation.directive,
      policy: violation.policy.slice(0, 1024),
      document: violation.document,
    };
  };
  try {
    apply(addListener, doc, [
      'securitypolicyviolation',
      (event: SecurityPolicyViolationEvent) => {
        try {
          if (event.disposition !== 'enforce') return;
          const violation: Violation = {
            url: event.blockedURI,
            directive: event.effectiveDirective,
            policy: event.originalPolicy,
            // The document whose response carried the policy: where the fix goes.
            document: absolute(event.documentURI),
            at: now(),
          };
          const call = failedCalls.find((c) => !c.csp && sameResource(c, violation.url));
          if (call) {
            joinViolation(call, violation);
            report(call);
            return;
          }
          violations.push(violation);
          if (violations.length > 32) violations.shift();
        } catch {
          // Bookkeeping only.
        }
      },
      true,
    ]);
  } catch {
    // No CSP names then.
  }

  function noteFailure(call: Call): void {
    const at = now();
    const index = violations.findIndex((v) => at - v.at < 5000 && sameResource(call, v.url));
    const violation = index >= 0 ? violations[index] : undefined;
    if (violation) {
      violations.splice(index, 1);
      joinViolation(call, violation);
      return;
    }
    failedCalls.push(call);
    if (failedCalls.length > 32) failedCalls.shift();
  }

  function newCall(api: 'fetch' | 'xhr', url: string, method: string): Call {
    counter += 1;
    const call: Call = {
      callId: `${nonce}:${counter}`,
      api,
      origin: self.origin,
      url,
      method,
      mode: 'cors',
      credentials: 'same-origin',
      redirect: 'follow',
      headers: [],
      outcome: { kind: 'pending' },
      nullReadHeaders: [],
      startedAt: now(),
    };
    const site = callSite();
    if (site) call.callSite = site;
    return call;
  }

  function settle(call: Call, outcome: PageCallOutcome): void {
    call.outcome = outcome;
    if (outcome.kind === 'error') noteFailure(call);
    report(call);
  }

  function errorOutcome(error: unknown): PageCallOutcome {
    if (error instanceof ErrorCtor) {
      return { kind: 'error', name: error.name, message: error.message };
    }
    return { kind: 'error', name: 'unknown', message: String(error) };
  }

  function noteNullRead(call: Call, name: unknown): void {
    const lower = typeof name === 'string' ? name.toLowerCase() : String(name).toLowerCase();
    if (call.nullReadHeaders.includes(lower) || call.nullReadHeaders.length >= 64) return;
    call.nullReadHeaders.push(lower);
    report(call);
  }

  /**
   * A header getter (`Headers.get`, `getResponseHeader`) that notes each name the page read
   * and got null for, on the call its object belongs to.
   */
  function readsOfNull<T extends object, F extends (this: T, name: string) => string | null>(
    getter: F,
    callOf: WeakMap<T, Call>,
  ): F {
    return new Proxy(getter, {
      apply(target, thisArg: T, args: unknown[]) {
        const value = apply(target, thisArg, args) as string | null;
        if (value === null) {
          try {
            const call = callOf.get(thisArg);
            if (call) noteNullRead(call, args[0]);
          } catch {
            // Bookkeeping only.
          }
        }
        return value;
      },
    });
  }

  // ---- fetch ----
  const responseHeaders = new WeakMap<Headers, Call>();

  const SPACES = ['public', 'private', 'local', 'loopback', 'unknown'] as const;

  function fetchCall(args: unknown[]): Call {
    // Read the arguments the way fetch does, without building a Request from them: a Request
    // made from a Request with a body would take that body, and the page's fetch would fail.
    // (A page whose init has getters sees them read twice.)
    const input = args[0];
    const init = (args[1] ?? {}) as Partial<
      Record<keyof RequestInit | 'targetAddressSpace', unknown>
    >;
    const base = input instanceof RequestCtor ? input : undefined;
    const url = absolute(base ? base.url : input);
    const rawMethod = typeof init.method === 'string' ? init.method : (base?.method ?? 'GET');
    const call = newCall('fetch', url, normalizeMethod(rawMethod));
    call.mode = (init.mode ?? base?.mode ?? 'cors') as Call['mode'];
    call.credentials = (init.credentials ??
      base?.credentials ??
      'same-origin') as Call['credentials'];
    call.redirect = (init.redirect ?? base?.redirect ?? 'follow') as Call['redirect'];
    const space = init.targetAddressSpace;
    const known = SPACES.find((item) => item === space);
    if (known) call.targetAddressSpace = known;
    const headers =
      init.headers === undefined ? base?.headers : new HeadersCtor(init.headers as HeadersInit);
    headers?.forEach((value, name) => {
      if (call.headers.length < 64) call.headers.push([name, value]);
    });
    return call;
  }

  const fetchProxy = new Proxy(fetch, {
    apply(target, thisArg, args: unknown[]) {
      let call: Call | undefined;
      try {
        call = fetchCall(args);
        report(call);
      } catch {
        // Arguments fetch itself will reject (a bad URL, a forbidden mode): it says so below.
        call = undefined;
      }
      const result = apply(target, thisArg, args) as Promise<Response>;
      // The probe could not read the arguments (a URL that does not parse): fetch rejects
      // them itself, and nothing reached the network to explain.
      if (!call) return result;
      const observed = call;
      // The page gets a promise of the same Response or the same error object, one
      // microtask later than without the probe. Observing the original promise and handing
      // it back instead would mark a rejection the page leaves unhandled as handled, and the
      // page's `unhandledrejection` listeners would never hear of it.
      return result.then(
        (response) => {
          try {
            responseHeaders.set(response.headers, observed);
            settle(observed, { kind: 'response', type: response.type, status: response.status });
          } catch {
            // Bookkeeping only.
          }
          return response;
        },
        (error: unknown) => {
          try {
            settle(observed, errorOutcome(error));
          } catch {
            // Bookkeeping only.
          }
          throw error;
        },
      );
    },
  });
  window.fetch = fetchProxy;

  Headers.prototype.get = readsOfNull(headersGet, responseHeaders);

  // ---- XMLHttpRequest ----
  const xhrProto = XMLHttpRequest.prototype;
  const xhrCalls = new WeakMap<XMLHttpRequest, Call>();
  const origOpen = xhrProto.open;
  const origSetHeader = xhrProto.setRequestHeader;
  const origSend = xhrProto.send;
  const origGetHeader = xhrProto.getResponseHeader;

  xhrProto.open = new Proxy(origOpen, {
    apply(target, thisArg: XMLHttpRequest, args: unknown[]) {
      const result = apply(target, thisArg, args) as undefined;
      // After the real open: it threw for a bad method or URL, and nothing is recorded.
      try {
        xhrCalls.set(thisArg, newCall('xhr', absolute(args[1]), normalizeMethod(String(args[0]))));
      } catch {
        // Bookkeeping only.
      }
      return result;
    },
  });

  xhrProto.setRequestHeader = new Proxy(origSetHeader, {
    apply(target, thisArg: XMLHttpRequest, args: unknown[]) {
      const result = apply(target, thisArg, args) as undefined;
      try {
        const call = xhrCalls.get(thisArg);
        if (call && call.headers.length < 64) call.headers.push([String(args[0]), String(args[1])]);
      } catch {
        // Bookkeeping only.
      }
      return result;
    },
  });

  xhrProto.send = new Proxy(origSend, {
    apply(target, thisArg: XMLHttpRequest, args: unknown[]) {
      let call: Call | undefined;
      try {
        call = xhrCalls.get(thisArg);
        if (call) {
          call.startedAt = now();
          call.credentials = thisArg.withCredentials ? 'include' : 'same-origin';
          const site = callSite();
          if (site) call.callSite = site;
          const observed = call;
          let failed = '';
          for (const type of ['error', 'abort', 'timeout']) {
            apply(addListener, thisArg, [
              type,
              () => {
                failed = type;
              },
            ]);
          }
          apply(addListener, thisArg, [
            'loadend',
            () => {
              try {
                settle(
                  observed,
                  failed
                    ? { kind: 'error', name: failed, message: `XMLHttpRequest ${failed}` }
                    : { kind: 'response', type: 'basic', status: thisArg.status },
                );
              } catch {
                // Bookkeeping only.
              }
            },
          ]);
        }
      } catch {
        call = undefined;
      }
      const result = apply(target, thisArg, args) as undefined;
      if (call) report(call);
      return result;
    },
  });

  xhrProto.getResponseHeader = readsOfNull(origGetHeader, xhrCalls);
})();
