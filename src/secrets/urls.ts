/**
 * A URL with its secrets replaced: the user name and password, and the value of every
 * parameter (query, fragment, path `;name=value`) that is secret by its name or its shape.
 * Works on the string as given, so the rest of the URL keeps its exact encoding; the
 * marker counts the decoded value.
 */
import { urlRedactionMarker, type Redacted } from './markers';
import { isSecretName } from './names';
import { isTokenShaped, redactShapes } from './shapes';

export interface RedactedUrl extends Redacted {
  /** The names of the parameters whose values were replaced, decoded. */
  readonly parameters: readonly string[];
}

export function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
}

class UrlScrubber {
  readonly secrets: string[] = [];
  readonly parameters: string[] = [];

  /** Replaces one raw piece of the URL by the marker of its decoded value. */
  private hide(raw: string): string {
    const decoded = decodeComponent(raw);
    this.secrets.push(raw);
    if (decoded !== raw) this.secrets.push(decoded);
    return urlRedactionMarker(decoded);
  }

  /** `user:password@` → both replaced (a token often rides as the user name: `ghp_…@host`). */
  userinfo(userinfo: string): string {
    return userinfo
      .split(':')
      .map((part) => (part === '' ? part : this.hide(part)))
      .join(':');
  }

  /** `name=value` pieces split on `&` and `;` (both separate parameters in the wild). */
  params(params: string, separators: RegExp): string {
    return params
      .split(separators)
      .map((part, i) => (i % 2 === 1 ? part : this.param(part)))
      .join('');
  }

  private param(part: string): string {
    const eq = part.indexOf('=');
    if (eq < 0) return part !== '' && isTokenShaped(decodeComponent(part)) ? this.hide(part) : part;
    const rawValue = part.slice(eq + 1);
    if (rawValue === '') return part;
    const name = decodeComponent(part.slice(0, eq));
    if (!isSecretName(name) && !isTokenShaped(decodeComponent(rawValue))) return part;
    this.parameters.push(name);
    return `${part.slice(0, eq + 1)}${this.hide(rawValue)}`;
  }

  /** Path segments keep their names; `;jsessionid=…` parameters and token shapes go. */
  path(path: string): string {
    const scrubbed = path
      .split('/')
      .map((segment) => {
        const semicolon = segment.indexOf(';');
        if (semicolon < 0) return segment;
        return segment.slice(0, semicolon + 1) + this.params(segment.slice(semicolon + 1), /([;])/);
      })
      .join('/');
    const shapes = redactShapes(decodeComponent(scrubbed), { random: false });
    if (shapes.secrets.length === 0) return scrubbed;
    // A token in a path segment (a webhook URL): replace it where it stands, raw.
    let out = scrubbed;
    for (const secret of shapes.secrets) {
      if (out.includes(secret)) out = out.replaceAll(secret, this.hide(secret));
    }
    return out;
  }
}

const AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i;

export function redactUrl(url: string): RedactedUrl {
  const scrubber = new UrlScrubber();
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? null : url.slice(hash + 1);
  const question = beforeHash.indexOf('?');
  let base = question < 0 ? beforeHash : beforeHash.slice(0, question);
  const query = question < 0 ? null : beforeHash.slice(question + 1);

  let prefix = '';
  const authority = AUTHORITY.exec(base);
  if (authority) {
    const [whole, scheme = '', hostPart = ''] = authority;
    const at = hostPart.lastIndexOf('@');
    const host =
      at < 0 ? hostPart : `${scrubber.userinfo(hostPart.slice(0, at))}${hostPart.slice(at)}`;
    prefix = scheme + host;
    base = base.slice(whole.length);
  }
  const text =
    prefix +
    scrubber.path(base) +
    (query === null ? '' : `?${scrubber.params(query, /([&;])/)}`) +
    (fragment === null ? '' : `#${scrubber.params(fragment, /([&;])/)}`);
  return { text, secrets: scrubber.secrets, parameters: scrubber.parameters };
}
