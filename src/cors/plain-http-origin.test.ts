import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainHttpOrigin } from './plain-http-origin';

/** What the WHATWG parser says: the reference the fast path must never contradict. */
function reference(input: string): { scheme: string; origin: string; userinfo: boolean } | null {
  try {
    const url = new URL(input);
    return {
      scheme: url.protocol.slice(0, -1),
      origin: url.origin,
      userinfo: url.username !== '' || url.password !== '',
    };
  } catch {
    return null;
  }
}

function agreesWithUrl(input: string): void {
  const fast = plainHttpOrigin(input);
  if (fast === undefined) return; // the caller falls back to the real parser
  expect(reference(input), input).toEqual({
    scheme: fast.scheme,
    origin: fast.origin,
    userinfo: false,
  });
}

/** Pieces chosen to hit every rule the parser has about schemes, hosts and ports. */
// Weighted towards the plain URLs the fast path takes, so both paths are exercised.
const scheme = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('http', 'https', 'HTTP', 'hTtPs') },
  { weight: 1, arbitrary: fc.constantFrom('httpx', 'ftp', 'ws', 'htt', '') },
);
const separator = fc.oneof(
  { weight: 4, arbitrary: fc.constant('://') },
  { weight: 1, arbitrary: fc.constantFrom(':/', ':', ':///', ':\\\\', '://\t', ' ://', '') },
);
const label = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z]{1,6}$/) },
  fc.constantFrom('a', 'LocalHost', 'xn--', 'XN--abc', 'xn--nxasmq6b', 'a-', '-', '0', '00', '007'),
  fc.constantFrom(
    '255',
    '256',
    '0x7f',
    '0X1',
    '1e3',
    '123abc',
    '%41',
    'é',
    '\u212a',
    '\u0130',
    '_',
  ),
  fc.stringMatching(/^[a-zA-Z0-9-]{0,6}$/),
  fc.integer({ min: 0, max: 300 }).map(String),
);
const host = fc.oneof(
  { weight: 4, arbitrary: fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.')) },
  fc.array(label, { minLength: 1, maxLength: 5 }).map((labels) => labels.join('.')),
  fc.constantFrom('[::1]', '[fe80::1%25eth0]', 'user:pass@a.com', '@a', 'a@', '', '.', 'a.', '.a'),
  fc.string({ maxLength: 8 }),
);
const port = fc.oneof(
  fc.constant(''),
  fc.constantFrom(':', ':80', ':443', ':080', ':0', ':65535', ':65536', ':000000443', ':8a', ': 1'),
  fc.integer({ min: 0, max: 70000 }).map((p) => `:${p}`),
);
const rest = fc.oneof(
  fc.constant(''),
  fc.constantFrom('/', '/x?y#z', '?q', '#f', '\\x', '/a@b', ' ', '\t/', '\n', '/\u0000', '@x'),
  fc.string({ maxLength: 10 }),
);
const builtUrl = fc
  .tuple(scheme, separator, host, port, rest)
  .map(([s, sep, h, p, r]) => `${s}${sep}${h}${p}${r}`);

describe('plainHttpOrigin (the fast path before new URL)', () => {
  it.each([
    ['http://localhost:7102/s/x?n=1', 'http', 'http://localhost:7102'],
    ['HTTPS://API.Example.COM:443/', 'https', 'https://api.example.com'],
    ['http://127.0.0.1:80', 'http', 'http://127.0.0.1'],
    ['https://a.com:08443#x', 'https', 'https://a.com:8443'],
  ])('reads %s as %s %s', (input, schemeName, origin) => {
    expect(plainHttpOrigin(input)).toEqual({ scheme: schemeName, origin });
  });

  it.each([
    'http://user@a.com/', // userinfo
    'http://[::1]/', // IPv6
    'http://xn--nxasmq6b.com/', // IDNA
    'http://b\u00fccher.de/', // non-ASCII
    'http://127.1/', // IPv4 shorthand
    'http://1.2.3.010/', // octal part
    'http://a.com:/', // empty port
    'http:/a.com', // special-scheme leniency
    'http://a.com\\path', // backslash as slash
    'http://lo\tcalhost/', // tabs are removed
    'ftp://a.com/',
    'data:,x',
  ])('leaves %s to the real parser', (input) => {
    expect(plainHttpOrigin(input)).toBeUndefined();
  });

  it('agrees with new URL on built URLs', () => {
    fc.assert(
      fc.property(builtUrl, (input) => agreesWithUrl(input)),
      { numRuns: 20000 },
    );
  });

  it('agrees with new URL on web URLs and arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()),
        (input) => agreesWithUrl(input),
      ),
      { numRuns: 5000 },
    );
  });

  it('takes the fast path for most built http(s) URLs (the test is not vacuous)', () => {
    const inputs = fc.sample(builtUrl, { numRuns: 5000, seed: 7 });
    const fast = inputs.filter((input) => plainHttpOrigin(input) !== undefined).length;
    expect(fast).toBeGreaterThan(300);
  });
});
