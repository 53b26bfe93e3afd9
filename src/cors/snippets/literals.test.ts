import { describe, expect, it } from 'vitest';
import {
  apacheHeaderValue,
  csString,
  escapeRegex,
  goString,
  javaString,
  jsString,
  nginxString,
  pyRegex,
  pyString,
  rubyString,
} from './literals';

describe('string literals', () => {
  it.each([
    [jsString, `'a\\'b\\\\c'`],
    [pyString, `"a'b\\\\c"`],
    [javaString, `"a'b\\\\c"`],
    [csString, `"a'b\\\\c"`],
    [goString, `"a'b\\\\c"`],
    [rubyString, `'a\\'b\\\\c'`],
    [nginxString, `'a\\'b\\\\c'`],
  ])('%o escapes quotes and backslashes', (quote, expected) => {
    expect(quote("a'b\\c")).toBe(expected);
  });

  it('double-quoted languages escape the double quote', () => {
    expect(pyString('a"b')).toBe('"a\\"b"');
    expect(javaString('a"b')).toBe('"a\\"b"');
    expect(apacheHeaderValue('a"b')).toBe('"a\\"b"');
  });

  it('control characters never end the line', () => {
    expect(jsString('a\nb')).toBe("'a\\u000ab'");
    // Java decodes \u escapes before lexing, so a newline needs octal.
    expect(javaString('a\nb')).toBe('"a\\012b"');
    expect(goString('a\nb')).toBe('"a\\x0ab"');
    expect(rubyString('a\nb#{x}')).toBe('"a\\u000ab\\#{x}"');
    expect(nginxString('a\nb')).toBe("'a%0Ab'");
  });

  it('Apache values double `%`, which mod_headers reads as a format', () => {
    expect(apacheHeaderValue('100%')).toBe('"100%%"');
  });

  it('regular expressions: metacharacters escaped, raw strings when possible', () => {
    expect(escapeRegex('/v1.0/a+b(c)')).toBe('/v1\\.0/a\\+b\\(c\\)');
    expect(pyRegex('^/v1\\.0$')).toBe('r"^/v1\\.0$"');
    expect(pyRegex('a"b')).toBe('"a\\"b"');
  });
});
