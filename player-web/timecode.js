// Visual timecode reader/writer — the same spec as ingest/VideoRelay.TestSource/Timecode.cs (keep them in step).
//
// 48-bit word = checksum (bits 42..47) | capture Unix ms (low 42 bits, bits 0..41);
// checksum = (sum of the seven 6-bit groups of the 42-bit value) mod 64.
// Drawn top-left as 2 rows x 24 columns of square cells, cell = floor(width / 24) px, MSB first:
//   row 0 = bits 47..24, row 1 = bits 23..0; white (luma 235) = 1, black (luma 16) = 0.
// Reader: average a small square (a quarter of the cell) at each cell centre, threshold at the midpoint of the
// darkest and brightest samples, accept only if the checksum matches. A transcoded (downscaled) picture keeps the
// band of its source, whose pitch is ~width/24 rather than floor(width/24): both pitches are tried.
//
// Numbers stay below 2^53, so plain arithmetic (never 32-bit bitwise ops) is exact.

export const COLUMNS = 24;
export const ROWS = 2;
export const BITS = 48;
export const VALUE_BITS = 42;
export const VALUE_RANGE = 2 ** VALUE_BITS;
export const WHITE = 235;
export const BLACK = 16;
const MIN_CONTRAST = 48;

export function cellSize(width) {
  return Math.floor(width / COLUMNS);
}

export function checksum(value) {
  let v = Math.floor(value) % VALUE_RANGE;
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    sum += v % 64;
    v = Math.floor(v / 64);
  }
  return sum % 64;
}

/** 48-bit code word for a Unix ms. */
export function encode(unixMs) {
  const value = Math.floor(unixMs) % VALUE_RANGE;
  return checksum(value) * VALUE_RANGE + value;
}

/** The 42-bit value of a 48-bit word, or -1 when the checksum does not match. */
export function decodeWord(word) {
  const value = word % VALUE_RANGE;
  return Math.floor(word / VALUE_RANGE) % 64 === checksum(value) ? value : -1;
}

/** Full Unix ms from a 42-bit value: the candidate nearest to nearUnixMs. */
export function unwrap(value, nearUnixMs) {
  let candidate = nearUnixMs - (nearUnixMs % VALUE_RANGE) + value;
  if (candidate - nearUnixMs > VALUE_RANGE / 2) candidate -= VALUE_RANGE;
  else if (nearUnixMs - candidate > VALUE_RANGE / 2) candidate += VALUE_RANGE;
  return candidate;
}

/** Draws the band into an 8-bit luma plane (used by tests and demos). Returns false if it does not fit. */
export function drawTimecode(luma, width, height, stride, unixMs) {
  const cell = cellSize(width);
  if (cell < 1 || height < ROWS * cell) return false;
  const word = encode(unixMs);
  for (let i = 0; i < BITS; i++) {
    const bit = BITS - 1 - i;
    const on = Math.floor(word / 2 ** bit) % 2 === 1;
    const x0 = (i % COLUMNS) * cell;
    const y0 = Math.floor(i / COLUMNS) * cell;
    for (let y = y0; y < y0 + cell; y++) luma.fill(on ? WHITE : BLACK, y * stride + x0, y * stride + x0 + cell);
  }
  return true;
}

/**
 * Reads the band from a pixel buffer.
 * @param {Uint8Array|Uint8ClampedArray} pixels 8-bit luma (channels = 1) or RGBA (channels = 4, e.g. ImageData.data)
 * @param {object} o
 * @param {number} o.width  buffer width in pixels
 * @param {number} o.height buffer height in pixels
 * @param {number} [o.stride] bytes per row (default width * channels)
 * @param {number} [o.channels] 1 or 4
 * @param {number} [o.frameWidth] width of the video frame the buffer was scaled from (default width): the band
 *   geometry follows the frame's width, then is scaled by width / frameWidth
 * @param {number} [o.nearUnixMs] clock to unwrap the 42-bit value against (default Date.now())
 * @returns {number} capture Unix ms, or -1 if no valid timecode
 */
export function readTimecode(pixels, o) {
  const { width, height } = o;
  const channels = o.channels ?? 1;
  const stride = o.stride ?? width * channels;
  const frameWidth = o.frameWidth ?? width;
  if (width < COLUMNS || height < 2 || pixels.length < (height - 1) * stride + width * channels) return -1;
  const scale = width / frameWidth;
  const floorPitch = cellSize(frameWidth) * scale;
  const exactPitch = (frameWidth / COLUMNS) * scale;
  let value = readWithPitch(pixels, width, height, stride, channels, floorPitch);
  if (value < 0 && exactPitch - floorPitch > 0.01) value = readWithPitch(pixels, width, height, stride, channels, exactPitch);
  return value < 0 ? -1 : unwrap(value, o.nearUnixMs ?? Date.now());
}

const samples = new Int32Array(BITS);

function readWithPitch(pixels, width, height, stride, channels, pitch) {
  if (ROWS * pitch > height + 0.5 || pitch < 1) return -1;
  const half = Math.max(0, Math.floor(pitch / 8));
  let min = 1e9;
  let max = -1e9;
  for (let i = 0; i < BITS; i++) {
    const cx = Math.floor(((i % COLUMNS) + 0.5) * pitch);
    const cy = Math.floor((Math.floor(i / COLUMNS) + 0.5) * pitch);
    const s = sampleSquare(pixels, width, height, stride, channels, cx, cy, half);
    samples[i] = s;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  if (max - min < MIN_CONTRAST) return -1;
  const threshold = Math.floor((min + max) / 2);
  let word = 0;
  for (let i = 0; i < BITS; i++) word = word * 2 + (samples[i] > threshold ? 1 : 0);
  return decodeWord(word);
}

function sampleSquare(pixels, width, height, stride, channels, cx, cy, half) {
  const x0 = Math.max(0, cx - half);
  const x1 = Math.min(width - 1, cx + half);
  const y0 = Math.max(0, cy - half);
  const y1 = Math.min(height - 1, cy + half);
  let sum = 0;
  let n = 0;
  for (let y = y0; y <= y1; y++) {
    let p = y * stride + x0 * channels;
    for (let x = x0; x <= x1; x++, p += channels) {
      // RGBA → luma (BT.601 weights, integer); the band is grey so any weighting works.
      sum += channels === 1 ? pixels[p] : (pixels[p] * 77 + pixels[p + 1] * 150 + pixels[p + 2] * 29) >> 8;
      n++;
    }
  }
  return Math.floor(sum / n);
}
