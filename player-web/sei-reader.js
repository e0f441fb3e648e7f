// Reads our SEI capture timestamp (user_data_unregistered, UUID "VIDEORELAYTIME01", then the capture time in Unix
// ms as 8 bytes big-endian and a 4-byte frame counter) from each received H.264 frame *before decoding*, using
// Chromium's encoded insertable streams. receive-side latency = now − capture, next to the presented-frame figure.
// Where the browser has no encoded streams the reader stays off and the player keeps its timecode measurement.

const UUID = new TextEncoder().encode('VIDEORELAYTIME01');

export const encodedStreamsSupported = () =>
  typeof RTCRtpReceiver !== 'undefined' && typeof RTCRtpReceiver.prototype.createEncodedStreams === 'function';

/** Finds our SEI in an Annex B access unit; returns { captureMs, counter } or null. */
export function findSeiTimestamp(bytes) {
  const n = bytes.length;
  for (let i = 0; i + 4 < n; i++) {
    // start code 00 00 01, NAL type 6 (SEI), payload type 5 (user data unregistered)
    if (bytes[i] !== 0 || bytes[i + 1] !== 0 || bytes[i + 2] !== 1 || (bytes[i + 3] & 0x1f) !== 6) continue;
    const rbsp = unescape(bytes, i + 4, Math.min(n, i + 4 + 64));
    if (rbsp.length < 2 + 16 + 12 || rbsp[0] !== 5) continue;
    let p = 1;
    let size = 0;
    while (p < rbsp.length && rbsp[p] === 0xff) size += rbsp[p++];
    size += rbsp[p++];
    if (size < 28 || p + 28 > rbsp.length) continue;
    let same = true;
    for (let k = 0; k < 16 && same; k++) same = rbsp[p + k] === UUID[k];
    if (!same) continue;
    let ms = 0;
    for (let k = 0; k < 8; k++) ms = ms * 256 + rbsp[p + 16 + k];
    let counter = 0;
    for (let k = 0; k < 4; k++) counter = counter * 256 + rbsp[p + 24 + k];
    return { captureMs: ms, counter };
  }
  return null;
}

function unescape(bytes, from, to) {
  const out = [];
  let zeros = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (zeros >= 2 && b === 3) { zeros = 0; continue; }
    out.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return out;
}

export class SeiReader {
  constructor({ getOffsetMs = () => 0, now = () => performance.timeOrigin + performance.now() } = {}) {
    this.getOffsetMs = getOffsetMs;
    this.now = now;
    this.latestMs = undefined;
    this.frames = 0;
    this.withSei = 0;
    this.recent = [];
  }

  /** Pipes a receiver's encoded frames through (video: read the SEI; audio: pass as is). */
  attach(receiver, kind) {
    const { readable, writable } = receiver.createEncodedStreams();
    const reader = this;
    const transform = new TransformStream({
      transform(frame, controller) {
        if (kind === 'video') reader.onFrame(new Uint8Array(frame.data));
        controller.enqueue(frame);
      },
    });
    readable.pipeThrough(transform).pipeTo(writable).catch(() => {});
  }

  onFrame(bytes) {
    this.frames++;
    const sei = findSeiTimestamp(bytes);
    if (!sei) return;
    this.withSei++;
    const ms = this.now() + this.getOffsetMs() - sei.captureMs;
    if (ms < -1000 || ms > 30000) return; // implausible: another clock or a wrapped value
    this.latestMs = ms;
    this.recent.push(ms);
    if (this.recent.length > 150) this.recent.shift();
  }

  p50() {
    if (this.recent.length === 0) return undefined;
    const sorted = [...this.recent].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }
}
