/**
 * The fix for a failure: which responses must send which lines (fix-plan.ts works them
 * out along the chain) and the steps around them in plain words, including whatever is
 * not a header (a redirect to drop, a status to change, a mode the page must not use).
 */
import { CORS_ERRORS } from './catalogue';
import type { CheckFailure } from './cors-check';
import type { CallFix, Fix, FailureStage, ResponseFix } from './types';

export interface FixContext {
  readonly stage: FailureStage;
  readonly requestOrigin: string;
  readonly method: string;
  readonly unsafeHeaderNames: readonly string[];
  readonly credentialsInclude: boolean;
  readonly httpStatus: number | null;
  readonly url: string;
  /** The Access-Control-Allow-Methods/-Headers the preflight response had, to extend rather than replace. */
  readonly allowMethods?: string | undefined;
  readonly allowHeaders?: string | undefined;
  /** For redirect problems: where the redirect pointed. */
  readonly location?: string | undefined;
  /** The responses to change (fix-plan.ts); null when no response header can fix it. */
  readonly responses: readonly ResponseFix[] | null;
}

function errorPathStep(ctx: FixContext, what: string): string[] {
  if (ctx.httpStatus === null || ctx.httpStatus < 400) return [];
  return [
    `The server answered ${ctx.httpStatus} to the ${what}. Fix the ${ctx.httpStatus} first, then make error responses carry the CORS headers too (they are often added by middleware that error paths skip; in nginx, use \`add_header … always\`).`,
  ];
}

const nullOriginStep = (ctx: FixContext): string[] =>
  ctx.requestOrigin === 'null'
    ? [
        'The request origin is `null` (a sandboxed frame, a file: page or a redirect across origins). Allowing `null` lets any sandboxed document in: prefer requesting the final URL directly from the page.',
      ]
    : [];

/** The fix for a failure: every response to change, and the steps around them. */
export function buildFix(failure: CheckFailure, ctx: FixContext): Fix {
  const responses = ctx.responses ?? [];
  const call = CALL_FIXES[failure.corsError];
  return {
    byHeaders: ctx.responses !== null && responses.length > 0,
    responses,
    steps: [...stepsFor(failure, ctx), ...laterResponseSteps(ctx), ...cachedRedirectSteps(ctx)],
    ...(call ? { call } : {}),
  };
}

/**
 * Failures the page's own call causes, and the fetch() options that make the browser send
 * it (the server must then allow it as any CORS request).
 */
const CALL_FIXES: Partial<Record<CheckFailure['corsError'], CallFix>> = {
  DisallowedByMode: { mode: 'cors' },
  NoCorsRedirectModeNotFollow: { redirect: 'follow' },
};

/** What the steps say about the responses after the failing one, which the browser never got to. */
function laterResponseSteps(ctx: FixContext): string[] {
  const unseen = (ctx.responses ?? []).filter((r) => !r.seen);
  if (unseen.length === 0) return [];
  const which = unseen.map((r) => RESPONSE_NAME[r.stage]).join(', ');
  return [
    `The browser stopped at the first failing response and never reached ${which}: the fix says what ${unseen.length > 1 ? 'each' : 'it'} must carry too.`,
  ];
}

/**
 * Browsers keep a 301 or 308 in their HTTP cache with no expiry of their own (heuristic
 * freshness): after the server is fixed, a browser that saw the old redirect replays it from
 * its cache and the request goes on failing. Measured in Chromium 156 (the fixes-proven e2e).
 */
function cachedRedirectSteps(ctx: FixContext): string[] {
  const permanent = (ctx.responses ?? []).some(
    (r) => r.stage === 'redirect' && (r.status === 301 || r.status === 308),
  );
  if (!permanent) return [];
  return [
    'A 301 or 308 redirect is cached by the browser: once the server is fixed, check with the cache disabled (DevTools → Network → Disable cache), or browsers that saw the old redirect go on failing until it expires. Send `Cache-Control: no-store` on redirects you may still change.',
  ];
}

const RESPONSE_NAME: Readonly<Record<FailureStage, string>> = {
  preflight: 'the preflight (OPTIONS) response',
  redirect: 'the redirect response',
  actual: 'the actual response',
};

function stepsFor(failure: CheckFailure, ctx: FixContext): string[] {
  switch (failure.corsError) {
    case 'MissingAllowOriginHeader':
    case 'AllowOriginMismatch':
    case 'InvalidAllowOriginValue':
    case 'MultipleAllowOriginValues':
    case 'WildcardOriginNotAllowed':
    case 'InvalidAllowCredentials':
      return [
        ...errorPathStep(ctx, ctx.stage === 'redirect' ? 'redirect' : 'request'),
        ...originSteps(failure, ctx),
        ...nullOriginStep(ctx),
      ];
    case 'PreflightMissingAllowOriginHeader':
    case 'PreflightAllowOriginMismatch':
    case 'PreflightInvalidAllowOriginValue':
    case 'PreflightMultipleAllowOriginValues':
    case 'PreflightWildcardOriginNotAllowed':
    case 'PreflightInvalidAllowCredentials':
      return [
        ...errorPathStep(ctx, 'preflight (OPTIONS)'),
        `Answer \`OPTIONS ${pathOf(ctx.url)}\` with 204 and these headers, before any authentication or routing.`,
        ...originSteps(failure, ctx),
        ...nullOriginStep(ctx),
      ];
    case 'PreflightInvalidStatus':
      return [
        `The preflight got ${ctx.httpStatus ?? 'a non-2xx status'}. Answer \`OPTIONS ${pathOf(ctx.url)}\` with 204 (or 200) before authentication, routing or method checks: browsers never send cookies or Authorization on a preflight.`,
      ];
    case 'PreflightDisallowedRedirect':
      return [
        `The OPTIONS request was redirected${ctx.location ? ` to ${ctx.location}` : ''}. Browsers never follow a redirect on a preflight: have the page call the final URL directly (often an http→https or trailing-slash redirect), or answer OPTIONS at this URL with 204 instead of redirecting.`,
      ];
    case 'InvalidAllowMethodsPreflightResponse':
      return [
        'Separate method names with commas; each must be a bare token (no spaces inside, no `;`).',
      ];
    case 'InvalidAllowHeadersPreflightResponse':
      return [
        'Separate header names with commas; each must be a bare token (no spaces inside, no `:`).',
      ];
    case 'MethodDisallowedByPreflightResponse':
      return [
        `List ${ctx.method} exactly as the page sends it: method names are compared case-sensitively.`,
        ...(ctx.credentialsInclude && (ctx.allowMethods ?? '').includes('*')
          ? [
              '`*` does not count as a wildcard for a request with credentials: list the method by name.',
            ]
          : []),
      ];
    case 'HeaderDisallowedByPreflightResponse': {
      const missing = failure.offending ?? [failure.failedParameter];
      return [
        `Allow ${missing.map((m) => `\`${m}\``).join(', ')} in the preflight response (names are case-insensitive).`,
        ...(ctx.credentialsInclude && (ctx.allowHeaders ?? '').includes('*')
          ? [
              '`*` does not count as a wildcard for a request with credentials: list each header by name.',
            ]
          : []),
      ];
    }
    case 'RedirectContainsCredentials':
      return [
        'Remove the `user:password@` part from the Location URL; send credentials in a header instead.',
      ];
    case 'DisallowedByMode':
      return [
        "The page asked for mode 'same-origin': call a same-origin URL, or use mode 'cors' with a CORS-enabled server.",
      ];
    case 'CorsDisabledScheme':
      return ['Serve the resource over http(s); browsers do not do CORS for other schemes.'];
    case 'NoCorsRedirectModeNotFollow':
      return [
        "No server header fixes this: the page's call is refused before it is sent.",
        "Drop `redirect: 'manual'` / `'error'` from the no-cors call (it must follow redirects), or call with mode 'cors' and a server that allows it.",
      ];
    case 'LocalNetworkAccessPermissionDenied':
      return [
        'No CORS header fixes this: Chromium asks the user before a page reaches a local or loopback address, and the permission was denied (or, headless, never asked).',
        'Allow the site to access devices on the local network (the prompt, or the site settings beside the address bar), then reload.',
        'In an iframe, the embedding page must delegate the permission: `<iframe allow="local-network-access">` (and the `local-network-access` permission policy).',
        'Or serve the API from a public address, or call it from a page in the same address space.',
      ];
    case 'InsecureLocalNetwork':
      return [
        'No CORS header fixes this: a page that is not a secure context may not reach a more private address space at all, and Chromium does not even ask.',
        'Serve the page over https (or from localhost while developing), then grant the local-network permission when asked.',
      ];
    case 'InvalidLocalNetworkAccess':
      return [
        "No CORS header fixes this: the page passed fetch() a `targetAddressSpace` that the server's address does not have.",
        "Pass the server's real address space (`loopback` for 127.0.0.1 and localhost, `local` for a private network address), or drop the option.",
      ];
    default:
      return [];
  }
}

/** Each error's name without a leading `Preflight`: the origin steps are the same for both. */
const ORIGIN_STEP_KEY = new Map<string, string>(
  Object.keys(CORS_ERRORS).map((name) => [name, name.replace(/^Preflight/, '')]),
);

function originSteps(failure: CheckFailure, ctx: FixContext): string[] {
  switch (ORIGIN_STEP_KEY.get(failure.corsError)) {
    case 'MultipleAllowOriginValues':
      return [
        'Send exactly one Access-Control-Allow-Origin. Two values usually mean two layers both add it (a proxy and the app): remove one.',
      ];
    case 'InvalidAllowOriginValue':
      return [
        'The value must be a full origin: scheme, host and port, with no path or trailing slash.',
      ];
    case 'AllowOriginMismatch':
      return [
        `The value must equal the page's origin byte for byte (\`${ctx.requestOrigin}\`): no trailing slash, same scheme and port.`,
      ];
    case 'WildcardOriginNotAllowed':
      return [
        'With credentials (cookies, HTTP auth) the wildcard `*` is refused: echo the allowed origin and send Access-Control-Allow-Credentials: true. Or stop sending credentials from the page.',
      ];
    case 'InvalidAllowCredentials':
      return [
        'Access-Control-Allow-Credentials must be exactly `true` (lower case) for a request with credentials.',
      ];
    default:
      return [];
  }
}

function pathOf(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i.exec(url);
  const path = match?.[1] ?? '';
  return path === '' ? '/' : path;
}
