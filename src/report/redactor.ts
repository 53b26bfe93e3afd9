/**
 * Redaction for one report (a HAR file or a Markdown text): the rules of redact.ts applied
 * to every header, cookie and URL of it, with a record of what was replaced, and the same
 * secrets then scrubbed from the engine's prose (summaries, fixes, warnings) that may
 * quote them.
 */
import { redactHeaderValue, redactionMarker, redactUrl } from './redact';

/** Headers whose value is a URL, where a token may ride in the query (OAuth redirects). */
const URL_VALUED_HEADERS = new Set(['location', 'referer', 'content-location']);

/**
 * Shorter secrets are not searched for in prose: replacing every `true` or `1` in a sentence
 * would garble it, and a value that short is no secret worth the damage.
 */
const MIN_SCRUBBED_LENGTH = 6;

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s`'"<>]+/gi;
const JWT_IN_TEXT = /\beyJ[\w-]*\.[\w-]+\.[\w-]*/g;
const BEARER_IN_TEXT = /\b(bearer +)([\w\-.~+/]{12,}=*)/gi;

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
}

/** `name=value` pairs of a URL's query and fragment, raw, in order (as redact.ts splits them). */
function urlParams(url: string): Array<[string, string | null]> {
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const question = beforeHash.indexOf('?');
  const parts = [
    ...(question < 0 ? [] : beforeHash.slice(question + 1).split('&')),
    ...(hash < 0 ? [] : url.slice(hash + 1).split('&')),
  ];
  return parts.map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [part, null] : [part.slice(0, eq), part.slice(eq + 1)];
  });
}

/** The pieces of a header value that redact.ts treats as the secret. */
function headerSecrets(name: string, value: string): string[] {
  const lower = name.toLowerCase();
  const secrets = [value];
  if (lower === 'cookie' || lower === 'set-cookie') {
    const pairs = lower === 'cookie' ? value.split(';') : [value.split(';')[0] ?? ''];
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq >= 0) secrets.push(pair.slice(eq + 1).trim());
    }
  }
  const credentials = /^\S+ +(\S.*)$/s.exec(value);
  if (credentials?.[1] !== undefined) secrets.push(credentials[1]);
  return secrets;
}

export interface RedactionReport {
  readonly enabled: boolean;
  readonly headers: readonly string[];
  readonly queryParameters: readonly string[];
}

export class Redactor {
  private readonly headerNames = new Set<string>();
  private readonly paramNames = new Set<string>();
  private readonly secrets = new Set<string>();

  constructor(readonly enabled: boolean) {}

  private remember(secret: string): void {
    if (secret.length >= MIN_SCRUBBED_LENGTH) this.secrets.add(secret);
  }

  /** A header value as exported. */
  header(name: string, value: string): string {
    if (!this.enabled) return value;
    let shown = redactHeaderValue(name, value);
    if (shown !== value) {
      this.headerNames.add(name.toLowerCase());
      for (const secret of headerSecrets(name, value)) this.remember(secret);
    }
    if (URL_VALUED_HEADERS.has(name.toLowerCase())) shown = this.url(shown);
    // A URL inside any other value (Link, a custom X-Redirect-To…) loses its tokens too.
    else if (shown.includes('://')) shown = shown.replace(URL_IN_TEXT, (url) => this.url(url));
    return shown;
  }

  /** A URL as exported: token-like query parameters and userinfo passwords replaced. */
  url(url: string): string {
    if (!this.enabled) return url;
    const shown = redactUrl(url);
    if (shown === url) return url;
    const before = urlParams(url);
    const after = urlParams(shown);
    before.forEach(([name, value], i) => {
      if (value === null || after[i]?.[1] === value) return;
      this.paramNames.add(decode(name));
      this.remember(value);
      this.remember(decode(value));
    });
    const password = /^[a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:([^@/?#]*)@/i.exec(url)?.[1];
    if (password !== undefined) {
      this.remember(password);
      this.remember(decode(password));
    }
    return shown;
  }

  /** A cookie value of the HAR `cookies` arrays (the header itself goes through header()). */
  cookieValue(value: string): string {
    if (!this.enabled || value === '') return value;
    this.remember(value);
    return redactionMarker(value);
  }

  /**
   * Prose that may quote a secret: anything shaped like one (a URL with a token, a JWT, a
   * bearer token), then every secret met so far, replaced by its marker.
   */
  text(text: string): string {
    if (!this.enabled) return text;
    // Shapes first, so a URL keeps its URL marker (REDACTED-n-CHARS) rather than a header one.
    let out = this.shapes(text);
    const known = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const secret of known) {
      if (out.includes(secret)) out = out.replaceAll(secret, redactionMarker(secret));
    }
    return out;
  }

  /**
   * Only what is shaped like a secret: for values that are data, not prose (Chromium's
   * failedParameter is often an origin or a header value, which is no secret).
   */
  shapes(text: string): string {
    if (!this.enabled) return text;
    return text
      .replace(URL_IN_TEXT, (url) => this.url(url))
      .replace(JWT_IN_TEXT, (jwt) => redactionMarker(jwt))
      .replace(
        BEARER_IN_TEXT,
        (_all, prefix: string, token: string) => `${prefix}${redactionMarker(token)}`,
      );
  }

  report(): RedactionReport {
    return {
      enabled: this.enabled,
      headers: [...this.headerNames].sort(),
      queryParameters: [...this.paramNames].sort(),
    };
  }
}
