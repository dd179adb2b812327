// Shared pieces of the end-to-end tests: a static server for the built site that sends the content
// policy we promise self-hosters, the system's Chromium driven by playwright-core, a page wrapper
// that records every console error, failed request and request to another origin, and the steps and
// checks every demo's test takes (open a demo, drag a slider, tab to a control and see its focus
// ring, download and check the exports, play and pause), written once so that each demo is held to
// the same standard and a fix reaches every test.

import http from 'node:http';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
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

/** The language folders of the build (`ru`, `zh`, `uk`): folders holding an index.html. */
export function languageFolders(root = distDir()) {
  return [...new Set(builtPages(root).filter((name) => /^[a-z-]+\/index\.html$/.test(name))
    .map((name) => name.split('/')[0]))];
}

/**
 * The pages the slow page-by-page checks (accessibility) open: every English page, and in each
 * other language its home page and the lesson with the most demos. A translation has the same
 * frame and demos as English, so these cover what differs (the words, `lang`, CJK type) without
 * multiplying the run by the number of languages.
 */
export function checkedPages(root = distDir()) {
  const pages = builtPages(root);
  const english = pages.filter((name) => !name.includes('/'));
  const demos = (name) => (fs.readFileSync(path.join(root, name), 'utf8').match(/data-demo="/g) || []).length;
  const samples = languageFolders(root).flatMap((folder) => {
    const lessons = pages.filter((name) => name.startsWith(`${folder}/`) && name !== `${folder}/index.html`);
    const richest = lessons.reduce((best, name) => (best === null || demos(name) > demos(best) ? name : best), null);
    return [`${folder}/index.html`, ...(richest ? [richest] : [])];
  });
  return [...english, ...samples];
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

/** How many different colours the canvases inside `selector` show: a blank canvas has one. */
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

/** The demo figures of a built page's HTML, in order, as `{ demo, id }`. */
function demoFigures(html) {
  return [...html.matchAll(/<figure\b[^>]*>/g)].map(([tag]) => ({
    demo: /data-demo="([^"]+)"/.exec(tag)?.[1],
    id: /\bid="([^"]+)"/.exec(tag)?.[1],
  })).filter(({ demo, id }) => demo && id);
}

/**
 * The first figure of each demo on the built pages, in page order, as `{ demo, id, page }`: read from
 * the HTML the renderer wrote, so a test can name a figure's settings in a link before it opens it.
 */
export function demoPlacements(root = distDir()) {
  const placements = [];
  for (const page of builtPages(root)) {
    for (const { demo, id } of demoFigures(fs.readFileSync(path.join(root, page), 'utf8'))) {
      if (!placements.some((placement) => placement.demo === demo)) placements.push({ demo, id, page });
    }
  }
  return placements;
}

/**
 * Where a test finds `demo`: the first built page that holds a `pageHolding` demo (the demo itself
 * unless told), and the id of the first `demo` figure on that page. Fails when there is none, so a
 * demo that a lesson stops using fails its tests by name rather than passing them unseen.
 */
export function demoPlacement(demo, { pageHolding = demo, root = distDir() } = {}) {
  const page = pageContaining(`data-demo="${pageHolding}"`, root);
  assert.ok(page, `no built page holds the ${pageHolding} demo`);
  const figure = demoFigures(fs.readFileSync(path.join(root, page), 'utf8')).find((found) => found.demo === demo);
  assert.ok(figure, `${page} holds no ${demo} figure with an id`);
  return { page, id: figure.id };
}

/**
 * The browser and the site's server one test file shares: started before its first test and closed
 * after its last (whichever of them started, should the other fail), with
 * `openDemo(options)` bound to them and to the file's `defaults` (see `openDemo`), so a file that
 * tests one demo names it, and how to tell it is ready, once.
 */
export function testSite(defaults = {}) {
  const site = {
    browser: undefined,
    server: undefined,
    openDemo: (options = {}) => openDemo(site.browser, site.server, { ...defaults, ...options }),
  };
  before(async () => {
    site.browser = await launchBrowser();
    site.server = await startServer();
  });
  after(async () => { await site.server?.close(); await site.browser?.close(); });
  return site;
}

/**
 * Opens the page that holds `demo` (see `demoPlacement`; `query` appended) in a recorded page made
 * with the `context` options, and waits until its first `demo` figure is live (mounted, with a
 * canvas) and, when given, `ready`: a predicate run in the page on `{ figure, ...readyArgs }` (for a
 * demo that loads data or computes over several frames), true within `readyTimeout` ms.
 * The figure is scrolled into view before (a demo mounts only near the screen) and after (mounting
 * moves the layout), so a mouse step lands on it; `scroll: false` goes back to the page's top once
 * the demo is live, for a test that tabs in from there. Returns the recorded page with `id` and `figure`
 * (a selector for that one figure).
 */
export async function openDemo(browser, server, {
  demo, query = '', pageHolding = demo, context = {}, ready, readyArgs = {}, readyTimeout = 10_000,
  scroll = true, timeout = 10_000,
}) {
  const { page: pagePath, id } = demoPlacement(demo, { pageHolding });
  const figure = `#${id}`;
  const recorded = await openRecordedPage(browser, server.origin, context);
  const { page } = recorded;
  await page.goto(server.base + pagePath + query);
  await scrollToDemo(page, figure, { timeout });
  if (!scroll) await page.evaluate(() => window.scrollTo(0, 0));
  if (ready) await page.waitForFunction(ready, { figure, ...readyArgs }, { timeout: readyTimeout });
  if (scroll) await page.locator(figure).scrollIntoViewIfNeeded();
  return { ...recorded, id, figure };
}

/**
 * Scrolls `figure` (a selector) into view and waits until it is live with a canvas: a demo mounts
 * only when it comes near the screen (crates/downhill-web/src/kit/mount_near.rs), as a reader's
 * browser would see it.
 */
export async function scrollToDemo(page, figure, { timeout = 10_000 } = {}) {
  await page.locator(figure).scrollIntoViewIfNeeded();
  await waitForMount(page, figure, { timeout });
}

/** Waits until `figure` (a selector) is live with a canvas, without scrolling. */
export async function waitForMount(page, figure, { timeout = 10_000 } = {}) {
  await page.waitForSelector(`${figure}.demo-live canvas`, { timeout });
}

/**
 * Brings every demo on the page to life, as a reader scrolling through it would: each figure in
 * turn is scrolled into view until it is live (or has failed, saying why), then the page goes back
 * to its top. For tests that check every demo of a page at once.
 */
export async function mountEveryDemo(page, { timeout = 20_000 } = {}) {
  const ids = await page.$$eval('figure[data-demo]', (figures) => figures.map((figure) => figure.id));
  for (const id of ids) {
    const figure = `figure[data-demo][id="${id}"]`;
    await page.locator(figure).scrollIntoViewIfNeeded();
    await page.waitForFunction((selector) => {
      const element = document.querySelector(selector);
      return element.classList.contains('demo-live') || element.classList.contains('demo-failed');
    }, figure, { timeout });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

/**
 * Drags the range input `selector` with the real mouse, as a reader does: press at `from` of its
 * width (the middle unless told), move to `to` in `steps` moves, release. Real mouse events matter
 * because the demos listen for `input` and `change` as a browser sends them, which a script setting
 * the value does not reproduce.
 */
export async function dragSlider(page, selector, to, { from = 0.5, steps = 8 } = {}) {
  const slider = page.locator(selector);
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to, y, { steps });
  await page.mouse.up();
}

/**
 * The focus indicator of the element `selector` names (or, without one, of the focused element), or
 * null when nothing but the body has focus. `visible` is the site's promise to keyboard readers: an
 * outline at least 2 px wide on a box that is on the page (WCAG 2.4.7; every focus rule in www/*.css
 * draws a 3 px outline). `focused` says whether the element is the one with focus.
 */
export async function focusRing(page, selector = null) {
  return page.evaluate((wanted) => {
    const element = wanted ? document.querySelector(wanted) : document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const outline = { width: parseFloat(style.outlineWidth), style: style.outlineStyle };
    return {
      description: `${element.tagName.toLowerCase()}${element.name ? `[name=${element.name}]` : ''}`
        + `${element.dataset.action ? `[data-action=${element.dataset.action}]` : ''}${element.id ? `#${element.id}` : ''}`
        + ` (outline ${outline.width}px ${outline.style})`,
      focused: element === document.activeElement,
      visible: outline.style !== 'none' && outline.width >= 2 && box.width > 0 && box.height > 0,
    };
  }, selector);
}

/** Checks that `selector`'s element (or, without one, whatever has focus) has focus and shows it. */
export async function assertFocusVisible(page, selector = null) {
  const ring = await focusRing(page, selector);
  assert.ok(ring, `nothing has focus${selector ? `, nor is there a ${selector}` : ''}`);
  assert.ok(ring.focused, `${selector} does not have focus`);
  assert.ok(ring.visible, `no visible focus on ${ring.description}`);
}

/**
 * Presses Tab (Shift+Tab when `backwards`) until the focused element matches `selector`, as a reader
 * without a mouse would, checking that every element focused on the way shows its focus ring.
 * Presses nothing when the focus is there already; fails after `limit` presses.
 */
export async function tabTo(page, selector, { backwards = false, limit = 400 } = {}) {
  const arrived = () => page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector);
  for (let press = 0; press < limit && !await arrived(); press += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const ring = await focusRing(page);
    if (ring) assert.ok(ring.visible, `focus is not visible on ${ring.description}`);
  }
  assert.ok(await arrived(), `${limit} presses of ${backwards ? 'Shift+Tab' : 'Tab'} never reached ${selector}`);
}

/** Clicks `figure`'s export button `action` and returns the downloaded file's name and bytes. */
export async function download(page, figure, action) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`${figure} button[data-action="${action}"]`).click(),
  ]);
  const chunks = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk);
  return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Downloads `figure`'s CSV, SVG and PNG exports and checks that each is a whole file of its kind that
 * a reader could open elsewhere: the CSV named *.csv, its first line exactly `csvHeader`, more than
 * `minCsvLines` lines (or exactly `csvLines`), and no NaN or infinity; the SVG named *.svg, one whole
 * <svg> element with no NaN, no "inf" and no inline style (the site's content policy would refuse
 * one, and a drawing must not depend on the page's style sheet); the PNG named *.png, with the PNG
 * signature and over 2,000 bytes (a blank canvas compresses to less). `csvName`, when given, is the
 * exact file name. Returns the CSV's lines, the SVG's text and the PNG's bytes for further checks.
 */
export async function assertExports(page, figure, { csvHeader, csvLines, minCsvLines = 2, csvName }) {
  const csv = await download(page, figure, 'export-csv');
  if (csvName) assert.equal(csv.name, csvName);
  else assert.ok(csv.name.endsWith('.csv'), csv.name);
  const text = csv.bytes.toString('utf8');
  const lines = text.trim().split('\n');
  assert.equal(lines[0], csvHeader);
  if (csvLines !== undefined) assert.equal(lines.length, csvLines, `the CSV has ${lines.length} lines`);
  else assert.ok(lines.length > minCsvLines, `the CSV has only ${lines.length} lines`);
  assert.doesNotMatch(text, /NaN|inf/i, 'the CSV holds a number that is not one');

  const svg = await download(page, figure, 'export-svg');
  assert.ok(svg.name.endsWith('.svg'), svg.name);
  const drawing = svg.bytes.toString('utf8');
  assert.ok(drawing.startsWith('<svg') && drawing.trimEnd().endsWith('</svg>'), drawing.slice(0, 60));
  assert.doesNotMatch(drawing, /NaN|inf|style=/);

  const png = await download(page, figure, 'export-png');
  assert.ok(png.name.endsWith('.png'), png.name);
  assert.deepEqual([...png.bytes.subarray(0, 8)], PNG_SIGNATURE, 'not a PNG');
  assert.ok(png.bytes.length > 2000, `a ${png.bytes.length}-byte PNG is blank`);
  return { csv: lines, svg: drawing, png: png.bytes };
}

/**
 * From a reset, Play changes `figure`'s picture within `playFor` ms, and Pause holds it: after
 * pausing, the picture stays the same for `holdFor` ms and the button is no longer pressed.
 */
export async function assertPlayAndPause(page, figure, { playFor = 300, holdFor = 400 } = {}) {
  const playPause = page.locator(`${figure} button[data-action="play-pause"]`);
  await page.locator(`${figure} button[data-action="reset"]`).click();
  const atStart = await canvasChecksum(page, figure);
  await playPause.click();
  await page.waitForTimeout(playFor);
  assert.notEqual(await canvasChecksum(page, figure), atStart, 'play did not change the picture');
  await playPause.click();
  await page.waitForTimeout(100);
  const paused = await canvasChecksum(page, figure);
  await page.waitForTimeout(holdFor);
  assert.equal(await canvasChecksum(page, figure), paused, 'the picture still changes after pause');
  assert.equal(await playPause.getAttribute('aria-pressed'), 'false');
}
