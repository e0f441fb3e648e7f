// The live-stream list (index.html): GET /api/streams every few seconds, one card per stream linking to /watch/{name}.

const REFRESH_MS = 5000;

export function describe(stream) {
  const renditions = (stream.renditions ?? []).map((r) => (r.height ? `${r.height}p` : r.name)).join(' · ');
  const viewers = `${stream.viewers ?? 0} viewer${stream.viewers === 1 ? '' : 's'}`;
  return [renditions, viewers].filter(Boolean).join(' — ');
}

export function renderStreams(container, message, streams) {
  const doc = container.ownerDocument;
  const sorted = [...streams].sort((a, b) => Number(b.live) - Number(a.live) || String(a.name).localeCompare(b.name));
  container.replaceChildren(...sorted.map((s) => {
    const a = doc.createElement('a');
    a.className = 'card';
    a.href = `/watch/${encodeURIComponent(s.name)}`;
    const name = doc.createElement('div');
    name.className = 'name';
    name.textContent = s.name;
    const badge = doc.createElement('span');
    badge.className = s.live ? 'badge live' : 'badge';
    badge.textContent = s.live ? 'LIVE' : 'offline';
    name.append(badge);
    const meta = doc.createElement('div');
    meta.className = 'meta';
    meta.textContent = describe(s);
    a.append(name, meta);
    return a;
  }));
  message.hidden = streams.length > 0;
  message.className = 'empty';
  message.textContent = 'No live streams right now. Publish with OBS or ffmpeg to rtmp://<host>/live/<name>.';
}

async function refresh() {
  const container = document.getElementById('streams');
  const message = document.getElementById('message');
  try {
    const res = await fetch('/api/streams', { cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const streams = await res.json();
    renderStreams(container, message, Array.isArray(streams) ? streams : []);
  } catch (e) {
    message.hidden = false;
    message.className = 'error';
    message.textContent = `Cannot load the stream list (${e.message}).`;
  }
}

if (globalThis.document) {
  refresh();
  setInterval(refresh, REFRESH_MS);
}
