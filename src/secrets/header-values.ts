/**
 * A header value with its secrets replaced: each cookie of every `Cookie` and `Set-Cookie`
 * line (named or not), the credentials of `Authorization`, the whole value of a header
 * whose name announces a secret, and in any other value the URLs' secrets, the values of
 * `name=value` pairs with a secret name, and whatever is shaped like a token.
 */
import { isUrlMarker, redactionMarker, type Redacted } from './markers';
import { isSecretHeader, isSecretName, isStandardHeader } from './names';
import { redactShapes } from './shapes';
import { redactUrl } from './urls';

export interface RedactedHeader extends Redacted {
  /** The URL parameters replaced inside the value (a Location's `code`, a Link's token). */
  readonly parameters: readonly string[];
}

class Collector {
  readonly secrets: string[] = [];
  readonly parameters: string[] = [];

  hide(secret: string): string {
    this.secrets.push(secret);
    const unquoted = /^"(.*)"$/s.exec(secret)?.[1];
    if (unquoted !== undefined && unquoted !== '') this.secrets.push(unquoted);
    return redactionMarker(secret);
  }

  result(text: string): RedactedHeader {
    return { text, secrets: this.secrets, parameters: this.parameters };
  }
}

/**
 * One cookie, `name=value` or a nameless `value` (browsers store it with an empty name).
 * The whitespace around it stays, so the line keeps its shape.
 */
function cookiePair(pair: string, c: Collector): string {
  const lead = /^\s*/.exec(pair)?.[0] ?? '';
  const body = pair.slice(lead.length).trimEnd();
  const trail = pair.slice(lead.length + body.length);
  if (body === '') return pair;
  const eq = body.indexOf('=');
  if (eq < 0) return `${lead}${c.hide(body)}${trail}`;
  const value = body.slice(eq + 1);
  return `${lead}${body.slice(0, eq + 1)}${value === '' ? value : c.hide(value)}${trail}`;
}

/** `a=1; b=2`: which cookies were sent stays visible, none of their values. */
function cookieHeader(value: string, c: Collector): string {
  return value
    .split(/([;\n])/)
    .map((part, i) => (i % 2 === 1 ? part : cookiePair(part, c)))
    .join('');
}

/**
 * `sid=abc; Path=/; SameSite=None; Secure`, one cookie a line (HAR files and webRequest
 * join several `Set-Cookie` headers with newlines): the attributes matter to CORS.
 */
function setCookieHeader(value: string, c: Collector): string {
  return value
    .split(/(\r?\n)/)
    .map((line, i) => {
      if (i % 2 === 1) return line;
      const semicolon = line.indexOf(';');
      const pair = semicolon < 0 ? line : line.slice(0, semicolon);
      return cookiePair(pair, c) + (semicolon < 0 ? '' : line.slice(semicolon));
    })
    .join('');
}

/** `Bearer abc…` → `Bearer <redacted:…>`: the scheme tells Basic from Bearer. */
function credentials(value: string, c: Collector): string {
  const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)( +)(\S.*)$/s.exec(value);
  if (!match) return c.hide(value);
  const [, scheme = '', space = '', secret = ''] = match;
  return `${scheme}${space}${c.hide(secret)}`;
}

/** Headers whose whole value is a URL, often relative (a token rides in the query). */
const URL_VALUED_HEADERS: ReadonlySet<string> = new Set([
  'location',
  'content-location',
  'referer',
]);

/** Absolute URLs inside a value: `Link: <…?access_token=…>`, `Refresh: 0; url=…`. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s`'"<>]+/gi;

/** `name=value` inside a value (`user=…; token=…`), the value quoted or not. */
const PAIR_IN_TEXT = /(?<![\w-])([\w.-]+)=("[^"]*"|[^\s;,&"<>]+)/g;

function collectUrl(url: string, c: Collector): string {
  const redacted = redactUrl(url);
  c.secrets.push(...redacted.secrets);
  c.parameters.push(...redacted.parameters);
  return redacted.text;
}

function anyOtherValue(lower: string, value: string, c: Collector): string {
  let text = URL_VALUED_HEADERS.has(lower)
    ? collectUrl(value, c)
    : value.replace(URL_IN_TEXT, (url) => collectUrl(url, c));
  const standard = isStandardHeader(lower);
  if (!standard) {
    text = text.replace(PAIR_IN_TEXT, (whole, name: string, pairValue: string) =>
      isSecretName(name) && !isUrlMarker(pairValue) ? `${name}=${c.hide(pairValue)}` : whole,
    );
  }
  const shapes = redactShapes(text, { random: !standard });
  c.secrets.push(...shapes.secrets);
  return shapes.text;
}

/** The value to show for a header, with its secrets replaced by markers. */
export function redactHeader(name: string, value: string): RedactedHeader {
  const c = new Collector();
  if (value === '') return c.result(value);
  const lower = name.toLowerCase();
  switch (lower) {
    case 'cookie':
      return c.result(cookieHeader(value, c));
    case 'set-cookie':
      return c.result(setCookieHeader(value, c));
    case 'authorization':
    case 'proxy-authorization':
      return c.result(credentials(value, c));
  }
  if (isSecretHeader(lower)) return c.result(c.hide(value));
  return c.result(anyOtherValue(lower, value, c));
}
