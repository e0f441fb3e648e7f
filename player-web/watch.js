// /watch/{stream}: one full-width player. Query options: ?rendition=720p, ?stats=0 to hide the overlay.
import './video-relay-player.js';

const name = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const params = new URLSearchParams(location.search);
document.title = `${name} — VideoRelay`;
document.getElementById('title').textContent = name;

const player = document.createElement('video-relay-player');
player.setAttribute('src', `/whep/${encodeURIComponent(name)}`);
if (params.get('rendition')) player.setAttribute('rendition', params.get('rendition'));
if (params.get('stats') !== '0') player.setAttribute('stats', '');
const below = document.createElement('div');
below.className = 'below';
below.innerHTML = '<span>WebRTC · WHEP</span><span id="state"></span>';
document.getElementById('stage').append(player, below);
player.addEventListener('statuschange', (e) => {
  document.getElementById('state').textContent = e.detail.message;
});
globalThis.__videoRelayPlayer = player;
