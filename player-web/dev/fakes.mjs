// Test doubles: a scripted fetch and a minimal RTCPeerConnection.

export function scriptedFetch(handlers) {
  const calls = [];
  const fetch = async (url, init = {}) => {
    const call = { url: String(url), method: init.method ?? 'GET', init };
    calls.push(call);
    const handler = handlers.find((h) => h.method === call.method && (h.match ? h.match(call.url) : true));
    if (!handler) throw new Error(`unexpected ${call.method} ${call.url}`);
    return handler.respond(call);
  };
  return { fetch, calls };
}

export class FakePeerConnection {
  static instances = [];

  constructor(config) {
    this.config = config;
    this.transceivers = [];
    this.connectionState = 'new';
    this.closed = false;
    this.localDescription = null;
    this.remoteDescription = null;
    FakePeerConnection.instances.push(this);
  }

  addTransceiver(kind, init) {
    this.transceivers.push({ kind, direction: init.direction });
  }

  async createOffer() {
    return { type: 'offer', sdp: 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n' };
  }

  async setLocalDescription(d) {
    this.localDescription = d;
  }

  async setRemoteDescription(d) {
    if (!d.sdp.startsWith('v=0')) throw new Error('invalid sdp');
    this.remoteDescription = d;
  }

  setConnectionState(state) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }

  close() {
    this.closed = true;
    this.connectionState = 'closed';
  }
}

/** Timers run by hand: `timers.runNext()`. */
export function manualTimers() {
  const pending = new Map();
  let id = 0;
  return {
    pending,
    setTimeout: (fn, ms) => {
      pending.set(++id, { fn, ms });
      return id;
    },
    clearTimeout: (h) => pending.delete(h),
    delays: () => [...pending.values()].map((t) => t.ms),
    runNext() {
      const [[h, t]] = pending;
      pending.delete(h);
      t.fn();
      return t.ms;
    },
  };
}

export const flush = () => new Promise((r) => setImmediate(r));
