import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateOffset, syncClock } from '../clock-sync.js';

test('keeps the minimum-RTT sample; offset = server - midpoint, uncertainty = rtt/2', () => {
  const est = estimateOffset([
    { t0: 1000, t1: 1040, serverMs: 1525 }, // rtt 40
    { t0: 2000, t1: 2004, serverMs: 2503 }, // rtt 4 → offset 2503 - 2002 = 501
    { t0: 3000, t1: 3020, serverMs: 3400 },
  ]);
  assert.equal(est.offsetMs, 501);
  assert.equal(est.rttMs, 4);
  assert.equal(est.uncertaintyMs, 2);
  assert.equal(est.samples, 3);
});

test('ignores broken samples and returns null without any', () => {
  assert.equal(estimateOffset([]), null);
  assert.equal(estimateOffset([{ t0: 10, t1: 5, serverMs: 7 }, { t0: 1, t1: 2, serverMs: NaN }]), null);
});

test('syncClock queries /api/time count times through the injected fetch', async () => {
  let local = 10_000;
  const serverAhead = 250;
  const rtts = [30, 6, 12];
  let i = 0;
  const fetch = async (url) => {
    assert.equal(url, 'http://edge/api/time');
    const rtt = rtts[i++];
    const serverMs = local + rtt / 2 + serverAhead; // answered at the midpoint
    local += rtt;
    return new Response(JSON.stringify({ unixMs: serverMs }), { status: 200 });
  };
  const est = await syncClock('http://edge/api/time', { count: 3, fetch, now: () => local });
  assert.equal(est.offsetMs, serverAhead);
  assert.equal(est.rttMs, 6);
  assert.equal(i, 3);
});
