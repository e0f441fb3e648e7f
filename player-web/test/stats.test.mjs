import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatsSampler } from '../stats-sampler.js';
import { LatencyTracker, percentile } from '../latency-tracker.js';
import { buildBeacon } from '../beacon.js';

const video = (o) => ({ type: 'inbound-rtp', kind: 'video', ...o });

test('per-frame jitter buffer and decode time come from the deltas between samples', () => {
  const s = new StatsSampler();
  s.update(new Map([['v', video({ bytesReceived: 0, packetsReceived: 0, packetsLost: 0, jitterBufferDelay: 10, jitterBufferEmittedCount: 100,
    totalDecodeTime: 1, framesDecoded: 100 })]]), 0);
  const out = s.update(new Map([
    ['v', video({ frameWidth: 1280, frameHeight: 720, framesPerSecond: 30, bytesReceived: 125_000, packetsReceived: 990, packetsLost: 10,
      nackCount: 4, jitterBufferDelay: 10.3, jitterBufferEmittedCount: 130, totalDecodeTime: 1.06, framesDecoded: 130 })],
    ['t', { type: 'transport', selectedCandidatePairId: 'p' }],
    ['p', { type: 'candidate-pair', id: 'p', currentRoundTripTime: 0.0015 }],
  ]), 1000);
  assert.equal(out.width, 1280);
  assert.equal(out.fps, 30);
  assert.equal(Math.round(out.bitrateKbps), 1000);
  assert.equal(out.lossPercent, 1);
  assert.equal(out.nackCount, 4);
  assert.equal(out.jitterBufferMsPerFrame.toFixed(3), '10.000');
  assert.equal(out.decodeMsPerFrame.toFixed(3), '2.000');
  assert.equal(out.rttMs, 1.5);
});

test('percentile and the 5 s window', () => {
  assert.equal(percentile([5, 1, 3], 50), 3);
  assert.equal(percentile([], 50), undefined);
  const t = new LatencyTracker({ windowMs: 5000 });
  t.add(1000, 1100, 0); // 100 ms, old
  for (let i = 0; i < 10; i++) t.add(2000, 2020 + i, 6000 + i);
  assert.equal(t.latest, 29);
  assert.equal(t.window(6010).length, 10);
  assert.equal(t.p50(6010), 24);
  assert.equal(t.takePending().length, 11);
  assert.equal(t.takePending().length, 0);
});

test('beacon body shape', () => {
  const body = JSON.parse(buildBeacon({ stream: 'demo', rendition: 'auto', samples: [{ captureUnixMs: 1, presentedUnixMs: 2 }], stats: { fps: 30 } }));
  assert.deepEqual(body, { stream: 'demo', rendition: 'auto', samples: [{ captureUnixMs: 1, presentedUnixMs: 2 }], stats: { fps: 30 } });
});
