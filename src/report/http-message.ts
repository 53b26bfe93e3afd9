/** Small readers for HTTP message parts the HAR format spells out: status lines, cookies, queries. */
import type { HeaderList } from '../cors';
import { headerValues } from '../cors/headers';
import type { HarCookie, HarNameValue } from './har-types';
import type { Redactor } from './redactor';

/** `HTTP/1.1 404 Not Found` → version and reason phrase; empty strings when unknown. */
export function parseStatusLine(statusLine: string | undefined): {
  httpVersion: string;
  statusText: string;
} {
  const match = /^(HTTP\/[\d.]+)\s+\d{3}(?:\s+(.*))?$/i.exec(statusLine?.trim() ?? '');
  if (!match) return { httpVersion: '', statusText: '' };
  return { httpVersion: match[1] ?? '', statusText: (match[2] ?? '').trim() };
}

/** Request cookies by name, from every Cookie header; values redacted like the header. */
export function requestCookies(headers: HeaderList | undefined, redactor: Redactor): HarCookie[] {
  const cookies: HarCookie[] = [];
  for (const line of headerValues(headers, 'Cookie')) {
    for (const pair of line.split(/[;\n]/)) {
      if (pair.trim() === '') continue;
      // A pair without `=` is a nameless cookie: what it holds is the value, not a name.
      const eq = pair.indexOf('=');
      const name = eq < 0 ? '' : pair.slice(0, eq).trim();
      cookies.push({ name, value: redactor.cookieValue(pair.slice(eq + 1).trim()) });
    }
  }
  return cookies;
}

function isoDate(text: string): string | undefined {
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Response cookies, one per Set-Cookie line, with the attributes HAR has fields for. */
export function responseCookies(headers: HeaderList | undefined, redactor: Redactor): HarCookie[] {
  // One cookie a line: webRequest and HAR files join several Set-Cookie headers with newlines.
  const lines = headerValues(headers, 'Set-Cookie').flatMap((value) => value.split(/\r?\n/));
  return lines.flatMap((line): HarCookie[] => {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return [];
    const cookie: {
      name: string;
      value: string;
      path?: string;
      domain?: string;
      expires?: string;
      httpOnly?: boolean;
      secure?: boolean;
    } = {
      name: pair.slice(0, eq).trim(),
      value: redactor.cookieValue(pair.slice(eq + 1).trim()),
    };
    for (const attribute of attributes) {
      const [rawKey = '', ...rest] = attribute.split('=');
      const key = rawKey.trim().toLowerCase();
      const value = rest.join('=').trim();
      if (key === 'path') cookie.path = value;
      else if (key === 'domain') cookie.domain = value;
      else if (key === 'expires') {
        const expires = isoDate(value);
        if (expires !== undefined) cookie.expires = expires;
      } else if (key === 'httponly') cookie.httpOnly = true;
      else if (key === 'secure') cookie.secure = true;
    }
    return [cookie];
  });
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
}

/** The query parameters of a URL, decoded, in order (HAR's queryString). */
export function queryString(url: string): HarNameValue[] {
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const question = beforeHash.indexOf('?');
  if (question < 0) return [];
  return beforeHash
    .slice(question + 1)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0
        ? { name: decode(part), value: '' }
        : { name: decode(part.slice(0, eq)), value: decode(part.slice(eq + 1)) };
    });
}
