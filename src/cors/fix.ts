import { CORS_ERRORS } from './catalogue';
import type { CheckFailure } from './cors-check';
import { parseTokenList } from './headers';
import { isSafelistedMethod } from './safelist';
import type { Fix, FailureStage, HeaderLine } from './types';

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
}

/** Extends a `#token` list with what is missing, keeping what the server already lists. */
function extendList(
  existing: string | undefined,
  needed: readonly string[],
  caseSensitive: boolean,
): string {
  const parsed =
    existing === undefined ? [] : existing.split(/[\s,]+/).filter((t) => t !== '' && t !== '*');
  const valid = parseTokenList(parsed.join(',')).ok
    ? parsed
    : parsed.filter((t) => parseTokenList(t).ok);
  const out = [...valid];
  const has = (name: string) =>
    out.some((t) => (caseSensitive ? t === name : t.toLowerCase() === name.toLowerCase()));
  for (const name of needed) if (!has(name)) out.push(name);
  return out.join(', ');
}

function originHeaders(ctx: FixContext): HeaderLine[] {
  const lines: HeaderLine[] = [{ name: 'Access-Control-Allow-Origin', value: ctx.requestOrigin }];
  if (ctx.credentialsInclude)
    lines.push({ name: 'Access-Control-Allow-Credentials', value: 'true' });
  // The value depends on the request's Origin, so shared caches must key on it.
  lines.push({ name: 'Vary', value: 'Origin' });
  return lines;
}

/** Everything a passing preflight response for this request must carry. */
function fullPreflightHeaders(ctx: FixContext): HeaderLine[] {
  const lines = originHeaders(ctx).filter((l) => l.name !== 'Vary');
  if (!isSafelistedMethod(ctx.method)) {
    lines.push({
      name: 'Access-Control-Allow-Methods',
      value: extendList(ctx.allowMethods, [ctx.method], true),
    });
  }
  if (ctx.unsafeHeaderNames.length > 0) {
    lines.push({
      name: 'Access-Control-Allow-Headers',
      value: extendList(ctx.allowHeaders, ctx.unsafeHeaderNames, false),
    });
  }
  lines.push({ name: 'Vary', value: 'Origin' });
  return lines;
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

/** The fix for a failure: the exact header lines to send and the steps around them. */
export function buildFix(failure: CheckFailure, ctx: FixContext): Fix {
  const onPreflight = ctx.stage === 'preflight';
  const on = onPreflight ? 'preflight' : ctx.stage === 'redirect' ? 'redirect' : 'actual';
  switch (failure.corsError) {
    case 'MissingAllowOriginHeader':
    case 'AllowOriginMismatch':
    case 'InvalidAllowOriginValue':
    case 'MultipleAllowOriginValues':
    case 'WildcardOriginNotAllowed':
    case 'InvalidAllowCredentials':
      return {
        on,
        headers: originHeaders(ctx),
        steps: [
          ...errorPathStep(ctx, ctx.stage === 'redirect' ? 'redirect' : 'request'),
          ...originSteps(failure, ctx),
          ...nullOriginStep(ctx),
        ],
      };
    case 'PreflightMissingAllowOriginHeader':
    case 'PreflightAllowOriginMismatch':
    case 'PreflightInvalidAllowOriginValue':
    case 'PreflightMultipleAllowOriginValues':
    case 'PreflightWildcardOriginNotAllowed':
    case 'PreflightInvalidAllowCredentials':
      return {
        on: 'preflight',
        headers: fullPreflightHeaders(ctx),
        steps: [
          ...errorPathStep(ctx, 'preflight (OPTIONS)'),
          `Answer \`OPTIONS ${pathOf(ctx.url)}\` with 204 and these headers, before any authentication or routing.`,
          ...originSteps(failure, ctx),
          'The actual response needs Access-Control-Allow-Origin too.',
          ...nullOriginStep(ctx),
        ],
      };
    case 'PreflightInvalidStatus':
      return {
        on: 'preflight',
        headers: fullPreflightHeaders(ctx),
        steps: [
          `The preflight got ${ctx.httpStatus ?? 'a non-2xx status'}. Answer \`OPTIONS ${pathOf(ctx.url)}\` with 204 (or 200) before authentication, routing or method checks: browsers never send cookies or Authorization on a preflight.`,
        ],
      };
    case 'PreflightDisallowedRedirect':
      return {
        on: 'preflight',
        headers: fullPreflightHeaders(ctx),
        steps: [
          `The OPTIONS request was redirected${ctx.location ? ` to ${ctx.location}` : ''}. Browsers never follow a redirect on a preflight: have the page call the final URL directly (often an http→https or trailing-slash redirect), or answer OPTIONS at this URL without redirecting.`,
        ],
      };
    case 'InvalidAllowMethodsPreflightResponse':
      return {
        on: 'preflight',
        headers: [
          {
            name: 'Access-Control-Allow-Methods',
            value: extendList(ctx.allowMethods, [ctx.method], true),
          },
        ],
        steps: [
          'Separate method names with commas; each must be a bare token (no spaces inside, no `;`).',
        ],
      };
    case 'InvalidAllowHeadersPreflightResponse':
      return {
        on: 'preflight',
        headers: [
          {
            name: 'Access-Control-Allow-Headers',
            value: extendList(ctx.allowHeaders, ctx.unsafeHeaderNames, false),
          },
        ],
        steps: [
          'Separate header names with commas; each must be a bare token (no spaces inside, no `:`).',
        ],
      };
    case 'MethodDisallowedByPreflightResponse':
      return {
        on: 'preflight',
        headers: [
          {
            name: 'Access-Control-Allow-Methods',
            value: extendList(ctx.allowMethods, [ctx.method], true),
          },
        ],
        steps: [
          `List ${ctx.method} exactly as the page sends it: method names are compared case-sensitively.`,
          ...(ctx.credentialsInclude && (ctx.allowMethods ?? '').includes('*')
            ? [
                '`*` does not count as a wildcard for a request with credentials: list the method by name.',
              ]
            : []),
        ],
      };
    case 'HeaderDisallowedByPreflightResponse': {
      const missing = failure.offending ?? [failure.failedParameter];
      return {
        on: 'preflight',
        headers: [
          {
            name: 'Access-Control-Allow-Headers',
            value: extendList(ctx.allowHeaders, missing, false),
          },
        ],
        steps: [
          `Allow ${missing.map((m) => `\`${m}\``).join(', ')} in the preflight response (names are case-insensitive).`,
          ...(ctx.credentialsInclude && (ctx.allowHeaders ?? '').includes('*')
            ? [
                '`*` does not count as a wildcard for a request with credentials: list each header by name.',
              ]
            : []),
        ],
      };
    }
    case 'RedirectContainsCredentials':
      return {
        on: 'redirect',
        headers: [],
        steps: [
          'Remove the `user:password@` part from the Location URL; send credentials in a header instead.',
        ],
      };
    case 'DisallowedByMode':
      return {
        on: 'all',
        headers: [],
        steps: [
          "The page asked for mode 'same-origin': call a same-origin URL, or use mode 'cors' with a CORS-enabled server.",
        ],
      };
    case 'CorsDisabledScheme':
      return {
        on: 'all',
        headers: [],
        steps: ['Serve the resource over http(s); browsers do not do CORS for other schemes.'],
      };
    default:
      return { on: 'all', headers: [], steps: [] };
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
