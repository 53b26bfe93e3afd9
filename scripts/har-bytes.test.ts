import { describe, expect, it } from 'vitest';
import { decodeHarBytes } from './har-bytes';

const text = '{"log":{"entries":[],"creator":{"name":"café"}}}';

function utf16(value: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + value.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    out[2 + i * 2] = bigEndian ? code >> 8 : code & 0xff;
    out[3 + i * 2] = bigEndian ? code & 0xff : code >> 8;
  }
  return out;
}

describe('decodeHarBytes', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    const bytes = new TextEncoder().encode(text);
    expect(decodeHarBytes(bytes)).toBe(text);
    expect(decodeHarBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toBe(text);
  });

  it('reads UTF-16 as PowerShell writes it, either byte order', () => {
    expect(decodeHarBytes(utf16(text, false))).toBe(text);
    expect(decodeHarBytes(utf16(text, true))).toBe(text);
  });
});
