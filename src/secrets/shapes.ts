/**
 * Secrets recognisable by their shape wherever they stand inside a value, whatever the
 * name beside them: JSON Web Tokens, the prefixes of well-known token issuers, bearer
 * credentials and, where the value is not standard header syntax, long random strings.
 */
import { redactionMarker, type Redacted } from './markers';

/** A JWT: base64url header (it always starts `{"`, so `eyJ`), payload and signature. */
const JWT = /(?<![\w-])eyJ[\w-]*\.[\w-]+\.[\w-]*/g;

/**
 * Tokens whose issuers give them a fixed prefix so that scanners can find them: GitHub,
 * Stripe, Slack, AWS access keys, GitLab, npm, Google API keys, OpenAI/Anthropic-style
 * `sk-`, SendGrid.
 */
const KNOWN_TOKEN = new RegExp(
  '(?<![\\w-])(?:' +
    [
      'gh[pousr]_[A-Za-z0-9]{20,}',
      'github_pat_\\w{20,}',
      '(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}',
      'xox[abposr]-[A-Za-z0-9-]{10,}',
      '(?:AKIA|ASIA)[0-9A-Z]{16}',
      'glpat-[\\w-]{20,}',
      'npm_[A-Za-z0-9]{36}',
      'AIza[\\w-]{35}',
      'sk-[\\w-]{20,}',
      'SG\\.[\\w-]{16,}\\.[\\w-]{16,}',
    ].join('|') +
    ')',
  'g',
);

/**
 * `Bearer <token>` inside any value or sentence. The token must hold a digit or a capital
 * letter, so the words of a sentence ("a bearer credentials check") are not taken for one.
 */
const BEARER = /(?<=\bbearer +)(?=[\w\-.~+/]*[0-9A-Z])[\w\-.~+/]{8,}=*/gi;

/** A run of base64 or base64url characters. */
const RANDOM_RUN = /(?<![\w+/=-])[\w+/-]{24,}={0,2}(?![\w+/=-])/g;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** How often the kind of character (capital, small letter, digit, other) changes, per character. */
function classSwitchRate(text: string): number {
  const kind = (c: string) => (/[A-Z]/.test(c) ? 0 : /[a-z]/.test(c) ? 1 : /[0-9]/.test(c) ? 2 : 3);
  let switches = 0;
  for (let i = 1; i < text.length; i++) {
    if (kind(text.charAt(i)) !== kind(text.charAt(i - 1))) switches++;
  }
  return switches / Math.max(1, text.length - 1);
}

/**
 * A long random string: 24 characters or more of base64, mixing capitals, small letters
 * and digits the way random data does. Entropy alone does not tell a key from a long
 * CamelCase identifier (both reach 4.4 bits per character); the rate at which the kind of
 * character changes does: about 0.6 for random base62 or base64, under 0.45 for words run
 * together (with the odd digit or acronym).
 * Hex-only values are left alone: they are hashes, ETags and trace ids far more often
 * than keys.
 */
export function looksRandom(run: string): boolean {
  const body = run.replace(/=+$/, '');
  return (
    body.length >= 24 &&
    count(body, /[A-Z]/g) >= 2 &&
    count(body, /[a-z]/g) >= 2 &&
    count(body, /[0-9]/g) >= 2 &&
    entropy(body) >= 4 &&
    classSwitchRate(body) >= 0.45 &&
    // A path (`/static/js/…`) is no token; base64 has a slash every 64 characters or so.
    !body.startsWith('/') &&
    count(body, /\//g) <= 2
  );
}

export interface ShapeOptions {
  /** Also take long random strings for secrets (not in prose or standard header syntax). */
  readonly random: boolean;
}

/** The value with every token-shaped part replaced by a marker. */
export function redactShapes(value: string, options: ShapeOptions): Redacted {
  const secrets: string[] = [];
  const replace = (found: string) => {
    secrets.push(found);
    return redactionMarker(found);
  };
  let text = value.replace(JWT, replace).replace(KNOWN_TOKEN, replace).replace(BEARER, replace);
  if (options.random) {
    text = text.replace(RANDOM_RUN, (run) => (looksRandom(run) ? replace(run) : run));
  }
  return { text, secrets };
}

/** Whether a whole value (a parameter's) is shaped like a token. */
export function isTokenShaped(value: string): boolean {
  return redactShapes(value, { random: true }).secrets.length > 0;
}
