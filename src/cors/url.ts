/**
 * URL parsing for the domain code. The WHATWG URL class is part of every runtime the
 * engine runs in (extension pages, workers, Node), but the domain tsconfig has no DOM
 * or Node typings, so the few members used are typed here.
 */
interface ParsedUrl {
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly origin: string;
  readonly href: string;
  readonly pathname: string;
  readonly search: string;
}
type UrlConstructor = new (input: string, base?: string) => ParsedUrl;
const UrlClass = (globalThis as unknown as { URL: UrlConstructor }).URL;

/**
 * One judgement parses the same few URLs many times, and a page calls the same endpoints
 * over and over: parses without a base are remembered (as frozen plain objects, so no
 * caller can change what another reads). Bounded: the memo is emptied when full.
 */
const MEMO_LIMIT = 512;
const memo = new Map<string, ParsedUrl | null>();

function parseFresh(input: string, base?: string): ParsedUrl | null {
  try {
    const url = new UrlClass(input, base);
    const { protocol, username, password, host, origin, href, pathname, search } = url;
    return Object.freeze({ protocol, username, password, host, origin, href, pathname, search });
  } catch {
    return null;
  }
}

export function parseUrl(input: string, base?: string): ParsedUrl | null {
  if (base !== undefined) return parseFresh(input, base);
  const known = memo.get(input);
  if (known !== undefined) return known;
  const parsed = parseFresh(input);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(input, parsed);
  return parsed;
}

export function isValidAbsoluteUrl(input: string): boolean {
  return parseUrl(input) !== null;
}

export function isHttpScheme(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
}

/** The serialized origin of a URL; `null` for opaque origins and unparsable URLs. */
export function originOf(url: string): string {
  const parsed = parseUrl(url);
  if (!parsed) return 'null';
  return parsed.origin;
}

/** Same origin: exact scheme/host/port. An opaque origin (`null`) is same-origin with nothing. */
export function isSameOrigin(origin: string, url: string): boolean {
  if (origin === 'null') return false;
  const other = originOf(url);
  return other !== 'null' && other === origin;
}

export function hasUserinfo(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.username !== '' || parsed.password !== '');
}

export function schemeOf(url: string): string {
  const parsed = parseUrl(url);
  return parsed ? parsed.protocol.replace(/:$/, '') : '';
}
