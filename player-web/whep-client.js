// WHEP client (draft-ietf-wish-whep): one recvonly video + audio PeerConnection per session.
//
//   POST {endpoint}[?rendition=r]  Content-Type: application/sdp, body = offer
//     201 Created, Location: {session URL, relative to the endpoint}, body = answer
//     404 → no such stream; 409 / 503 → stream offline (not publishing)
//   DELETE {session URL} on stop / page unload
//
// The edge is ICE-lite with a single host candidate in its answer, so the offer goes out at once (no waiting for
// ICE gathering, no trickle PATCH).

export class WhepError extends Error {
  /** @param {'network'|'not-found'|'offline'|'http'|'sdp'} kind */
  constructor(kind, message, status = 0) {
    super(message);
    this.name = 'WhepError';
    this.kind = kind;
    this.status = status;
  }
}

/** The POST URL for a WHEP endpoint and rendition ("auto" adds nothing). */
export function endpointUrl(src, rendition, base = globalThis.location?.href) {
  const url = new URL(src, base);
  if (rendition && rendition !== 'auto') url.searchParams.set('rendition', rendition);
  else url.searchParams.delete('rendition');
  return url.href;
}

/** Asks the receiver for the smallest jitter buffer the browser allows. */
export function applyLowLatency(receiver) {
  try {
    if ('jitterBufferTarget' in receiver) receiver.jitterBufferTarget = 0;
  } catch { /* not supported */ }
  try {
    receiver.playoutDelayHint = 0; // older Chromium name (seconds)
  } catch { /* not supported */ }
}

export class WhepClient {
  /**
   * @param {object} o
   * @param {string} o.url WHEP endpoint (absolute, or relative to the page)
   * @param {string} [o.rendition] "auto" or a rendition name
   * @param {(e: RTCTrackEvent) => void} [o.onTrack]
   * @param {(state: string) => void} [o.onConnectionState]
   */
  constructor({ url, rendition = 'auto', fetch = globalThis.fetch?.bind(globalThis),
    RTCPeerConnection = globalThis.RTCPeerConnection, iceServers = [], onTrack, onConnectionState, base,
    encodedInsertableStreams = false } = {}) {
    this.endpoint = endpointUrl(url, rendition, base);
    this.fetch = fetch;
    this.RTCPeerConnection = RTCPeerConnection;
    this.encodedInsertableStreams = encodedInsertableStreams;
    this.iceServers = iceServers;
    this.onTrack = onTrack;
    this.onConnectionState = onConnectionState;
    this.pc = null;
    this.sessionUrl = null;
    this.closed = false;
  }

  /** Creates the PeerConnection, POSTs the offer, applies the answer. Throws WhepError. */
  async start() {
    const config = { iceServers: this.iceServers, bundlePolicy: 'max-bundle' };
    if (this.encodedInsertableStreams) config.encodedInsertableStreams = true; // Chromium: frames pass through JS first
    const pc = new this.RTCPeerConnection(config);
    this.pc = pc;
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.ontrack = (e) => {
      applyLowLatency(e.receiver);
      this.onTrack?.(e);
    };
    pc.onconnectionstatechange = () => this.onConnectionState?.(pc.connectionState);

    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);

    let res;
    try {
      res = await this.fetch(this.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/sdp', Accept: 'application/sdp' },
        body: pc.localDescription?.sdp ?? offer.sdp,
      });
    } catch (e) {
      this._closePc();
      throw new WhepError('network', `cannot reach ${this.endpoint}: ${e?.message ?? e}`);
    }
    if (this.closed) {
      // stopped while the POST was in flight: still release the session the edge made
      this._adoptLocation(res);
      await this.stop();
      throw new WhepError('network', 'stopped');
    }
    if (res.status === 404) return this._fail(new WhepError('not-found', 'not found', 404));
    if (res.status === 409 || res.status === 503) return this._fail(new WhepError('offline', 'stream offline', res.status));
    if (res.status < 200 || res.status > 299) return this._fail(new WhepError('http', `HTTP ${res.status}`, res.status));

    this._adoptLocation(res);
    const answer = await res.text();
    try {
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    } catch (e) {
      await this.stop();
      throw new WhepError('sdp', `bad answer: ${e?.message ?? e}`);
    }
    return this;
  }

  /** Closes the PeerConnection and DELETEs the session resource (once). */
  async stop() {
    this.closed = true;
    this._closePc();
    const url = this.sessionUrl;
    this.sessionUrl = null;
    if (!url) return;
    try {
      await this.fetch(url, { method: 'DELETE', keepalive: true });
    } catch {
      // the edge also times the session out
    }
  }

  _adoptLocation(res) {
    const location = res.headers?.get?.('Location');
    if (location) this.sessionUrl = new URL(location, this.endpoint).href;
  }

  _fail(error) {
    this._closePc();
    throw error;
  }

  _closePc() {
    if (!this.pc) return;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    try { this.pc.close(); } catch { /* already closed */ }
  }
}
