// <video-relay-player src="/whep/{stream}" [rendition="auto|source|720p|…"] [stats]>
//
// Plays a VideoRelay stream over WHEP with the lowest latency the browser allows, reconnects on its own, and shows
// live stats with a glass-to-glass readout read from the picture's timecode. Numbers for tests: `player.stats`,
// `window.__videoRelayStats` and the element's data-status / data-latency-ms / data-latency-p50-ms /
// data-timecode-rate attributes.

import { WhepClient, WhepError, endpointUrl } from './whep-client.js';
import { WhepSession, STATUS_TEXT } from './whep-session.js';
import { Backoff, backoffSchedule } from './backoff.js';
import { syncClock } from './clock-sync.js';
import { StatsSampler } from './stats-sampler.js';
import { LatencyTracker } from './latency-tracker.js';
import { LatencyMeter } from './latency-meter.js';
import { SeiReader, encodedStreamsSupported } from './sei-reader.js';
import { buildBeacon, sendBeacon } from './beacon.js';
import { PLAYER_CSS } from './player-style.js';

export { WhepClient, WhepError, WhepSession, Backoff, backoffSchedule, endpointUrl, STATUS_TEXT };

const STATS_INTERVAL_MS = 1000;
const OVERLAY_INTERVAL_MS = 500;
const BEACON_INTERVAL_MS = 2000;
const CLOCK_RESYNC_MS = 30000;
const STREAMS_REFRESH_MS = 10000;

// Inline icons (no icon font or emoji: headless and minimal systems lack them).
const ICON = {
  muted: '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M3 9v6h4l5 5V4L7 9H3z"/><path stroke="currentColor" stroke-width="2" d="M16 9l5 6M21 9l-5 6"/></svg>',
  sound: '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M3 9v6h4l5 5V4L7 9H3z"/><path fill="none" stroke="currentColor" stroke-width="2" d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12"/></svg>',
  fullscreen: '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5"/></svg>',
};

const fmt = (v, digits = 0, unit = '') => (typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(digits)}${unit}` : '–');

const Base = globalThis.HTMLElement ?? class {};

export class VideoRelayPlayer extends Base {
  static get observedAttributes() {
    return ['src', 'rendition', 'stats'];
  }

  constructor() {
    super();
    this.session = null;
    this.sampler = new StatsSampler();
    this.tracker = new LatencyTracker();
    this.clock = null; // { offsetMs, rttMs, uncertaintyMs }
    this.summary = {};
    this.streamInfo = null;
    this._timers = [];
    this._onPageHide = () => this.stop();
  }

  get src() { return this.getAttribute('src') ?? ''; }
  get rendition() { return this.getAttribute('rendition') || 'auto'; }
  get streamName() { return decodeURIComponent(new URL(this.src, location.href).pathname.split('/').filter(Boolean).pop() ?? ''); }
  get apiBase() { return new URL(this.src, location.href).origin; }

  /** Everything the overlay shows, as numbers. */
  get stats() {
    const now = performance.now();
    const m = this.meter;
    return {
      stream: this.streamName,
      rendition: this.rendition,
      status: this.session?.status ?? 'idle',
      ...this.summary,
      latencyMs: this.tracker.latest,
      seiLatencyMs: this.sei?.latestMs,
      seiLatencyP50Ms: this.sei?.p50(),
      seiFrames: this.sei?.withSei ?? 0,
      latencyP50Ms: this.tracker.p50(now),
      latencyP95Ms: this.tracker.p95(now),
      latencyWindowSamples: this.tracker.window(now).length,
      clockOffsetMs: this.clock?.offsetMs,
      clockUncertaintyMs: this.clock?.uncertaintyMs,
      sampledFrames: m?.sampledFrames ?? 0,
      timecodeFrames: m?.timecodeFrames ?? 0,
      presentedFrames: m?.presentedFrames ?? 0,
      timecodeRate: m?.timecodeRate ?? 0,
      implausibleFrames: m?.implausibleFrames ?? 0,
      frameCallbackSupported: m?.supported ?? false,
    };
  }

  connectedCallback() {
    if (!this.shadowRoot) this._render();
    this.start();
  }

  disconnectedCallback() {
    this.stop();
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.shadowRoot || oldValue === value) return;
    if (name === 'stats') this._showStats(value !== null);
    else if (name === 'rendition') {
      this.$rendition.value = this.rendition;
      this.session?.setRendition(this.rendition);
    } else if (name === 'src' && this.isConnected) {
      this.stop();
      this.start();
    }
  }

  start() {
    if (this.session || !this.src) return;
    this.useSei = encodedStreamsSupported() && !this.hasAttribute('no-sei');
    this.sei = new SeiReader({ getOffsetMs: () => this.clock?.offsetMs ?? 0 });
    this.session = new WhepSession({
      url: this.src,
      rendition: this.rendition,
      onStatus: (status, message) => this._setStatus(status, message),
      onTrack: (e) => this._attachTrack(e),
      encodedInsertableStreams: this.useSei,
    });
    this.session.start();
    this.meter = new LatencyMeter(this.$video, { tracker: this.tracker, getOffsetMs: () => this.clock?.offsetMs ?? 0 });
    this.meter.start();
    this._every(STATS_INTERVAL_MS, () => this._pollStats());
    this._every(OVERLAY_INTERVAL_MS, () => this._renderOverlay());
    this._every(BEACON_INTERVAL_MS, () => this._beacon());
    this._every(CLOCK_RESYNC_MS, () => this._syncClock(), true);
    this._every(STREAMS_REFRESH_MS, () => this._loadStreamInfo(), true);
    addEventListener('pagehide', this._onPageHide);
  }

  stop() {
    for (const t of this._timers) clearInterval(t);
    this._timers = [];
    removeEventListener('pagehide', this._onPageHide);
    this.meter?.stop();
    const session = this.session;
    this.session = null;
    session?.stop();
  }

  _every(ms, fn, now = false) {
    if (now) fn();
    this._timers.push(setInterval(fn, ms));
  }

  _render() {
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${PLAYER_CSS}</style>
      <div class="root" part="root">
        <video part="video" playsinline autoplay muted></video>
        <div class="status" part="status" data-status="connecting"><span class="dot"></span><span class="text">connecting…</span></div>
        <div class="stats" part="stats" hidden><table></table><canvas width="460" height="120"></canvas></div>
        <div class="bar" part="controls">
          <span class="live" hidden>LIVE</span>
          <button class="unmute" type="button" title="Unmute">${ICON.muted}<span>Unmute</span></button>
          <span class="grow"></span>
          <select class="rendition" title="Rendition"><option value="auto">auto</option></select>
          <button class="stats-toggle" type="button" aria-pressed="false" title="Stats">Stats</button>
          <button class="fullscreen" type="button" title="Fullscreen">${ICON.fullscreen}</button>
        </div>
      </div>`;
    const $ = (s) => root.querySelector(s);
    this.$root = $('.root');
    this.$video = $('video');
    this.$status = $('.status');
    this.$statusText = $('.status .text');
    this.$stats = $('.stats');
    this.$table = $('.stats table');
    this.$graph = $('.stats canvas');
    this.$live = $('.live');
    this.$unmute = $('.unmute');
    this.$rendition = $('.rendition');
    this.$statsToggle = $('.stats-toggle');
    this.$video.muted = true;

    this.$unmute.addEventListener('click', () => {
      this.$video.muted = !this.$video.muted;
      if (!this.$video.muted) this.$video.play().catch(() => {});
      this._updateMuteButton();
    });
    this.$video.addEventListener('volumechange', () => this._updateMuteButton());
    $('.fullscreen').addEventListener('click', () => {
      if (document.fullscreenElement) document.exitFullscreen();
      else this.$root.requestFullscreen?.().catch(() => {});
    });
    this.$statsToggle.addEventListener('click', () => this.toggleAttribute('stats'));
    this.$rendition.addEventListener('change', () => this.setAttribute('rendition', this.$rendition.value));
    this._showStats(this.hasAttribute('stats'));
  }

  _updateMuteButton() {
    const muted = this.$video.muted;
    this.$unmute.innerHTML = muted ? `${ICON.muted}<span>Unmute</span>` : `${ICON.sound}<span>Mute</span>`;
    this.$unmute.title = muted ? 'Unmute' : 'Mute';
  }

  _showStats(on) {
    this.$stats.hidden = !on;
    this.$statsToggle.setAttribute('aria-pressed', String(on));
    if (on) this._renderOverlay();
  }

  _setStatus(status, message) {
    this.dataset.status = status;
    this.$status.dataset.status = status;
    this.$statusText.textContent = message;
    this.$status.hidden = status === 'playing';
    this.$live.hidden = status !== 'playing';
    this.dispatchEvent(new CustomEvent('statuschange', { detail: { status, message } }));
  }

  _attachTrack(e) {
    const video = this.$video;
    if (e.track.kind !== 'video' && e.track.kind !== 'audio') return;
    if (this.useSei) {
      try {
        this.sei.attach(e.receiver, e.track.kind); // encoded frames pass through JS: read the SEI before decode
      } catch {
        // already attached (renegotiation) or not allowed: the timecode measurement still runs
      }
    }
    let stream = video.srcObject;
    if (!(stream instanceof MediaStream)) stream = new MediaStream();
    for (const old of stream.getTracks()) if (old.kind === e.track.kind && old !== e.track) stream.removeTrack(old);
    if (!stream.getTracks().includes(e.track)) stream.addTrack(e.track);
    if (video.srcObject !== stream) video.srcObject = stream;
    video.play().catch(() => {
      // autoplay with sound refused: stay muted, the button unmutes
      video.muted = true;
      this._updateMuteButton();
      video.play().catch(() => {});
    });
  }

  async _syncClock() {
    const result = await syncClock(`${this.apiBase}/api/time`);
    if (result && (!this.clock || result.rttMs <= this.clock.rttMs * 2 || result.rttMs < 20)) this.clock = result;
  }

  async _loadStreamInfo() {
    try {
      const res = await fetch(`${this.apiBase}/api/streams`, { cache: 'no-store' });
      if (!res.ok) return;
      const streams = await res.json();
      const info = Array.isArray(streams) ? streams.find((s) => s.name === this.streamName) : null;
      this.streamInfo = info ?? null;
      this._fillRenditions(info?.renditions ?? []);
      if (info && info.live === false && this.session?.status !== 'playing') this._setStatus('offline', STATUS_TEXT.offline);
    } catch {
      // the list is a nicety; playback does not depend on it
    }
  }

  _fillRenditions(renditions) {
    const wanted = ['auto', ...renditions.map((r) => r.name)];
    if (!wanted.includes(this.rendition)) wanted.push(this.rendition);
    const current = [...this.$rendition.options].map((o) => o.value);
    if (current.join('\n') === wanted.join('\n')) return;
    this.$rendition.replaceChildren(...wanted.map((name) => {
      const r = renditions.find((x) => x.name === name);
      const label = r?.height ? `${name} (${r.height}p)` : name;
      const option = new Option(label, name);
      return option;
    }));
    this.$rendition.value = this.rendition;
  }

  async _pollStats() {
    const pc = this.session?.client?.pc;
    if (!pc || pc.connectionState === 'closed') return;
    try {
      this.summary = this.sampler.update(await pc.getStats(), performance.now());
    } catch {
      // closed meanwhile
    }
  }

  _renderOverlay() {
    const s = this.stats;
    globalThis.__videoRelayStats = s;
    this.dataset.latencyMs = fmt(s.latencyMs, 1);
    this.dataset.latencyP50Ms = fmt(s.latencyP50Ms, 1);
    this.dataset.timecodeRate = fmt(s.timecodeRate, 3);
    if (this.$stats.hidden) return;
    const rows = [
      ['stream', `${s.stream} · ${s.rendition}`],
      ['status', s.status],
      ['resolution', s.width ? `${s.width}×${s.height}` : '–'],
      ['fps', fmt(s.fps, 1)],
      ['bitrate', fmt(s.bitrateKbps, 0, ' kb/s')],
      ['loss', `${fmt(s.lossPercent, 2, ' %')} (${s.packetsLost ?? 0})`],
      ['NACK / PLI', `${s.nackCount ?? 0} / ${s.pliCount ?? 0}`],
      ['jitter buf/frame', fmt(s.jitterBufferMsPerFrame, 1, ' ms')],
      ['decode/frame', fmt(s.decodeMsPerFrame, 1, ' ms')],
      ['dropped', String(s.framesDropped ?? 0)],
      ['rtt', fmt(s.rttMs, 1, ' ms')],
      ['clock offset', s.clockOffsetMs === undefined ? '–' : `${fmt(s.clockOffsetMs, 1)} ± ${fmt(s.clockUncertaintyMs, 1)} ms`],
      ['timecode', s.frameCallbackSupported ? `${s.timecodeFrames}/${s.sampledFrames} (${fmt(100 * s.timecodeRate, 1)} %)` : 'no rVFC'],
      ['received (SEI)', this.useSei ? fmt(s.seiLatencyP50Ms, 1, ' ms p50') : 'n/a'],
      ['glass-to-glass', fmt(s.latencyMs, 1, ' ms'), 'g2g'],
      ['g2g p50 (5 s)', fmt(s.latencyP50Ms, 1, ' ms'), 'g2g'],
    ];
    this.$table.replaceChildren(...rows.map(([k, v, cls]) => {
      const tr = document.createElement('tr');
      if (cls) tr.className = cls;
      const a = document.createElement('td');
      const b = document.createElement('td');
      a.textContent = k;
      b.textContent = v;
      tr.append(a, b);
      return tr;
    }));
    this._drawGraph(s.latencyP50Ms);
  }

  _drawGraph(p50) {
    const c = this.$graph;
    const g = c.getContext('2d');
    const W = c.width;
    const H = c.height;
    g.fillStyle = '#11141a';
    g.fillRect(0, 0, W, H);
    const now = performance.now();
    const spanMs = 10000;
    const points = this.tracker.samples.filter((p) => p.t >= now - spanMs);
    let top = 50;
    for (const p of points) top = Math.max(top, p.latencyMs * 1.2);
    top = Math.ceil(top / 25) * 25;
    g.strokeStyle = 'rgba(255,255,255,.12)';
    g.fillStyle = '#9aa0a6';
    g.font = '18px ui-monospace, monospace';
    g.lineWidth = 1;
    for (let v = 0; v <= top; v += top / 2) {
      const y = H - (v / top) * (H - 4) - 2;
      g.beginPath();
      g.moveTo(0, y);
      g.lineTo(W, y);
      g.stroke();
    }
    g.fillText(`${top} ms`, 4, 18);
    if (p50 !== undefined) {
      const y = H - (p50 / top) * (H - 4) - 2;
      g.setLineDash([6, 5]);
      g.strokeStyle = 'rgba(129,199,132,.7)';
      g.beginPath();
      g.moveTo(0, y);
      g.lineTo(W, y);
      g.stroke();
      g.setLineDash([]);
    }
    g.strokeStyle = '#4fc3f7';
    g.lineWidth = 2;
    g.beginPath();
    points.forEach((p, i) => {
      const x = W - ((now - p.t) / spanMs) * W;
      const y = H - (Math.max(0, p.latencyMs) / top) * (H - 4) - 2;
      if (i === 0) g.moveTo(x, y);
      else g.lineTo(x, y);
    });
    g.stroke();
  }

  _beacon() {
    const samples = this.tracker.takePending();
    if (!this.session || (samples.length === 0 && this.session.status !== 'playing')) return;
    const { stream, rendition, status, ...stats } = this.stats;
    stats.status = status;
    sendBeacon(`${this.apiBase}/api/beacon`, buildBeacon({ stream, rendition, samples, stats }));
  }
}

if (globalThis.customElements && !customElements.get('video-relay-player')) {
  customElements.define('video-relay-player', VideoRelayPlayer);
}
