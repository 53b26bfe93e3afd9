/**
 * URL parsing for the domain code. The WHATWG URL class is part of every runtime the
 * engine runs in (extension pages, workers, Node), but the domain tsconfig has no DOM
 * or Node typings, so the few members used are typed here. Origins and schemes of plain
 * http(s) URLs are read without it (plain-http-origin.ts), with the parser as the fallback.
 */
import { plainHttpOrigin as readPlainHttpOrigin, type PlainHttpOrigin } from './plain-http-origin';

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
/** The runtime's own URL class, typed with the members used (the domain has no DOM types). */
declare const URL: new (input: string, base?: string) => ParsedUrl;

/**
 * One judgement parses the same few URLs many times, and a page calls the same endpoints
 * over and over: parses without a base are remembered (as frozen plain objects, so no
 * caller can change what another reads). Bounded: the memo is emptied when full.
 */
const MEMO_LIMIT = 512;
const memo = new Map<string, ParsedUrl | null>();

function parseFresh(input: string, base?: string): ParsedUrl | null {
  try {
    const url = new URL(input, base);
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

/**
 * The last few URLs read, by value: one judgement asks about the same two or three URLs
 * (the request's, the initiator's, a redirect's) half a dozen times each.
 */
const RECENT = 4;
const recentUrls: Array<string | undefined> = new Array<string | undefined>(RECENT).fill(undefined);
const recentOrigins: Array<PlainHttpOrigin | undefined> = new Array<PlainHttpOrigin | undefined>(
  RECENT,
).fill(undefined);
let nextSlot = 0;

function plainHttpOrigin(url: string): PlainHttpOrigin | undefined {
  for (let i = 0; i < RECENT; i++) if (recentUrls[i] === url) return recentOrigins[i];
  const origin = readPlainHttpOrigin(url);
  recentUrls[nextSlot] = url;
  recentOrigins[nextSlot] = origin;
  nextSlot = (nextSlot + 1) % RECENT;
  return origin;
}

export function isValidAbsoluteUrl(input: string): boolean {
  return plainHttpOrigin(input) !== undefined || parseUrl(input) !== null;
}

export function isHttpScheme(url: string): boolean {
  if (plainHttpOrigin(url) !== undefined) return true;
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
}

/** The serialized origin of a URL; `null` for opaque origins and unparsable URLs. */
export function originOf(url: string): string {
  const plain = plainHttpOrigin(url);
  if (plain) return plain.origin;
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
  if (plainHttpOrigin(url) !== undefined) return false;
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.username !== '' || parsed.password !== '');
}

export function schemeOf(url: string): string {
  const plain = plainHttpOrigin(url);
  if (plain) return plain.scheme;
  const parsed = parseUrl(url);
  return parsed ? parsed.protocol.slice(0, -1) : '';
}
