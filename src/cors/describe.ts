import { CORS_ERRORS, FIREFOX_REASON_TEXT, FIREFOX_REASONS_WITH_STATUS } from './catalogue';
import type { CheckFailure } from './cors-check';
import { targetSpace } from './local-network';
import { encodeHint } from './headers';
import { buildFix, type FixContext } from './fix';
import type { CorsFailure, FirefoxReason } from './types';

export interface DescribeContext extends FixContext {
  /** The URL the request started at, for "(redirected from …)". */
  readonly firstUrl: string;
  /** What Chromium calls the initiator in its console line: `fetch`, `XMLHttpRequest`, `font`… */
  readonly initiatorKind: string;
}

/** Each error's name with `Preflight` dropped where the summary reads the same as without it. */
const SUMMARY_KEY = new Map<string, string>(
  Object.keys(CORS_ERRORS).map((name) => [
    name,
    name.replace(/^Preflight(?=(Wildcard|Missing|Multiple|InvalidAllow|AllowOrigin))/, ''),
  ]),
);

/** Errors whose XMLHttpRequest console line adds the withCredentials hint. */
const XHR_CREDENTIALS_HINT = new Set(
  Object.keys(CORS_ERRORS).filter((name) => /Wildcard|AllowCredentials/.test(name)),
);

function quoteOrNone(value: string | null): string {
  return value === null ? 'missing' : value === '' ? 'empty' : `\`${value}\``;
}

/** One plain sentence for the failure. */
export function summarize(failure: CheckFailure, ctx: DescribeContext): string {
  const where =
    ctx.stage === 'preflight'
      ? 'The preflight (OPTIONS) response'
      : ctx.stage === 'redirect'
        ? 'The redirect response'
        : 'The response';
  const status = ctx.httpStatus;
  switch (SUMMARY_KEY.get(failure.corsError)) {
    case 'MissingAllowOriginHeader':
      if (status !== null && status >= 400) {
        return ctx.stage === 'preflight'
          ? `The preflight (OPTIONS) request got ${status} without an Access-Control-Allow-Origin header`
          : `The server answered ${status} without an Access-Control-Allow-Origin header`;
      }
      return `${where} has no Access-Control-Allow-Origin header`;
    case 'WildcardOriginNotAllowed':
      return `${where} allows any origin (\`*\`), which browsers refuse for a request with credentials`;
    case 'MultipleAllowOriginValues':
      return `${where} has several Access-Control-Allow-Origin values (\`${failure.actual ?? ''}\`); only one origin is allowed`;
    case 'InvalidAllowOriginValue':
      return `${where} has Access-Control-Allow-Origin ${quoteOrNone(failure.actual)}, which is not an origin`;
    case 'AllowOriginMismatch':
      return `${where} allows the origin \`${failure.actual ?? ''}\`, but the request came from \`${failure.expected}\``;
    case 'InvalidAllowCredentials': {
      const response = `${where.charAt(0).toLowerCase()}${where.slice(1)}`;
      return failure.actual === null
        ? `The request carries credentials, but ${response} lacks \`Access-Control-Allow-Credentials: true\``
        : `The request carries credentials, but ${response} has Access-Control-Allow-Credentials ${quoteOrNone(failure.actual)} instead of \`true\``;
    }
    case 'PreflightInvalidStatus':
      return `The preflight (OPTIONS) request got status ${status ?? '?'}, not a 2xx`;
    case 'PreflightDisallowedRedirect':
      return `The preflight (OPTIONS) request was redirected${ctx.location ? ` to ${ctx.location}` : ''}; preflights may not be redirected`;
    case 'InvalidAllowMethodsPreflightResponse':
      return `The preflight response's Access-Control-Allow-Methods ${quoteOrNone(failure.actual)} cannot be parsed`;
    case 'InvalidAllowHeadersPreflightResponse':
      return `The preflight response's Access-Control-Allow-Headers ${quoteOrNone(failure.actual)} cannot be parsed`;
    case 'MethodDisallowedByPreflightResponse':
      return `The preflight response does not allow the method \`${failure.failedParameter}\``;
    case 'HeaderDisallowedByPreflightResponse': {
      const others = (failure.offending ?? []).filter((n) => n !== failure.failedParameter);
      return `The preflight response does not allow the request header \`${failure.failedParameter}\`${others.length ? ` (nor ${others.map((o) => `\`${o}\``).join(', ')})` : ''}`;
    }
    case 'RedirectContainsCredentials':
      return `The redirect points to a URL with a username and password${ctx.location ? ` (${ctx.location})` : ''}, which a cross-origin request may not follow`;
    case 'DisallowedByMode':
      return "The request was made with mode 'same-origin' but went to another origin";
    case 'CorsDisabledScheme':
      return `Cross-origin requests work only for http and https URLs, not ${failure.actual}:`;
    case 'NoCorsRedirectModeNotFollow':
      return `The request was made with mode 'no-cors' and redirect '${failure.actual}'; a no-cors request must follow redirects`;
    case 'LocalNetworkAccessPermissionDenied':
      return `The page may not reach the ${targetSpace(ctx.url)} address space: the local-network permission was denied`;
    case 'InsecureLocalNetwork':
      return `A page that is not a secure context may not reach the ${targetSpace(ctx.url)} address space`;
    case 'InvalidLocalNetworkAccess':
      return `The page declared \`targetAddressSpace: '${failure.expected}'\`, but the server's address is not in that space`;
    default:
      return 'The browser blocked the request';
  }
}

function consoleMessage(failure: CheckFailure, ctx: DescribeContext): string {
  const entry = CORS_ERRORS[failure.corsError];
  const redirected = ctx.firstUrl !== ctx.url ? `(redirected from '${ctx.firstUrl}') ` : '';
  // Local Network Access messages name the address space, which the error's parameter does not.
  const hint =
    failure.corsError === 'LocalNetworkAccessPermissionDenied' ||
    failure.corsError === 'InsecureLocalNetwork'
      ? targetSpace(ctx.url)
      : failure.failedParameter;
  const text = entry.chromiumText.replace('{hint}', encodeHint(hint));
  const suffix =
    entry.fetchSuffix && ctx.initiatorKind === 'fetch'
      ? ' Have the server send the header with a valid value.'
      : '';
  const xhrHint =
    ctx.initiatorKind === 'XMLHttpRequest' && XHR_CREDENTIALS_HINT.has(failure.corsError)
      ? ' The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.'
      : '';
  const prefix = entry.preflightPrefix
    ? "Response to preflight request doesn't pass access control check: "
    : '';
  return `Access to ${ctx.initiatorKind} at '${ctx.url}' ${redirected}from origin '${ctx.requestOrigin}' has been blocked by CORS policy: ${prefix}${text}${suffix}${xhrHint}`;
}

/** Firefox names a single `a, b` line a mismatch and only two separate lines "multiple". */
function firefoxReasonFor(failure: CheckFailure): FirefoxReason | null {
  const reason = CORS_ERRORS[failure.corsError].firefox;
  if (reason === 'CORSMultipleAllowOriginNotAllowed' && (failure.acaoLines ?? 0) < 2) {
    return 'CORSAllowOriginNotMatchingOrigin';
  }
  return reason;
}

function firefoxMessage(
  reason: FirefoxReason | null,
  failure: CheckFailure,
  ctx: DescribeContext,
): string | null {
  if (reason === null) return null;
  const template = FIREFOX_REASON_TEXT[reason];
  // Only the reasons about a list name a bad token: the search is left out for the others.
  const text = template
    .replace('{acao}', failure.actual ?? '')
    .replace('{header}', failure.failedParameter)
    .replace('{token}', template.includes('{token}') ? badToken(failure.actual) : '');
  const status =
    FIREFOX_REASONS_WITH_STATUS.has(reason) && ctx.httpStatus !== null
      ? ` Status code: ${ctx.httpStatus}.`
      : '';
  return `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${ctx.url}. (Reason: ${text}).${status}`;
}

function badToken(list: string | null): string {
  if (list === null) return '';
  const bad = list
    .split(',')
    .map((t) => t.trim())
    .find((t) => t !== '' && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(t));
  return bad ?? '';
}

export function describeFailure(failure: CheckFailure, ctx: DescribeContext): CorsFailure {
  const firefoxReason = firefoxReasonFor(failure);
  const summary = summarize(failure, ctx);
  const chromiumLine = consoleMessage(failure, ctx);
  const firefoxLine = firefoxMessage(firefoxReason, failure, ctx);
  const fix = buildFix(failure, ctx);
  const { corsError, failedParameter, header, expected, actual, offending } = failure;
  const { stage, url, httpStatus } = ctx;
  return {
    corsError,
    failedParameter,
    firefoxReason,
    stage,
    header,
    expected,
    actual,
    url,
    httpStatus,
    ...(offending ? { offending } : {}),
    summary,
    consoleMessage: chromiumLine,
    firefoxMessage: firefoxLine,
    fix,
  };
}
