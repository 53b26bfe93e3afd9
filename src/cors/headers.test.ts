import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  byteLength,
  combinedHeader,
  encodeHint,
  headerValues,
  isAsciiNameMatch,
  isToken,
  trimOws,
} from './headers';
import { FORBIDDEN_NAMES, isForbiddenRequestHeader } from './safelist';
import { headerList } from './testing/arbitraries';

/** Names that lowercase in surprising ways: the Kelvin sign becomes `k`, `İ` two characters. */
const trickyName = fc.oneof(
  fc.constantFrom(
    '\u212Aeep-Alive',
    'Vary',
    'VARY',
    'v\u0130ry',
    'S\u212Aec-x',
    'Sec-\u0130',
    'Proxy-A',
  ),
  fc.constantFrom(
    'Access-Control-Allow-Origin',
    'access-control-allow-orig\u0130n',
    'Origin',
    'hOsT',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const lowerAsciiName = fc.constantFrom(
  'vary',
  'keep-alive',
  'origin',
  'host',
  'access-control-allow-origin',
  'x',
);

describe('header name matching without lowercased copies', () => {
  it('isAsciiNameMatch is name.toLowerCase() === lower', () => {
    fc.assert(
      fc.property(trickyName, lowerAsciiName, (name, lower) => {
        expect(isAsciiNameMatch(name, lower)).toBe(name.toLowerCase() === lower);
      }),
      { numRuns: 5000 },
    );
    expect(isAsciiNameMatch('\u212Aeep-Alive', 'keep-alive')).toBe(true);
    expect(isAsciiNameMatch('V\u0130ry', 'viry')).toBe(false);
  });

  it('isForbiddenRequestHeader agrees with lowercasing first', () => {
    const reference = (name: string) => {
      const lower = name.toLowerCase();
      return lower.startsWith('sec-') || lower.startsWith('proxy-') || FORBIDDEN_NAMES.has(lower);
    };
    const randomCase = fc
      .tuple(fc.constantFrom(...FORBIDDEN_NAMES, 'sec-x', 'proxy-y', 'sec', 'prox'), fc.integer())
      .map(([name, seed]) =>
        Array.from(name, (c, i) => ((seed >> (i % 30)) & 1 ? c.toUpperCase() : c)).join(''),
      );
    fc.assert(
      fc.property(fc.oneof(trickyName, randomCase), (name) => {
        expect(isForbiddenRequestHeader(name)).toBe(reference(name));
      }),
      { numRuns: 5000 },
    );
    expect(isForbiddenRequestHeader('S\u212Aec')).toBe(false);
    expect(isForbiddenRequestHeader('\u212Aeep-Alive')).toBe(true);
    expect(isForbiddenRequestHeader('x-custom')).toBe(false);
  });

  it('headerValues and combinedHeader match names case-insensitively and trim OWS', () => {
    const list = [
      { name: 'VARY', value: ' Origin\t' },
      { name: 'x', value: 'y' },
      { name: 'vary', value: 'Accept' },
    ];
    expect(headerValues(list, 'Vary')).toEqual(['Origin', 'Accept']);
    expect(combinedHeader(list, 'vary')).toBe('Origin, Accept');
    expect(combinedHeader(list, 'absent')).toBeUndefined();
  });

  it('headerValues equals filtering on lowercased names', () => {
    fc.assert(
      fc.property(headerList, trickyName, (list, name) => {
        const expected = list
          .filter((h) => h.name.toLowerCase() === name.toLowerCase())
          .map((h) => h.value.replace(/^[ \t]+|[ \t]+$/g, ''));
        expect(headerValues(list, name)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('value helpers written without regular expressions', () => {
  it('trimOws strips only spaces and tabs, at both ends', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(' ', '\t', '\n', 'a', '\u00a0') }), (value) => {
        expect(trimOws(value)).toBe(value.replace(/^[ \t]+|[ \t]+$/g, ''));
      }),
    );
  });

  it('byteLength counts UTF-8 bytes, lone surrogates as three', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        let expected = 0;
        for (const char of value) {
          const code = char.codePointAt(0) ?? 0;
          expected += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        }
        expect(byteLength(value)).toBe(expected);
      }),
    );
    expect(byteLength('a\u00e9\u20ac\u{1F600}\ud800')).toBe(1 + 2 + 3 + 4 + 3);
  });

  it('isToken is RFC 9110 tchar+', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), (value) => {
        expect(isToken(value)).toBe(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(value));
      }),
    );
  });

  it('encodeHint escapes non-printable and non-ASCII characters only', () => {
    expect(encodeHint('x-foo')).toBe('x-foo');
    expect(encodeHint('a\u00e9\n')).toBe('a\\u00E9\\u000A');
  });
});
