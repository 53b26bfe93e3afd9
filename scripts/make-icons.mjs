// Draws the CORS Lens icons (a magnifying lens over two linked origins on a
// rounded tile) into public/icons/icon-<size>.png. The PNGs are committed; this
// script exists so they can be redrawn without an image editor or ImageMagick:
//   node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const SUPERSAMPLE = 4; // anti-aliasing: average 4×4 samples per pixel
const outDir = join(dirname(import.meta.dirname), 'public', 'icons');

const TILE = [37, 99, 235]; // blue tile
const GLASS = [219, 234, 254]; // pale lens glass
const INK = [255, 255, 255]; // ring and handle
const DOT_A = [22, 163, 74]; // origin A (green)
const DOT_B = [220, 38, 38]; // origin B (red): the one that was blocked

/** Colour (RGBA 0..255) of the point (x, y) in a unit square, or null if transparent. */
function shade(x, y) {
  // Rounded tile.
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if (Math.hypot(x - cx, y - cy) > r) return null;

  // Lens: centre (0.42, 0.42), outer radius 0.27, ring width 0.07.
  const dx = x - 0.42;
  const dy = y - 0.42;
  const d = Math.hypot(dx, dy);
  // Handle: a thick segment from the ring towards the bottom-right corner.
  const t = (dx + dy) / 2; // projection on the diagonal (unnormalised)
  const across = Math.abs(dx - dy) / Math.SQRT2;
  if (t > 0.17 && t < 0.36 && across < 0.06) return INK;
  if (d <= 0.27 && d >= 0.2) return INK;
  if (d < 0.2) {
    if (Math.hypot(x - 0.34, y - 0.42) < 0.055) return DOT_A;
    if (Math.hypot(x - 0.5, y - 0.42) < 0.055) return DOT_B;
    return GLASS;
  }
  return TILE;
}

function render(size) {
  const rgba = new Uint8Array(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let rs = 0;
      let gs = 0;
      let bs = 0;
      let as = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (c) {
            rs += c[0];
            gs += c[1];
            bs += c[2];
            as += 1;
          }
        }
      }
      const i = (py * size + px) * 4;
      if (as > 0) {
        rgba[i] = Math.round(rs / as);
        rgba[i + 1] = Math.round(gs / as);
        rgba[i + 2] = Math.round(bs / as);
        rgba[i + 3] = Math.round((255 * as) / (n * n));
      }
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  // Each scanline is prefixed with filter type 0 (none).
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(outDir, { recursive: true });
for (const size of SIZES) {
  const file = join(outDir, `icon-${size}.png`);
  writeFileSync(file, png(size, render(size)));
  console.log(`wrote ${file}`);
}
