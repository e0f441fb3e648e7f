// Shadow-DOM styles of <video-relay-player>.
export const PLAYER_CSS = `
:host { display: block; position: relative; background: #000; color: #e8eaed; font: 13px/1.35 system-ui, sans-serif;
  aspect-ratio: 16 / 9; overflow: hidden; border-radius: 10px; }
:host(:fullscreen), .root:fullscreen { border-radius: 0; }
.root { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; background: #000; }
video { width: 100%; height: 100%; object-fit: contain; background: #000; }
.status { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%); padding: 10px 18px;
  background: rgba(20, 22, 28, .82); border: 1px solid rgba(255,255,255,.12); border-radius: 999px; font-size: 15px;
  display: flex; align-items: center; gap: 10px; pointer-events: none; white-space: nowrap; }
.status[hidden] { display: none; }
.status .dot { width: 9px; height: 9px; border-radius: 50%; background: #f5b942; }
.status[data-status="connecting"] .dot { animation: pulse 1s ease-in-out infinite; }
.status[data-status="offline"] .dot, .status[data-status="not-found"] .dot, .status[data-status="error"] .dot { background: #ef5350; }
@keyframes pulse { 50% { opacity: .25; } }
.bar { position: absolute; left: 0; right: 0; bottom: 0; display: flex; gap: 6px; align-items: center; padding: 10px;
  background: linear-gradient(transparent, rgba(0,0,0,.7)); opacity: 0; transition: opacity .2s; }
.root:hover .bar, .bar:focus-within, .bar.pinned { opacity: 1; }
.bar .grow { flex: 1; }
button, select { font: inherit; color: #e8eaed; background: rgba(40, 44, 52, .85); border: 1px solid rgba(255,255,255,.15);
  border-radius: 6px; padding: 5px 10px; cursor: pointer; display: inline-flex; align-items: center; gap: 6px; }
button:hover, select:hover { background: rgba(60, 66, 78, .95); }
button[aria-pressed="true"] { border-color: #4fc3f7; color: #4fc3f7; }
.live { color: #fff; background: #e53935; border-radius: 4px; padding: 2px 7px; font-weight: 700; font-size: 11px; letter-spacing: .06em; }
.live[hidden] { display: none; }
.stats { position: absolute; top: 10px; right: 10px; min-width: 230px; padding: 8px 10px; border-radius: 8px;
  background: rgba(10, 12, 16, .78); border: 1px solid rgba(255,255,255,.1); font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace;
  backdrop-filter: blur(3px); }
.stats[hidden] { display: none; }
.stats table { border-collapse: collapse; width: 100%; }
.stats td { padding: 0 4px; white-space: nowrap; }
.stats td:first-child { color: #9aa0a6; }
.stats td:last-child { text-align: right; font-variant-numeric: tabular-nums; }
.stats .g2g td:last-child { color: #81c784; font-weight: 700; }
.stats canvas { display: block; width: 230px; height: 60px; margin-top: 6px; }
`;
