/**
 * Redaction of secrets in what the report exports (curl commands, later the HAR file):
 * the value goes, its presence and length stay visible, since "a cookie was sent" and
 * "the token was empty" are often the clue.
 */

/** Length in characters as a reader counts them (code points, not UTF-16 units). */
function charCount(value: string): number {
  let count = 0;
  for (const _char of value) count++;
  return count;
}

/** Header marker: readable, and safe inside a single-quoted shell word. */
export function redactionMarker(value: string): string {
  return `<redacted:${charCount(value)} chars>`;
}

/**
 * URL marker: only characters that need no escaping in a query string, and none that curl
 * reads as URL globbing (`[]{}`), so a redacted command still runs.
 */
export function urlRedactionMarker(value: string): string {
  return `REDACTED-${charCount(value)}-CHARS`;
}

/** Headers whose whole purpose is to carry credentials. */
const CREDENTIAL_HEADERS = new Set([
  'cookie',
  'set-cookie',
  'authorization',
  'proxy-authorization',
]);

/** Names that usually hold a secret, in a query parameter or a custom header (x-api-key). */
const SECRET_NAME = /token|key|secret|password|auth|session|sig/i;

/** Standard headers the pattern above catches but whose values are public challenges. */
const PUBLIC_HEADERS = new Set(['www-authenticate', 'proxy-authenticate']);

/** A JSON Web Token: base64url header (always starting `{"` → `eyJ`), payload, signature. */
const JWT = /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/;

export function looksLikeJwt(value: string): boolean {
  return JWT.test(value.trim());
}

export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  if (CREDENTIAL_HEADERS.has(lower)) return true;
  return !PUBLIC_HEADERS.has(lower) && SECRET_NAME.test(lower);
}

/** `a=1; b=2` → `a=<redacted:1 chars>; b=<redacted:1 chars>`: which cookies were sent stays visible. */
function redactCookiePairs(value: string): string {
  return value
    .split(';')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      return `${pair.slice(0, eq + 1)}${redactionMarker(pair.slice(eq + 1))}`;
    })
    .join(';');
}

/** `sid=abc; Path=/; SameSite=None; Secure`: only the value goes, the attributes matter to CORS. */
function redactSetCookie(value: string): string {
  const semicolon = value.indexOf(';');
  const pair = semicolon < 0 ? value : value.slice(0, semicolon);
  const rest = semicolon < 0 ? '' : value.slice(semicolon);
  return redactCookiePairs(pair) + rest;
}

/** `Bearer abc…` → `Bearer <redacted:…>`: the scheme tells Basic from Bearer. */
function redactCredentials(value: string): string {
  const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)( +)(\S.*)$/s.exec(value);
  if (!match) return redactionMarker(value);
  const [, scheme = '', space = '', secret = ''] = match;
  return `${scheme}${space}${redactionMarker(secret)}`;
}

/** The value to export for a header, with secrets replaced by a marker. */
export function redactHeaderValue(name: string, value: string): string {
  if (value === '') return value;
  switch (name.toLowerCase()) {
    case 'cookie':
      return redactCookiePairs(value);
    case 'set-cookie':
      return redactSetCookie(value);
    case 'authorization':
    case 'proxy-authorization':
      return redactCredentials(value);
  }
  if (isSecretHeader(name)) return redactionMarker(value);
  // A token in a header with an innocent name still is a token.
  if (looksLikeJwt(value)) return redactionMarker(value);
  if (/^bearer +\S/i.test(value)) return redactCredentials(value);
  return value;
}

function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
}

/** Redacts `name=value` pairs of a query string or fragment, leaving everything else byte for byte. */
function redactParams(params: string): string {
  return params
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      const value = decodeComponent(part.slice(eq + 1));
      if (value === '') return part;
      const secret = SECRET_NAME.test(decodeComponent(part.slice(0, eq))) || looksLikeJwt(value);
      return secret ? `${part.slice(0, eq + 1)}${urlRedactionMarker(value)}` : part;
    })
    .join('&');
}

/**
 * The URL with token-like query parameters (and fragment parameters, where OAuth puts
 * access tokens) and any userinfo password replaced. Works on the string as given, so
 * the rest of the URL keeps its exact encoding.
 */
export function redactUrl(url: string): string {
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? null : url.slice(hash + 1);
  const question = beforeHash.indexOf('?');
  let base = question < 0 ? beforeHash : beforeHash.slice(0, question);
  const query = question < 0 ? null : beforeHash.slice(question + 1);

  base = base.replace(
    /^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:)([^@/?#]*)@/i,
    (_all, prefix: string, password: string) =>
      `${prefix}${urlRedactionMarker(decodeComponent(password))}@`,
  );
  return (
    base +
    (query === null ? '' : `?${redactParams(query)}`) +
    (fragment === null ? '' : `#${redactParams(fragment)}`)
  );
}
