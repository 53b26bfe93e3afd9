/**
 * Redaction for one output (a HAR file, a Markdown text, a curl pair, the CLI's lines): the
 * rules of src/secrets applied to every header, cookie and URL of it, with a record of
 * what was replaced, and the same secrets then scrubbed from the engine's prose
 * (summaries, fixes, warnings, failed parameters) that may quote them.
 *
 * Call learn() on every exchange first: output is written per exchange, and a secret must
 * be known before the first value or sentence that could quote it.
 */
import type { ExchangeObservation, HeaderList } from '../cors';
import {
  redactHeader,
  redactionMarker,
  redactShapes,
  redactUrl,
  urlRedactionMarker,
} from '../secrets';

/**
 * Shorter secrets are replaced where they stand but not searched for in prose: replacing
 * every `true` or `1` in a sentence would garble it, and a value that short is no secret
 * worth the damage.
 */
const MIN_SCRUBBED_LENGTH = 6;

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s`'"<>]+/gi;

export interface RedactionReport {
  readonly enabled: boolean;
  readonly headers: readonly string[];
  /** URL parameters (query, fragment and path) whose values were replaced. */
  readonly queryParameters: readonly string[];
}

export class Redactor {
  private readonly headerNames = new Set<string>();
  private readonly paramNames = new Set<string>();
  /** Secret → its marker. */
  private readonly secrets = new Map<string, string>();
  /** Every known secret, longest first, in one pattern; rebuilt when a secret is added. */
  private knownPattern: RegExp | null = null;

  constructor(readonly enabled: boolean) {}

  private remember(secrets: readonly string[], marker: (secret: string) => string): void {
    for (const secret of secrets) {
      const trimmed = secret.trim();
      if (trimmed.length < MIN_SCRUBBED_LENGTH || this.secrets.has(trimmed)) continue;
      this.secrets.set(trimmed, marker(trimmed));
      this.knownPattern = null;
    }
  }

  private collectHeader(name: string, value: string): string {
    const redacted = redactHeader(name, value);
    for (const parameter of redacted.parameters) this.paramNames.add(parameter);
    if (redacted.secrets.length > 0) {
      this.headerNames.add(name.toLowerCase());
      this.remember(redacted.secrets, redactionMarker);
    }
    return redacted.text;
  }

  private collectUrl(url: string): string {
    const redacted = redactUrl(url);
    for (const name of redacted.parameters) this.paramNames.add(name);
    this.remember(redacted.secrets, urlRedactionMarker);
    return redacted.text;
  }

  /**
   * Every secret met so far, wherever it stands as a whole token: a server that echoes an API key into
   * Access-Control-Allow-Origin, or a sentence that quotes a cookie. One pattern for all,
   * so a long recording costs one pass per value, not one per secret.
   */
  private scrubKnown(text: string, marker?: (secret: string) => string): string {
    if (this.secrets.size === 0 || text === '') return text;
    // Whole tokens only: a user name `secret` must not eat the `secret` of `/s/secrets-list`.
    this.knownPattern ??= new RegExp(
      `(?<![A-Za-z0-9])(?:${[...this.secrets.keys()]
        .sort((a, b) => b.length - a.length)
        .map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|')})(?![A-Za-z0-9])`,
      'g',
    );
    return text.replace(this.knownPattern, (secret) =>
      marker ? marker(secret) : (this.secrets.get(secret) ?? redactionMarker(secret)),
    );
  }

  /** Reads every header and URL of an exchange, so that no output can quote their secrets. */
  learn(observation: ExchangeObservation): void {
    if (!this.enabled) return;
    const headers = (list: HeaderList | undefined) => {
      for (const h of list ?? []) this.collectHeader(h.name, h.value);
    };
    this.collectUrl(observation.request.url);
    headers(observation.request.headers);
    headers(observation.response?.headers);
    const preflights = [observation.preflight];
    for (const redirect of observation.redirects ?? []) {
      this.collectUrl(redirect.url);
      this.collectUrl(redirect.location);
      headers(redirect.headers);
      preflights.push(redirect.preflight);
    }
    for (const preflight of preflights) {
      if (!preflight) continue;
      this.collectUrl(preflight.url);
      headers(preflight.requestHeaders);
      headers(preflight.response?.headers);
    }
  }

  /** A header value as shown. */
  header(name: string, value: string): string {
    if (!this.enabled) return value;
    return this.scrubKnown(this.collectHeader(name, value));
  }

  /** A URL as shown: its user name, password and secret parameters replaced. */
  url(url: string): string {
    if (!this.enabled) return url;
    return this.scrubKnown(this.collectUrl(url), urlRedactionMarker);
  }

  /** A cookie value of the HAR `cookies` arrays (the header itself goes through header()). */
  cookieValue(value: string): string {
    if (!this.enabled || value === '') return value;
    this.remember([value], redactionMarker);
    return redactionMarker(value);
  }

  /**
   * Prose or data that may quote a secret: URLs lose theirs, token shapes go, then every
   * secret met so far is replaced by its marker wherever it appears.
   */
  text(text: string): string {
    if (!this.enabled || text === '') return text;
    // URLs first, so a URL keeps its URL marker (REDACTED-n-CHARS) rather than a header one.
    const urls = text.replace(URL_IN_TEXT, (url) => this.url(url));
    return this.scrubKnown(redactShapes(urls, { random: false }).text);
  }

  report(): RedactionReport {
    return {
      enabled: this.enabled,
      headers: [...this.headerNames].sort(),
      queryParameters: [...this.paramNames].sort(),
    };
  }
}
