// A tiny static server for the benchmark that compresses like a real host: every text, JavaScript
// and wasm file is sent gzipped to a browser that accepts gzip (Lighthouse's figures on a server
// that does not compress would describe a host no reader meets). Files are compressed once, on first
// request, and kept in memory. Serves the same content policy as the end-to-end harness's server.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { CONTENT_SECURITY_POLICY } from '../e2e/harness.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
  '.woff2': 'font/woff2', '.gz': 'application/gzip', '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
// Already compressed, or not worth it.
const STORED = new Set(['.png', '.woff2', '.gz']);

/** Serves `root` at a free port on 127.0.0.1; returns `{ base, close }`. */
export async function startGzipServer(root) {
  const compressed = new Map();
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    let relative = decodeURIComponent(url.pathname.slice(1));
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
    const file = path.resolve(root, relative);
    if (!file.startsWith(path.resolve(root)) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const extension = path.extname(file);
    const headers = {
      'Content-Type': TYPES[extension] || 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': 'no-cache',
      Vary: 'Accept-Encoding',
    };
    const gzip = !STORED.has(extension) && /\bgzip\b/.test(request.headers['accept-encoding'] || '');
    if (!gzip) {
      response.writeHead(200, headers);
      fs.createReadStream(file).pipe(response);
      return;
    }
    if (!compressed.has(file)) compressed.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
    const body = compressed.get(file);
    response.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}/`;
  return { base, close: () => new Promise((resolve) => server.close(resolve)) };
}
