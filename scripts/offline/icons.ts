/**
 * Draws the app icons (public/icons/icon-<size>.png) from the favicon's shapes: a blue square
 * with a white mark. Run once when the design changes: node scripts/offline/icons.ts
 * (PNG written by hand with zlib: no image library needed for two flat shapes.)
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(buf: Uint8Array): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Inside the mark of the 32×32 favicon: the path M9 23 16 8l7 15h-4l-3-7-3 7z. */
function inMark(x: number, y: number): boolean {
  const inside = (px: number, py: number, poly: number[][]) => {
    let c = false;
    for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
      const [xi = 0, yi = 0] = poly[i] ?? [];
      const [xj = 0, yj = 0] = poly[j] ?? [];
      if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) c = !c;
    }
    return c;
  };
  return inside(x, y, [[9, 23], [16, 8], [23, 23], [19, 23], [16, 16], [13, 23]]);
}

for (const size of [192, 512]) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const u = ((x + 0.5) / size) * 32;
      const v = ((y + 0.5) / size) * 32;
      const white = inMark(u, v);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = white ? 255 : 0x1f;
      raw[o + 1] = white ? 255 : 0x6f;
      raw[o + 2] = white ? 255 : 0xeb;
      raw[o + 3] = 255;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
  writeFileSync(`public/icons/icon-${String(size)}.png`, png);
  console.log(`public/icons/icon-${String(size)}.png: ${String(png.length)} bytes`);
}
