import { describe, expect, it } from 'vitest';
import {
  characters,
  escapeChar,
  inlineCode,
  shortUrl,
  truncate,
  visibleSegments,
  visibleText,
} from './visible-text';

describe('visibleSegments', () => {
  it('keeps ordinary text, markup and non-ASCII as one plain run', () => {
    expect(visibleSegments('<script>é漢字</script>')).toEqual([
      { text: '<script>é漢字</script>', escaped: false },
    ]);
  });

  it('escapes control characters, DEL, C1 and bidi overrides', () => {
    expect(visibleText('a\u0001\u0007b\u007f\u0085\u202e')).toBe(
      'a\\u0001\\u0007b\\u007f\\u0085\\u202e',
    );
    expect(visibleSegments('a\u0000b').map((s) => s.escaped)).toEqual([false, true, false]);
  });

  it('escapes line feeds and tabs in a header value, keeps them in code', () => {
    expect(visibleText('a\nb\tc')).toBe('a\\u000ab\\u0009c');
    expect(visibleText('a\nb\tc', true)).toBe('a\nb\tc');
    expect(visibleText('a\rb', true)).toBe('a\\u000db');
  });

  it('escapes by code point', () => {
    expect(escapeChar('\u0001')).toBe('\\u0001');
    expect(escapeChar('\ufeff')).toBe('\\ufeff');
  });
});

describe('truncate', () => {
  it('leaves short values alone', () => {
    expect(truncate('abc', 5)).toEqual({ text: 'abc', cut: false });
  });

  it('cuts long values', () => {
    expect(truncate('x'.repeat(65_536), 240)).toEqual({ text: 'x'.repeat(240), cut: true });
  });

  it('never splits a surrogate pair', () => {
    const value = 'ab😀cd';
    expect(truncate(value, 3)).toEqual({ text: 'ab', cut: true });
    expect(truncate(value, 4)).toEqual({ text: 'ab😀', cut: true });
  });
});

describe('inlineCode', () => {
  it('splits the engine’s sentences at backtick spans', () => {
    expect(inlineCode('does not allow the request header `x-foo` (nor `y`)')).toEqual([
      { text: 'does not allow the request header ', code: false },
      { text: 'x-foo', code: true },
      { text: ' (nor ', code: false },
      { text: 'y', code: true },
      { text: ')', code: false },
    ]);
  });

  it('keeps empty spans and unmatched backticks', () => {
    expect(inlineCode('a `` b')).toEqual([
      { text: 'a ', code: false },
      { text: '', code: true },
      { text: ' b', code: false },
    ]);
    expect(inlineCode('one ` only')).toEqual([{ text: 'one ` only', code: false }]);
  });
});

describe('small words', () => {
  it('counts characters', () => {
    expect(characters(1)).toBe('1 character');
    expect(characters(65_536)).toBe('65,536 characters');
  });

  it('shortens URLs', () => {
    expect(shortUrl('http://localhost:7102/api/data?x=1')).toBe('localhost:7102/api/data?x=1');
    expect(shortUrl('not a url')).toBe('not a url');
  });
});
