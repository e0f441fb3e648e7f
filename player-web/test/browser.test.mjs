// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; nothing downloads a browser) against
// the dev server: the list page, "not found" / "stream offline" statuses, and the glass-to-glass meter reading
// the timecode off a real <video> (fed by a canvas stream, since there is no edge here).
// Skipped when playwright-core is not installed (npm install in player-web/) or chromium is missing.
// Set VIDEORELAY_SCREENSHOTS=dir to save screenshots.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../dev/dev-server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let chromium = null;
try {
  ({ chromium } = await import('playwright-core'));
} catch { /* not installed */ }
const skip = !chromium ? 'playwright-core not installed' : !existsSync(CHROMIUM) ? `${CHROMIUM} missing` : false;
const shots = process.env.VIDEORELAY_SCREENSHOTS;

let browser, site, profile;

before(async () => {
  if (skip) return;
  site = await startServer();
  profile = mkdtempSync(join(tmpdir(), 'vr-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    viewport: { width: 1280, height: 800 },
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--allow-loopback-in-peer-connection',
      '--autoplay-policy=no-user-gesture-required'],
  });
});

after(async () => {
  await browser?.close();
  site?.server.closeAllConnections();
  site?.server.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function newPage() {
  const page = await browser.newPage();
  page.on('pageerror', (e) => { throw e; });
  return page;
}

test('list page shows the live streams with links to /watch/{name}', { skip, timeout: 30_000 }, async () => {
  const page = await newPage();
  await page.goto(`${site.url}/`);
  await page.waitForSelector('a.card');
  const cards = await page.$$eval('a.card', (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
  assert.equal(cards[0].href, '/watch/demo');
  assert.match(cards[0].text, /LIVE/);
  assert.match(cards[0].text, /720p · 480p · 360p/);
  assert.equal(cards[1].href, '/watch/sleepy');
  if (shots) await page.screenshot({ path: join(shots, 'list.png') });
  await page.close();
});

async function statusOf(page) {
  return page.$eval('video-relay-player', (p) => p.shadowRoot.querySelector('.status .text').textContent);
}

test('an unknown stream shows "not found"', { skip, timeout: 30_000 }, async () => {
  const page = await newPage();
  await page.goto(`${site.url}/watch/nope`);
  await page.waitForFunction(() => document.querySelector('video-relay-player')?.dataset.status === 'not-found');
  assert.match(await statusOf(page), /^not found/);
  await page.close();
});

test('a stream that is not live shows "stream offline"', { skip, timeout: 30_000 }, async () => {
  const page = await newPage();
  await page.goto(`${site.url}/watch/sleepy`);
  await page.waitForFunction(() => document.querySelector('video-relay-player')?.dataset.status === 'offline');
  assert.match(await statusOf(page), /^stream offline/);
  await page.close();
});

test('glass-to-glass meter reads the timecode off presented frames', { skip, timeout: 30_000 }, async () => {
  const page = await newPage();
  await page.goto(`${site.url}/watch/demo`);
  await page.waitForFunction(() => document.querySelector('video-relay-player')?.dataset.status === 'offline');
  // Feed the player's <video> from a canvas that draws the generator's band with the current time each frame.
  await page.evaluate(async () => {
    const { encode, cellSize } = await import('/player/timecode.js');
    const player = document.querySelector('video-relay-player');
    player.session.stop(); // no edge here: keep the fake picture on screen
    const canvas = Object.assign(document.createElement('canvas'), { width: 640, height: 360 });
    const g = canvas.getContext('2d');
    const draw = () => {
      g.fillStyle = '#335';
      g.fillRect(0, 0, 640, 360);
      const word = encode(performance.timeOrigin + performance.now());
      const c = cellSize(640);
      for (let i = 0; i < 48; i++) {
        const on = Math.floor(word / 2 ** (47 - i)) % 2 === 1;
        g.fillStyle = on ? 'rgb(235,235,235)' : 'rgb(16,16,16)';
        g.fillRect((i % 24) * c, Math.floor(i / 24) * c, c, c);
      }
      requestAnimationFrame(draw);
    };
    draw();
    const video = player.shadowRoot.querySelector('video');
    video.srcObject = canvas.captureStream(30);
    await video.play();
    player.shadowRoot.querySelector('.status').hidden = true;
  });
  await page.waitForFunction(() => (window.__videoRelayStats?.sampledFrames ?? 0) >= 45, null, { timeout: 15_000 });
  const s = await page.evaluate(() => window.__videoRelayStats);
  if (shots) await page.screenshot({ path: join(shots, 'watch.png') });
  assert.ok(s.frameCallbackSupported);
  assert.ok(s.timecodeRate >= 0.95, `timecode read on ${s.timecodeFrames}/${s.sampledFrames} frames`);
  // Canvas → video in one process: tens of ms, never negative by more than the clock's rounding, never seconds.
  assert.ok(s.latencyP50Ms > -5 && s.latencyP50Ms < 500, `p50 ${s.latencyP50Ms} ms`);
  assert.ok(Math.abs(s.clockOffsetMs) < 50, `clock offset ${s.clockOffsetMs} ms`);
  await page.close();
});

test('plays over real WebRTC from an in-page sender: status, stats, timecode, beacon, DELETE', { skip, timeout: 60_000 }, async () => {
  const page = await newPage();
  // The "edge" is a second RTCPeerConnection in the page that answers the player's WHEP POST (fetch intercepted)
  // and sends a canvas stream carrying the timecode band. Real encoder, jitter buffer, decoder and compositor.
  await page.addInitScript(() => {
    const realFetch = window.fetch.bind(window);
    window.__whepCalls = [];
    window.fetch = async (url, init = {}) => {
      const u = new URL(url, location.href);
      if (!u.pathname.startsWith('/whep/loop')) return realFetch(url, init);
      window.__whepCalls.push(`${init.method} ${u.pathname}${u.search}`);
      if (init.method === 'DELETE') return new Response(null, { status: 200 });
      const { encode, cellSize } = await import('/player/timecode.js');
      const canvas = Object.assign(document.createElement('canvas'), { width: 640, height: 360 });
      const g = canvas.getContext('2d');
      const draw = () => {
        g.fillStyle = '#335';
        g.fillRect(0, 0, 640, 360);
        const word = encode(performance.timeOrigin + performance.now());
        const c = cellSize(640);
        for (let i = 0; i < 48; i++) {
          g.fillStyle = Math.floor(word / 2 ** (47 - i)) % 2 === 1 ? 'rgb(235,235,235)' : 'rgb(16,16,16)';
          g.fillRect((i % 24) * c, Math.floor(i / 24) * c, c, c);
        }
        requestAnimationFrame(draw);
      };
      draw();
      const stream = canvas.captureStream(30);
      const pc = new RTCPeerConnection();
      window.__sender = pc;
      await pc.setRemoteDescription({ type: 'offer', sdp: init.body });
      for (const t of pc.getTransceivers()) {
        if (t.receiver.track.kind === 'video') {
          t.direction = 'sendonly';
          await t.sender.replaceTrack(stream.getVideoTracks()[0]);
        }
      }
      await pc.setLocalDescription(await pc.createAnswer());
      if (pc.iceGatheringState !== 'complete') {
        await new Promise((r) => pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r()));
      }
      return new Response(pc.localDescription.sdp, { status: 201, headers: { Location: '/whep/loop/session-1' } });
    };
  });
  await page.goto(`${site.url}/watch/loop?rendition=360p`);
  await page.waitForFunction(() => document.querySelector('video-relay-player')?.dataset.status === 'playing', null, { timeout: 20_000 });
  await page.waitForFunction(() => (window.__videoRelayStats?.sampledFrames ?? 0) >= 60 && window.__videoRelayStats.width > 0,
    null, { timeout: 20_000 });
  await page.waitForTimeout(2500); // one beacon period
  const s = await page.evaluate(() => window.__videoRelayStats);
  if (shots) await page.screenshot({ path: join(shots, 'webrtc.png') });
  assert.equal(s.status, 'playing');
  assert.ok(s.fps > 0 && s.bitrateKbps > 0, JSON.stringify(s));
  assert.ok(s.timecodeRate >= 0.95, `timecode read on ${s.timecodeFrames}/${s.sampledFrames} frames`);
  assert.ok(s.latencyP50Ms > 0 && s.latencyP50Ms < 1000, `p50 ${s.latencyP50Ms} ms`);
  const beacon = site.beacons.find((b) => b.stream === 'loop' && b.samples.length > 0);
  assert.ok(beacon, 'a beacon with samples arrived');
  assert.equal(beacon.rendition, '360p');
  assert.ok(beacon.samples[0].presentedUnixMs - beacon.samples[0].captureUnixMs < 1000);
  console.log(`in-page WebRTC loop: ${s.width}x${s.height} ${s.fps} fps, g2g p50 ${s.latencyP50Ms.toFixed(1)} ms, ` +
    `jitter buffer ${s.jitterBufferMsPerFrame?.toFixed(1)} ms/frame, timecode ${s.timecodeFrames}/${s.sampledFrames}`);
  await page.evaluate(() => document.querySelector('video-relay-player').remove());
  await page.waitForFunction(() => window.__whepCalls.includes('DELETE /whep/loop/session-1'));
  assert.deepEqual(await page.evaluate(() => window.__whepCalls), ['POST /whep/loop?rendition=360p', 'DELETE /whep/loop/session-1']);
  await page.close();
});
