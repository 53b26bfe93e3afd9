/**
 * Local Network Access (docs/cors-reference.md): Chromium sorts every address into one of
 * three spaces, from most to least private: `loopback`, `local` (private networks) and
 * `public`, and asks the user's permission before a page reaches a more private space than
 * its own. The engine sees URLs, not the addresses they resolved to: a literal address or
 * `localhost` is classified here, any other name is unknown.
 */
import { parseUrl } from './url';

export type AddressSpace = 'loopback' | 'local' | 'public';

function ipv4Space(host: string): AddressSpace | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return undefined;
  const [a, b] = [Number(match[1]), Number(match[2])];
  if (a === 127) return 'loopback';
  // RFC 1918 private ranges, link-local, carrier-grade NAT and "this network" (0/8).
  if (a === 10 || a === 0) return 'local';
  if (a === 172 && b >= 16 && b <= 31) return 'local';
  if (a === 192 && b === 168) return 'local';
  if (a === 169 && b === 254) return 'local';
  if (a === 100 && b >= 64 && b <= 127) return 'local';
  return 'public';
}

function ipv6Space(host: string): AddressSpace | undefined {
  if (!host.startsWith('[')) return undefined;
  const address = host.slice(1, -1).toLowerCase();
  if (address === '::1') return 'loopback';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1] !== undefined) return ipv4Space(mapped[1]);
  // Unique local (fc00::/7) and link-local (fe80::/10) addresses.
  if (/^f[cd]/.test(address) || /^fe[89ab]/.test(address)) return 'local';
  return 'public';
}

/** The address space of a URL's host when the URL alone tells; undefined for other names. */
export function addressSpaceOf(url: string): AddressSpace | undefined {
  const parsed = parseUrl(url);
  if (!parsed) return undefined;
  const host = parsed.hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  return ipv4Space(host) ?? ipv6Space(host);
}

/**
 * Whether a page of this origin is a secure context, as far as its origin tells: https,
 * or http on a loopback host (Chromium counts `localhost` and loopback addresses as
 * potentially trustworthy). An opaque origin (`null`) is not.
 */
export function isSecureOrigin(origin: string): boolean {
  const parsed = parseUrl(origin);
  if (!parsed) return false;
  if (parsed.protocol === 'https:' || parsed.protocol === 'wss:') return true;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'ws:') return false;
  return addressSpaceOf(origin) === 'loopback';
}
