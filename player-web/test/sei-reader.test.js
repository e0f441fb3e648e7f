import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSeiTimestamp, SeiReader } from '../sei-reader.js';

// Builds an Annex B SEI NAL the way the C# SeiTimestamp writer does (UUID, 8-byte ms, 4-byte counter).
function seiNal(ms, counter) {
  const payload = [...new TextEncoder().encode('VIDEORELAYTIME01')];
  for (let k = 7; k >= 0; k--) payload.push(Math.floor(ms / 2 ** (8 * k)) % 256);
  for (let k = 3; k >= 0; k--) payload.push((counter >>> (8 * k)) & 0xff);
  const rbsp = [5, payload.length, ...payload, 0x80];
  const escaped = [];
  let zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) { escaped.push(3); zeros = 0; }
    escaped.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return [0, 0, 0, 1, 0x06, ...escaped];
}

test('finds the capture time and counter in an access unit, emulation prevention removed', () => {
  const ms = 1_764_000_000_000; // has 00 00 bytes that need escaping in the counter below
  const au = new Uint8Array([0, 0, 0, 1, 0x09, 0xf0, ...seiNal(ms, 0x00000102), 0, 0, 0, 1, 0x65, 0x88, 0x84]);
  assert.deepEqual(findSeiTimestamp(au), { captureMs: ms, counter: 0x102 });
});

test('ignores access units without our SEI', () => {
  assert.equal(findSeiTimestamp(new Uint8Array([0, 0, 0, 1, 0x65, 1, 2, 3])), null);
  const other = seiNal(5, 5);
  other[10] ^= 0xff; // damage the UUID
  assert.equal(findSeiTimestamp(new Uint8Array(other)), null);
});

test('the reader reports receive-side latency from its clock and the offset', () => {
  const reader = new SeiReader({ getOffsetMs: () => 2, now: () => 1_000_050 });
  reader.onFrame(new Uint8Array(seiNal(1_000_000, 1)));
  assert.equal(reader.latestMs, 52);
  assert.equal(reader.p50(), 52);
  assert.equal(reader.withSei, 1);
});
