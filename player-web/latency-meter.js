// Glass-to-glass meter: for every frame the compositor is about to show (requestVideoFrameCallback), draw only the
// top band of the frame, scaled down, into a small canvas, read the visual timecode, and take
//   latency = presentation time (edge clock) − capture time (timecode)
// with presentation time = performance.timeOrigin + metadata.expectedDisplayTime, shifted onto the edge's clock by
// the measured offset (see clock-sync.js).

import { COLUMNS, readTimecode } from './timecode.js';

const CANVAS_WIDTH = 240; // 10 px per cell: plenty for a quarter-cell average
// A 6-bit checksum lets 1 in 64 misreads through; a capture time this far from "now" is such a misread.
const PLAUSIBLE_MS = 30_000;

export class LatencyMeter {
  /**
   * @param {HTMLVideoElement} video
   * @param {{ tracker: import('./latency-tracker.js').LatencyTracker, getOffsetMs?: () => number }} o
   */
  constructor(video, { tracker, getOffsetMs = () => 0 }) {
    this.video = video;
    this.tracker = tracker;
    this.getOffsetMs = getOffsetMs;
    this.supported = typeof video.requestVideoFrameCallback === 'function';
    this.canvas = null;
    this.ctx = null;
    this.handle = 0;
    this.sampledFrames = 0; // frames we looked at
    this.timecodeFrames = 0; // of which the timecode decoded
    this.presentedFrames = 0; // frames the compositor presented meanwhile (metadata.presentedFrames)
    this.implausibleFrames = 0; // checksum passed but the time is absurd (counted as not decoded)
    this._firstPresented = -1;
    this._onFrame = this._onFrame.bind(this);
  }

  start() {
    if (!this.supported || this.handle) return;
    if (!this.canvas) {
      this.canvas = document.createElement('canvas');
      this.ctx = this.canvas.getContext('2d', { willReadFrequently: true, alpha: false });
    }
    this.handle = this.video.requestVideoFrameCallback(this._onFrame);
  }

  stop() {
    if (this.handle) this.video.cancelVideoFrameCallback?.(this.handle);
    this.handle = 0;
  }

  /** Share of looked-at frames whose timecode decoded (0..1). */
  get timecodeRate() {
    return this.sampledFrames ? this.timecodeFrames / this.sampledFrames : 0;
  }

  _onFrame(now, metadata) {
    this.handle = this.video.requestVideoFrameCallback(this._onFrame);
    const w = metadata.width || this.video.videoWidth;
    const h = metadata.height || this.video.videoHeight;
    if (!w || !h) return;
    if (this._firstPresented < 0) this._firstPresented = metadata.presentedFrames - 1;
    this.presentedFrames = metadata.presentedFrames - this._firstPresented;
    this.sampledFrames++;

    const bandRows = Math.min(h, Math.ceil((2 * w) / COLUMNS) + 2);
    const cw = Math.min(CANVAS_WIDTH, w);
    const ch = Math.max(2, Math.round((bandRows * cw) / w));
    if (this.canvas.width !== cw || this.canvas.height !== ch) {
      this.canvas.width = cw;
      this.canvas.height = ch;
    }
    let pixels;
    try {
      this.ctx.drawImage(this.video, 0, 0, w, bandRows, 0, 0, cw, ch);
      pixels = this.ctx.getImageData(0, 0, cw, ch).data;
    } catch {
      return; // tainted or not ready
    }
    const offset = this.getOffsetMs();
    const displayTime = metadata.expectedDisplayTime ?? metadata.presentationTime ?? now;
    const presentedEdgeMs = performance.timeOrigin + displayTime + offset;
    const captureMs = readTimecode(pixels, { width: cw, height: ch, channels: 4, frameWidth: w, nearUnixMs: presentedEdgeMs });
    if (captureMs < 0) return;
    if (Math.abs(presentedEdgeMs - captureMs) > PLAUSIBLE_MS) {
      this.implausibleFrames++;
      return;
    }
    this.timecodeFrames++;
    this.tracker.add(captureMs, presentedEdgeMs, now);
  }
}
