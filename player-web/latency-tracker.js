// Glass-to-glass samples: keeps a rolling window for the overlay (latest, p50, graph) and a queue for the beacon.

export function percentile(values, p) {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export class LatencyTracker {
  constructor({ windowMs = 5000, historyMs = 20000, maxBeaconSamples = 600 } = {}) {
    this.windowMs = windowMs;
    this.historyMs = historyMs;
    this.maxBeaconSamples = maxBeaconSamples;
    this.samples = []; // { t, latencyMs } with t = local monotonic ms
    this.pending = []; // { captureUnixMs, presentedUnixMs } not yet beaconed
    this.latest = undefined;
  }

  /** @param captureUnixMs from the timecode @param presentedUnixMs presentation time on the edge's clock @param t local ms */
  add(captureUnixMs, presentedUnixMs, t) {
    const latencyMs = presentedUnixMs - captureUnixMs;
    this.latest = latencyMs;
    this.samples.push({ t, latencyMs });
    const horizon = t - this.historyMs;
    let drop = 0;
    while (drop < this.samples.length && this.samples[drop].t < horizon) drop++;
    if (drop > 0) this.samples.splice(0, drop);
    if (this.pending.length < this.maxBeaconSamples) {
      this.pending.push({ captureUnixMs, presentedUnixMs: Math.round(presentedUnixMs * 1000) / 1000 });
    }
    return latencyMs;
  }

  /** Latencies within the last windowMs before `now`. */
  window(now) {
    const from = now - this.windowMs;
    const out = [];
    for (const s of this.samples) if (s.t >= from) out.push(s.latencyMs);
    return out;
  }

  p50(now) {
    return percentile(this.window(now), 50);
  }

  p95(now) {
    return percentile(this.window(now), 95);
  }

  /** Hands the samples gathered since the last call to the beacon. */
  takePending() {
    const out = this.pending;
    this.pending = [];
    return out;
  }
}
