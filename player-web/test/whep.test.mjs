import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WhepClient, WhepError, endpointUrl } from '../whep-client.js';
import { WhepSession } from '../whep-session.js';
import { scriptedFetch, FakePeerConnection, manualTimers, flush } from '../dev/fakes.mjs';

const SRC = 'https://edge.example/whep/demo';
const answer = 'v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\n';
const created = () => new Response(answer, { status: 201, headers: { Location: 'sessions/abc', 'Content-Type': 'application/sdp' } });

test('endpointUrl adds ?rendition= unless auto', () => {
  assert.equal(endpointUrl(SRC, 'auto'), SRC);
  assert.equal(endpointUrl(SRC, '360p'), `${SRC}?rendition=360p`);
  assert.equal(endpointUrl('/whep/demo', 'source', 'http://127.0.0.1:8080/watch/demo'), 'http://127.0.0.1:8080/whep/demo?rendition=source');
});

test('201 + Location → answer applied; stop() DELETEs the session URL resolved against the endpoint', async () => {
  const { fetch, calls } = scriptedFetch([
    { method: 'POST', respond: created },
    { method: 'DELETE', respond: () => new Response(null, { status: 200 }) },
  ]);
  const client = new WhepClient({ url: SRC, rendition: '720p', fetch, RTCPeerConnection: FakePeerConnection });
  await client.start();
  const pc = client.pc;
  assert.deepEqual(pc.transceivers, [{ kind: 'video', direction: 'recvonly' }, { kind: 'audio', direction: 'recvonly' }]);
  assert.equal(calls[0].url, `${SRC}?rendition=720p`);
  assert.equal(calls[0].init.headers['Content-Type'], 'application/sdp');
  assert.equal(calls[0].init.body, pc.localDescription.sdp);
  assert.equal(pc.remoteDescription.sdp, answer);
  assert.equal(client.sessionUrl, 'https://edge.example/whep/sessions/abc');

  await client.stop();
  assert.equal(calls[1].method, 'DELETE');
  assert.equal(calls[1].url, 'https://edge.example/whep/sessions/abc');
  assert.ok(pc.closed);
  await client.stop(); // idempotent: no second DELETE
  assert.equal(calls.length, 2);
});

for (const [status, kind] of [[404, 'not-found'], [503, 'offline'], [409, 'offline'], [500, 'http']]) {
  test(`POST ${status} → WhepError ${kind}, PeerConnection closed`, async () => {
    const { fetch } = scriptedFetch([{ method: 'POST', respond: () => new Response('no', { status }) }]);
    const client = new WhepClient({ url: SRC, fetch, RTCPeerConnection: FakePeerConnection });
    await assert.rejects(client.start(), (e) => e instanceof WhepError && e.kind === kind && e.status === status);
    assert.ok(client.pc.closed);
  });
}

test('network error → WhepError network', async () => {
  const fetch = async () => { throw new TypeError('Failed to fetch'); };
  const client = new WhepClient({ url: SRC, fetch, RTCPeerConnection: FakePeerConnection });
  await assert.rejects(client.start(), (e) => e.kind === 'network');
});

test('a bad answer deletes the session it created', async () => {
  const { fetch, calls } = scriptedFetch([
    { method: 'POST', respond: () => new Response('garbage', { status: 201, headers: { Location: '/whep/demo/s1' } }) },
    { method: 'DELETE', respond: () => new Response(null, { status: 200 }) },
  ]);
  const client = new WhepClient({ url: SRC, fetch, RTCPeerConnection: FakePeerConnection });
  await assert.rejects(client.start(), (e) => e.kind === 'sdp');
  assert.deepEqual(calls.map((c) => `${c.method} ${c.url}`), ['POST https://edge.example/whep/demo', 'DELETE https://edge.example/whep/demo/s1']);
});

function session(handlers) {
  const timers = manualTimers();
  const { fetch, calls } = scriptedFetch(handlers);
  const statuses = [];
  const s = new WhepSession({ url: SRC, fetch, RTCPeerConnection: FakePeerConnection, setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout, onStatus: (status, message) => statuses.push(message) });
  return { s, timers, calls, statuses };
}

test('session: 404 → "not found", 503 → "stream offline", retries with backoff 0.5 s → 1 s → 2 s', async () => {
  const replies = [404, 503, 503];
  const { s, timers, statuses } = session([
    { method: 'POST', respond: () => (replies.length ? new Response('', { status: replies.shift() }) : created()) },
  ]);
  s.start();
  await flush();
  assert.equal(s.status, 'not-found');
  assert.deepEqual(timers.delays(), [500]);
  assert.equal(timers.runNext(), 500);
  await flush();
  assert.equal(s.status, 'offline');
  assert.equal(timers.runNext(), 1000);
  await flush();
  assert.equal(timers.runNext(), 2000);
  await flush();
  assert.equal(s.status, 'connecting');
  s.client.pc.setConnectionState('connected');
  assert.equal(s.status, 'playing');
  assert.deepEqual(statuses, [
    'connecting…', 'not found — retrying in 0.5 s', 'connecting…', 'stream offline — retrying in 1.0 s',
    'connecting…', 'stream offline — retrying in 2.0 s', 'connecting…', 'playing',
  ]);
  await s.stop();
});

test('session: network error shows connecting…; connection failure reconnects and deletes the old session', async () => {
  let fail = true;
  const { s, timers, calls } = session([
    { method: 'POST', respond: () => { if (fail) { fail = false; throw new TypeError('Failed to fetch'); } return created(); } },
    { method: 'DELETE', respond: () => new Response(null, { status: 200 }) },
  ]);
  s.start();
  await flush();
  assert.equal(s.status, 'connecting');
  assert.match(s.message, /connecting… — retrying in 0.5 s/);
  timers.runNext();
  await flush();
  const first = s.client.pc;
  first.setConnectionState('connected');
  assert.equal(s.status, 'playing');
  first.setConnectionState('failed');
  await flush();
  assert.equal(s.status, 'connecting');
  assert.deepEqual(timers.delays(), [500]); // backoff was reset by the good connection
  assert.ok(calls.some((c) => c.method === 'DELETE'));
  timers.runNext();
  await flush();
  assert.notEqual(s.client.pc, first);
  await s.stop();
  assert.equal(s.status, 'stopped');
  assert.equal(calls.filter((c) => c.method === 'DELETE').length, 2);
});

test('session: disconnected gets a grace period before reconnecting', async () => {
  const { s, timers } = session([
    { method: 'POST', respond: created },
    { method: 'DELETE', respond: () => new Response(null, { status: 200 }) },
  ]);
  s.start();
  await flush();
  const pc = s.client.pc;
  pc.setConnectionState('connected');
  pc.setConnectionState('disconnected');
  assert.equal(s.status, 'playing');
  assert.deepEqual(timers.delays(), [2000]);
  pc.setConnectionState('connected'); // recovered: grace timer cancelled
  assert.deepEqual(timers.delays(), []);
  pc.setConnectionState('disconnected');
  timers.runNext();
  await flush();
  assert.equal(s.status, 'connecting');
  await s.stop();
});

test('session: rendition change deletes the old session and posts with ?rendition=', async () => {
  const { s, calls } = session([
    { method: 'POST', respond: created },
    { method: 'DELETE', respond: () => new Response(null, { status: 200 }) },
  ]);
  s.start();
  await flush();
  await s.setRendition('360p');
  await flush();
  assert.deepEqual(calls.map((c) => `${c.method} ${c.url}`), [
    `POST ${SRC}`, 'DELETE https://edge.example/whep/sessions/abc', `POST ${SRC}?rendition=360p`,
  ]);
  await s.stop();
});
