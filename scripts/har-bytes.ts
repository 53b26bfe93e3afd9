/**
 * A HAR file's bytes as text. Browsers and most tools write UTF-8; Windows PowerShell's
 * `>` writes UTF-16 with a byte-order mark, and a team that saved a report that way should
 * not be told it is not JSON.
 */
export function decodeHarBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Big-endian: swap each pair into little-endian, which every TextDecoder knows.
    const swapped = new Uint8Array(bytes.length - 2);
    for (let i = 2; i + 1 < bytes.length; i += 2) {
      swapped[i - 2] = bytes[i + 1] ?? 0;
      swapped[i - 1] = bytes[i] ?? 0;
    }
    return new TextDecoder('utf-16le').decode(swapped);
  }
  // A UTF-8 byte-order mark is dropped by the decoder (and accepted by the import anyway).
  return new TextDecoder('utf-8').decode(bytes);
}
