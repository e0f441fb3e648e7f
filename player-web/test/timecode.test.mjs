import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checksum, encode, decodeWord, unwrap, drawTimecode, readTimecode, cellSize, VALUE_RANGE } from '../timecode.js';

const MS = 1_795_000_000_123;

test('checksum is the sum of the seven 6-bit groups mod 64 (same vectors as the C# tests)', () => {
  assert.equal(checksum(VALUE_RANGE - 1), 57);
  assert.equal(checksum(0), 0);
  assert.equal(checksum(1 + 2 * 64 + 3 * 2 ** 36), 6);
});

test('encode puts the checksum in bits 42..47 and decodeWord checks it', () => {
  const word = encode(MS);
  assert.equal(word % VALUE_RANGE, MS % VALUE_RANGE);
  assert.equal(Math.floor(word / VALUE_RANGE), checksum(MS));
  assert.equal(decodeWord(word), MS % VALUE_RANGE);
  assert.equal(decodeWord(word + 1 - 2 * (word % 2)), -1); // flip bit 0
});

test('unwrap picks the candidate nearest the local clock', () => {
  assert.equal(unwrap(MS % VALUE_RANGE, MS + 5000), MS);
  assert.equal(unwrap(MS % VALUE_RANGE, MS - 5000), MS);
});

for (const [w, h] of [[1280, 720], [854, 480], [640, 360], [240, 24]]) {
  test(`luma round trip at ${w}x${h}`, () => {
    const stride = w + 16;
    const luma = new Uint8Array(stride * h).fill(90);
    for (let ms = MS; ms < MS + 50; ms += 7) {
      assert.ok(drawTimecode(luma, w, h, stride, ms));
      assert.equal(readTimecode(luma, { width: w, height: h, stride, nearUnixMs: ms }), ms);
    }
  });
}

/** Band drawn at 1280 wide and box-scaled into a 240-wide RGBA canvas, as the player does with drawImage. */
function scaledRgba(srcW, srcH, dstW, dstH, ms, rangeToFull = true) {
  const luma = new Uint8Array(srcW * srcH).fill(40);
  drawTimecode(luma, srcW, srcH, srcW, ms);
  const out = new Uint8ClampedArray(dstW * dstH * 4);
  for (let y = 0; y < dstH; y++) {
    for (let x = 0; x < dstW; x++) {
      const x0 = Math.floor((x * srcW) / dstW), x1 = Math.max(x0 + 1, Math.floor(((x + 1) * srcW) / dstW));
      const y0 = Math.floor((y * srcH) / dstH), y1 = Math.max(y0 + 1, Math.floor(((y + 1) * srcH) / dstH));
      let sum = 0;
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += luma[yy * srcW + xx];
      let v = sum / ((x1 - x0) * (y1 - y0));
      if (rangeToFull) v = ((v - 16) * 255) / 219; // limited → full range, as the browser's YUV → RGB does
      const p = (y * dstW + x) * 4;
      out[p] = out[p + 1] = out[p + 2] = v;
      out[p + 3] = 255;
    }
  }
  return out;
}

test('reads an RGBA canvas of the band scaled down (video frame width != canvas width)', () => {
  for (const frameWidth of [1280, 854, 640]) {
    const bandRows = Math.ceil((2 * frameWidth) / 24) + 2;
    const ch = Math.round((bandRows * 240) / frameWidth);
    const rgba = scaledRgba(frameWidth, bandRows, 240, ch, MS);
    assert.equal(readTimecode(rgba, { width: 240, height: ch, channels: 4, frameWidth, nearUnixMs: MS }), MS, `frame width ${frameWidth}`);
  }
});

test('reads a band drawn at 1280 and transcoded to 640 (pitch 26.67, not floor(640/24) = 26)', () => {
  const rgba = scaledRgba(1280, 720, 640, 360, MS);
  assert.equal(readTimecode(rgba, { width: 640, height: 360, channels: 4, nearUnixMs: MS }), MS);
});

test('rejects a flat picture and a corrupted cell', () => {
  const flat = new Uint8Array(640 * 60).fill(128);
  assert.equal(readTimecode(flat, { width: 640, height: 60 }), -1);
  const luma = new Uint8Array(640 * 60);
  drawTimecode(luma, 640, 60, 640, MS);
  const c = cellSize(640);
  for (let y = c; y < 2 * c; y++) for (let x = 10 * c; x < 11 * c; x++) luma[y * 640 + x] = 251 - luma[y * 640 + x];
  assert.equal(readTimecode(luma, { width: 640, height: 60, nearUnixMs: MS }), -1);
  assert.equal(readTimecode(new Uint8Array(10), { width: 640, height: 60 }), -1);
});

test('reads the fixture the C# tests wrote: generator frame → ffmpeg scale 640x360 → x264 600k → decoded luma', () => {
  const meta = JSON.parse(readFileSync(new URL('./fixtures/band-640x360-x264.json', import.meta.url), 'utf8'));
  const luma = new Uint8Array(readFileSync(new URL('./fixtures/band-640x360-x264.y', import.meta.url)));
  assert.equal(luma.length, meta.stride * meta.height);
  const ms = readTimecode(luma, { width: meta.width, height: meta.height, stride: meta.stride, nearUnixMs: meta.unixMs + 60_000 });
  assert.equal(ms, meta.unixMs);
});
