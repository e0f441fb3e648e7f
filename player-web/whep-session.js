// Keeps one WHEP playback alive: connect, report status, reconnect with exponential backoff when the POST fails or
// the connection fails/disconnects, restart on a rendition change. No DOM: the custom element renders `status`.

import { Backoff } from './backoff.js';
import { WhepClient, WhepError } from './whep-client.js';

export const STATUS_TEXT = {
  idle: '',
  connecting: 'connecting…',
  playing: 'playing',
  offline: 'stream offline',
  'not-found': 'not found',
  error: 'error',
  stopped: 'stopped',
};

const DISCONNECT_GRACE_MS = 2000;

export class WhepSession {
  constructor({ url, rendition = 'auto', fetch = globalThis.fetch?.bind(globalThis),
    RTCPeerConnection = globalThis.RTCPeerConnection, setTimeout = globalThis.setTimeout.bind(globalThis),
    clearTimeout = globalThis.clearTimeout.bind(globalThis), backoff = new Backoff(), base,
    onStatus, onTrack, onClient, encodedInsertableStreams = false } = {}) {
    Object.assign(this, { url, rendition, fetch, RTCPeerConnection, setTimeout, clearTimeout, backoff, base, encodedInsertableStreams });
    this.onStatus = onStatus;
    this.onTrack = onTrack;
    this.onClient = onClient;
    this.client = null;
    this.status = 'idle';
    this.detail = '';
    this.retryInMs = 0;
    this.attempts = 0;
    this.running = false;
    this._generation = 0;
    this._timer = null;
    this._graceTimer = null;
  }

  get message() {
    const base = STATUS_TEXT[this.status] ?? this.status;
    const text = this.status === 'error' && this.detail ? `${base}: ${this.detail}` : base;
    return this.retryInMs > 0 ? `${text} — retrying in ${(this.retryInMs / 1000).toFixed(1)} s` : text;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this._connect();
  }

  async stop() {
    this.running = false;
    this._generation++;
    this._clearTimers();
    const client = this.client;
    this.client = null;
    this._set('stopped');
    if (client) await client.stop();
  }

  /** Switches rendition by starting a new session (the old one is deleted first). */
  async setRendition(rendition) {
    if (rendition === this.rendition) return;
    this.rendition = rendition;
    if (!this.running) return;
    await this._teardown();
    this.backoff.reset();
    this._connect();
  }

  async _connect() {
    const generation = ++this._generation;
    this._clearTimers();
    this.attempts++;
    this._set('connecting');
    const client = new WhepClient({
      url: this.url, rendition: this.rendition, fetch: this.fetch, RTCPeerConnection: this.RTCPeerConnection,
      base: this.base, encodedInsertableStreams: this.encodedInsertableStreams,
      onTrack: (e) => generation === this._generation && this.onTrack?.(e),
      onConnectionState: (state) => generation === this._generation && this._onConnectionState(state),
    });
    this.client = client;
    this.onClient?.(client);
    try {
      await client.start();
      if (generation !== this._generation) return;
      if (client.pc?.connectionState === 'connected') this._onConnectionState('connected');
    } catch (e) {
      if (generation !== this._generation) return;
      this.client = null;
      const kind = e instanceof WhepError ? e.kind : 'error';
      const status = kind === 'network' ? 'connecting' : kind === 'not-found' ? 'not-found'
        : kind === 'offline' ? 'offline' : 'error';
      this._retry(status, e?.message ?? String(e));
    }
  }

  _onConnectionState(state) {
    if (state === 'connected') {
      if (this._graceTimer) this.clearTimeout(this._graceTimer);
      this._graceTimer = null;
      this.backoff.reset();
      this._set('playing');
    } else if (state === 'failed') {
      this._reconnect('connection failed');
    } else if (state === 'disconnected' && !this._graceTimer) {
      // ICE may recover on its own; give it a moment before starting over.
      this._graceTimer = this.setTimeout(() => {
        this._graceTimer = null;
        if (this.client?.pc?.connectionState !== 'connected') this._reconnect('connection lost');
      }, DISCONNECT_GRACE_MS);
    }
  }

  async _reconnect(reason) {
    if (!this.running) return;
    const generation = ++this._generation; // drops events of the old client
    const client = this.client;
    this.client = null;
    if (client) await client.stop();
    if (generation === this._generation) this._retry('connecting', reason);
  }

  _retry(status, detail) {
    if (!this.running) return;
    const delay = this.backoff.next();
    this.retryInMs = delay;
    this._set(status, detail);
    this._timer = this.setTimeout(() => {
      this._timer = null;
      this.retryInMs = 0;
      if (this.running) this._connect();
    }, delay);
  }

  async _teardown() {
    this._generation++;
    this._clearTimers();
    const client = this.client;
    this.client = null;
    if (client) await client.stop();
  }

  _clearTimers() {
    if (this._timer) this.clearTimeout(this._timer);
    if (this._graceTimer) this.clearTimeout(this._graceTimer);
    this._timer = null;
    this._graceTimer = null;
    this.retryInMs = 0;
  }

  _set(status, detail = '') {
    if (status !== 'connecting' && status !== 'offline' && status !== 'not-found' && status !== 'error') this.retryInMs = 0;
    this.status = status;
    this.detail = detail;
    this.onStatus?.(status, this.message, this);
  }
}
