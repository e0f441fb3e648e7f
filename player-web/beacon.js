// Reports glass-to-glass samples and a stats summary to the edge: POST /api/beacon (JSON), fire-and-forget.

export function buildBeacon({ stream, rendition, samples, stats }) {
  return JSON.stringify({ stream, rendition, samples, stats });
}

export function sendBeacon(url, body, { navigator = globalThis.navigator, fetch = globalThis.fetch?.bind(globalThis) } = {}) {
  try {
    if (navigator?.sendBeacon && navigator.sendBeacon(url, new Blob([body], { type: 'application/json' }))) return true;
  } catch { /* fall back to fetch */ }
  if (!fetch) return false;
  fetch(url, { method: 'POST', body, keepalive: true, headers: { 'Content-Type': 'application/json' } }).catch(() => {});
  return true;
}
