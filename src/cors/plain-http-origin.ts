/**
 * The origin of an ordinary http(s) URL without the WHATWG URL parser. Judging calls
 * same-origin checks on every hop, and each exchange has a URL of its own (a query string
 * per request), so a memo does not help and `new URL` dominated the engine's cost.
 *
 * Only the plainest URLs are read here: `http` or `https` (any case), `://`, a host of ASCII
 * letters, digits, `-` and `.` with non-empty labels and no `xn--` label (no IDNA to do), or
 * a dotted-quad IPv4 address already in its canonical form, an optional port of 1–5 digits,
 * then the end or `/`, `?`, `#`. For those, the origin is the scheme and host lowercased plus
 * the port unless it is the default. Anything else (userinfo, IPv6, percent-escapes,
 * non-ASCII, tabs, backslashes, IPv4 shorthands, empty ports…) returns undefined and the
 * caller asks the real parser, so both always agree.
 */
export interface PlainHttpOrigin {
  readonly scheme: 'http' | 'https';
  /** Serialized as URL#origin serializes it. */
  readonly origin: string;
}

const CODE = {
  dot: 0x2e,
  hyphen: 0x2d,
  colon: 0x3a,
  slash: 0x2f,
  question: 0x3f,
  hash: 0x23,
  zero: 0x30,
  nine: 0x39,
} as const;

function isDigit(code: number): boolean {
  return code >= CODE.zero && code <= CODE.nine;
}

/** Case-insensitive ASCII letter at `index` (`letter` given in lower case). */
function isLetterAt(url: string, index: number, letter: number): boolean {
  // Only the upper- and lower-case letter become `letter` with the 0x20 bit set.
  return (url.charCodeAt(index) | 0x20) === letter;
}

/** A label starting `xn--` (any case) would need IDNA (Punycode validation). */
function isPunycodeLabel(url: string, start: number, end: number): boolean {
  return (
    end - start >= 4 &&
    isLetterAt(url, start, 0x78) &&
    isLetterAt(url, start + 1, 0x6e) &&
    url.charCodeAt(start + 2) === CODE.hyphen &&
    url.charCodeAt(start + 3) === CODE.hyphen
  );
}

/** `a.b.c.d`, each 0–255 in decimal without leading zeros: the parser keeps it as it is. */
function isCanonicalIpv4(url: string, start: number, end: number): boolean {
  let parts = 0;
  let partStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && url.charCodeAt(i) !== CODE.dot) {
      if (!isDigit(url.charCodeAt(i))) return false;
      continue;
    }
    const length = i - partStart;
    if (length === 0 || length > 3) return false;
    if (length > 1 && url.charCodeAt(partStart) === CODE.zero) return false;
    if (Number(url.slice(partStart, i)) > 255) return false;
    parts++;
    partStart = i + 1;
  }
  return parts === 4;
}

export function plainHttpOrigin(url: string): PlainHttpOrigin | undefined {
  const length = url.length;
  if (
    length < 8 ||
    !isLetterAt(url, 0, 0x68) ||
    !isLetterAt(url, 1, 0x74) ||
    !isLetterAt(url, 2, 0x74) ||
    !isLetterAt(url, 3, 0x70)
  ) {
    return undefined;
  }
  const secure = isLetterAt(url, 4, 0x73);
  let i = secure ? 5 : 4;
  if (
    url.charCodeAt(i) !== CODE.colon ||
    url.charCodeAt(i + 1) !== CODE.slash ||
    url.charCodeAt(i + 2) !== CODE.slash
  ) {
    return undefined;
  }
  i += 3;
  const hostStart = i;
  let labelStart = i;
  let upperCase = false;
  for (; i < length; i++) {
    const code = url.charCodeAt(i);
    if ((code >= 0x61 && code <= 0x7a) || isDigit(code) || code === CODE.hyphen) continue;
    if (code >= 0x41 && code <= 0x5a) {
      upperCase = true;
      continue;
    }
    if (code !== CODE.dot) break;
    if (i === labelStart || isPunycodeLabel(url, labelStart, i)) return undefined;
    labelStart = i + 1;
  }
  const hostEnd = i;
  if (hostEnd === labelStart || isPunycodeLabel(url, labelStart, hostEnd)) return undefined;
  // A last label starting with a digit may make the host an IPv4 address in some shorthand.
  if (isDigit(url.charCodeAt(labelStart)) && !isCanonicalIpv4(url, hostStart, hostEnd)) {
    return undefined;
  }

  let port = '';
  let canonicalPort = true;
  if (url.charCodeAt(i) === CODE.colon) {
    const portStart = ++i;
    let value = 0;
    for (; i < length && isDigit(url.charCodeAt(i)); i++) {
      value = value * 10 + url.charCodeAt(i) - CODE.zero;
    }
    if (i === portStart || i - portStart > 5 || value > 65535) return undefined;
    port = value === (secure ? 443 : 80) ? '' : `:${value}`;
    canonicalPort = port.length === i - portStart + 1;
  }
  if (i < length) {
    const code = url.charCodeAt(i);
    if (code !== CODE.slash && code !== CODE.question && code !== CODE.hash) return undefined;
  }

  const scheme = secure ? 'https' : 'http';
  // Bit 0x20 set on every letter read: the scheme is already in lower case.
  const lowerScheme =
    (url.charCodeAt(0) &
      url.charCodeAt(1) &
      url.charCodeAt(2) &
      url.charCodeAt(3) &
      (secure ? url.charCodeAt(4) : 0x20) &
      0x20) !==
    0;
  if (lowerScheme && !upperCase && canonicalPort) {
    // Already serialized as the origin: a slice, no new string built.
    return { scheme, origin: url.slice(0, i) };
  }
  const host = url.slice(hostStart, hostEnd);
  return { scheme, origin: `${scheme}://${upperCase ? host.toLowerCase() : host}${port}` };
}
