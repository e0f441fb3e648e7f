// A tiny stand-in for the edge's HTTP side, for the browser test and for working on the player without an edge:
//   /                → index.html            /watch/{name} → watch.html        /player/* → files of this folder
//   GET /api/streams → the streams below      GET /api/time → {"unixMs": n}     POST /api/beacon → 204 (kept)
//   POST /whep/{name} → 404 unknown stream, 503 stream not live (no real WebRTC here)
// Run: node dev/dev-server.mjs [port]

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json' };

export const DEMO_STREAMS = [
  { name: 'demo', live: true, viewers: 1, renditions: [
    { name: 'source', width: 1280, height: 720 }, { name: '480p', width: 854, height: 480 }, { name: '360p', width: 640, height: 360 }] },
  { name: 'sleepy', live: false, viewers: 0, renditions: [] },
];

export function startServer({ port = 0, streams = DEMO_STREAMS } = {}) {
  const beacons = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const path = url.pathname;
    const send = (status, body = '', type = 'text/plain') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    try {
      if (path === '/api/streams') return send(200, JSON.stringify(streams), 'application/json');
      if (path === '/api/time') return send(200, JSON.stringify({ unixMs: Date.now() }), 'application/json');
      if (path === '/api/beacon' && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += chunk;
        beacons.push(JSON.parse(body));
        return send(204);
      }
      if (path.startsWith('/whep/')) {
        if (req.method === 'DELETE') return send(200);
        const name = decodeURIComponent(path.split('/')[2] ?? '');
        const stream = streams.find((s) => s.name === name);
        if (!stream) return send(404, 'not found');
        return send(503, 'stream offline');
      }
      let file;
      if (path === '/' || path === '/index.html') file = 'index.html';
      else if (path.startsWith('/watch/')) file = 'watch.html';
      else if (path.startsWith('/player/')) file = normalize(path.slice('/player/'.length));
      if (!file || file.startsWith('..') || file.includes('node_modules')) return send(404, 'not found');
      const body = await readFile(join(ROOT, file));
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      send(404, 'not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => resolve({ server, beacons, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startServer({ port: Number(process.argv[2] ?? 8088) });
  console.log(`player dev server on ${url}`);
}
