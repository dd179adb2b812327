// Shared pieces of the end-to-end tests: a static server for the built site that sends the content
// policy we promise self-hosters, the system's Chromium driven by playwright-core, and a page wrapper
// that records every console error, failed request and request to another origin.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; object-src 'none'; base-uri 'none'";

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.json': 'application/json', '.woff2': 'font/woff2', '.gz': 'application/gzip',
  '.txt': 'text/plain; charset=utf-8', '.md': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

export function distDir() {
  const dir = process.env.DOWNHILL_DIST || path.resolve(import.meta.dirname, '../../dist');
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`No built site in ${dir}: run \`trunk build --release\` (or \`cargo xtask test\`) first.`);
  }
  return dir;
}

/**
 * Serves `root` on 127.0.0.1 at a free port under `prefix` (a sub-path, as a teacher might host it).
 * `onRequest`, if given, sees the path of every request that reaches the server.
 */
export async function startServer(root = distDir(), prefix = '/', { onRequest } = {}) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    onRequest?.(url.pathname);
    if (!url.pathname.startsWith(prefix)) { response.writeHead(404).end('not found'); return; }
    let relative = decodeURIComponent(url.pathname.slice(prefix.length));
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
    const file = path.resolve(root, relative);
    if (!file.startsWith(path.resolve(root)) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] || 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': 'no-cache',
    });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, base: origin + prefix, close: () => new Promise((resolve) => server.close(resolve)) };
}

export async function launchBrowser() {
  const executablePath = process.env.DOWNHILL_CHROMIUM || '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    // The flags that work as root on our machines; the network ones stop Chromium's own
    // background requests, which the closed network refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Opens a page that records problems: console errors, page errors, failed requests, responses of
 * 400 and above, any request to an origin other than `origin`, and every content-policy violation.
 */
export async function openRecordedPage(browser, origin, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2, ...options });
  // Chromium does not always print a violation to the console (a blocked inline event handler, say,
  // or one in report-only mode), so every page listens for the event itself and logs it as an error,
  // which the console listener below records. Playwright injects this script past the content policy.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`content policy violation: ${event.violatedDirective} blocked `
        + `${event.blockedURI || '(inline)'} in ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
    }, true);
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed request: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`request to another origin: ${url}`);
    }
  });
  return { context, page, problems };
}

/** Every HTML page the build wrote, as paths relative to the site root. */
export function builtPages(root = distDir()) {
  return fs.readdirSync(root, { recursive: true })
    .filter((name) => name.endsWith('.html'))
    .map((name) => name.split(path.sep).join('/'))
    .sort();
}

/** The first built page whose HTML contains `text` (a demo's `data-demo="NAME"`, say), or undefined. */
export function pageContaining(text, root = distDir()) {
  return builtPages(root).find((name) => fs.readFileSync(path.join(root, name), 'utf8').includes(text));
}

/** A checksum of every canvas inside `selector`, read from their pixels. */
export async function canvasChecksum(page, selector) {
  return page.$$eval(`${selector} canvas`, (canvases) => canvases.map((canvas) => {
    const context = canvas.getContext('2d');
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let hash = 2166136261;
    for (let index = 0; index < data.length; index += 7) {
      hash = Math.imul(hash ^ data[index], 16777619) >>> 0;
    }
    return hash;
  }).join(':'));
}

/** How many different colours the canvases inside `selector` show: a blank canvas has one. */
/**
 * The distinct colours of the canvases in `selector` once they hold more than `atLeast`, or the last
 * count after `timeout` ms: a demo on the digits draws a frame or two after its data arrives, later
 * still on a loaded machine, so one early look may catch a blank canvas that is about to be drawn.
 */
export async function coloursOnceDrawn(page, selector, atLeast = 3, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let colours = await distinctColours(page, selector);
  while (colours <= atLeast && Date.now() < deadline) {
    await page.waitForTimeout(100);
    colours = await distinctColours(page, selector);
  }
  return colours;
}

export async function distinctColours(page, selector) {
  return page.$$eval(`${selector} canvas`, (canvases) => {
    const colours = new Set();
    for (const canvas of canvases) {
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      for (let index = 0; index < data.length; index += 4 * 97) {
        colours.add((data[index] << 24) | (data[index + 1] << 16) | (data[index + 2] << 8) | data[index + 3]);
      }
    }
    return colours.size;
  });
}
