// Exponential reconnect backoff: 0.5 s, 1 s, 2 s, 4 s, 8 s, 8 s, … ; reset() after a good connection.

export class Backoff {
  constructor({ initialMs = 500, maxMs = 8000, factor = 2, jitter = 0, random = Math.random } = {}) {
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.factor = factor;
    this.jitter = jitter;
    this.random = random;
    this.attempt = 0;
  }

  /** Delay before the next attempt (ms); each call moves one step up the schedule. */
  next() {
    const base = Math.min(this.maxMs, this.initialMs * this.factor ** this.attempt);
    this.attempt++;
    if (!this.jitter) return base;
    return Math.round(base * (1 - this.jitter + 2 * this.jitter * this.random()));
  }

  reset() {
    this.attempt = 0;
  }
}

/** The first n delays of a schedule (for display and tests). */
export function backoffSchedule(n, options) {
  const b = new Backoff({ ...options, jitter: 0 });
  return Array.from({ length: n }, () => b.next());
}
