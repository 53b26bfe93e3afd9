/**
 * Which names announce a secret: of a header, a query or path parameter. Names are split
 * into words (`X-Auth-Token`, `accessToken`, `ASP.NET_SessionId`), so `author` or
 * `keyword` stay readable while `api_key` and `jsessionid` do not.
 */

/** Headers whose whole purpose is to carry credentials; their values have their own shapes. */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'cookie',
  'set-cookie',
  'authorization',
  'proxy-authorization',
]);

/** Any of these words in a name marks its value secret. */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'apikey',
  'assertion',
  'auth',
  'authorization',
  'bearer',
  'cookie',
  'credential',
  'credentials',
  'csrf',
  'jwt',
  'key',
  'otp',
  'passphrase',
  'passwd',
  'password',
  'pwd',
  'secret',
  'session',
  'sessionid',
  'sig',
  'signature',
  'ticket',
  'token',
  'verifier',
  'xsrf',
]);

/** Names that are a secret only when they stand alone: `code` (OAuth), not `country_code`. */
const SECRET_NAMES: ReadonlySet<string> = new Set(['code', 'pass', 'pin', 'sid']);

/** Run together (`accesstoken`, `phpsessid`, `clientsecret`), these still give the name away. */
const SECRET_FRAGMENTS = ['token', 'secret', 'passw', 'sessid', 'sessionid', 'apikey', 'signature'];

/**
 * Headers the engine judges or that are plain metadata. Their names can hold a secret word
 * (`Access-Control-Allow-Credentials`, `Sec-WebSocket-Key`) but their values are the
 * evidence of a CORS report, never a credential.
 */
function isProtocolHeader(lower: string): boolean {
  return (
    lower.startsWith('access-control-') ||
    lower.startsWith('sec-') ||
    lower === 'origin' ||
    lower === 'vary' ||
    lower === 'www-authenticate' ||
    lower === 'proxy-authenticate'
  );
}

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** Whether a parameter (query, fragment or path) of this name carries a secret. */
export function isSecretName(name: string): boolean {
  const parts = words(name);
  if (parts.some((word) => SECRET_WORDS.has(word))) return true;
  const joined = parts.join('');
  if (SECRET_NAMES.has(joined)) return true;
  return SECRET_FRAGMENTS.some((fragment) => joined.includes(fragment));
}

/** Whether a header of this name carries a secret in its whole value. */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  if (CREDENTIAL_HEADERS.has(lower)) return true;
  return !isProtocolHeader(lower) && isSecretName(lower);
}

/** Headers whose values are standard syntax: a long run in them is data, never a token. */
export function isStandardHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return isProtocolHeader(lower) || STANDARD_HEADERS.has(lower);
}

const STANDARD_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'accept-ranges',
  'age',
  'allow',
  'alt-svc',
  'cache-control',
  'connection',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-length',
  'content-range',
  'content-security-policy',
  'content-security-policy-report-only',
  'content-type',
  'cross-origin-embedder-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'date',
  'digest',
  'etag',
  'expires',
  'host',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'last-modified',
  'permissions-policy',
  'pragma',
  'priority',
  'range',
  'referrer-policy',
  'server',
  'server-timing',
  'strict-transport-security',
  'timing-allow-origin',
  'traceparent',
  'tracestate',
  'transfer-encoding',
  'user-agent',
  'x-content-type-options',
  'x-frame-options',
]);
