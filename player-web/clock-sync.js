// NTP-style clock offset to the edge: GET /api/time → {"unixMs": n}. For each request, with local send time t0 and
// receive time t1, offset = server − (t0 + t1) / 2, uncertainty = rtt / 2. The minimum-RTT sample wins (its
// answer was least delayed by queueing, so its midpoint guess is the tightest).

/** @param {{t0:number, t1:number, serverMs:number}[]} samples local times in Unix ms */
export function estimateOffset(samples) {
  let best = null;
  for (const s of samples) {
    const rtt = s.t1 - s.t0;
    if (!(rtt >= 0) || !Number.isFinite(s.serverMs)) continue;
    if (best === null || rtt < best.rttMs) best = { offsetMs: s.serverMs - (s.t0 + s.t1) / 2, rttMs: rtt };
  }
  if (best === null) return null;
  return { offsetMs: best.offsetMs, rttMs: best.rttMs, uncertaintyMs: best.rttMs / 2, samples: samples.length };
}

/** Local wall clock in Unix ms with sub-ms resolution. */
export function localUnixMs() {
  return performance.timeOrigin + performance.now();
}

/**
 * Measures the offset (edge clock − local clock) with `count` requests.
 * @returns {Promise<{offsetMs:number, rttMs:number, uncertaintyMs:number, samples:number}|null>}
 */
export async function syncClock(url, { count = 5, fetch = globalThis.fetch, now = localUnixMs } = {}) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    try {
      const t0 = now();
      const res = await fetch(url, { cache: 'no-store' });
      const t1 = now();
      if (!res.ok) continue;
      const body = await res.json();
      samples.push({ t0, t1, serverMs: Number(body.unixMs) });
    } catch {
      // a lost sample is fine; the others decide
    }
  }
  return estimateOffset(samples);
}
