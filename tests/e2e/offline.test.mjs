// The site after a first visit with the network cut: the service worker (www/sw.js) answers from
// its saved copy, so a lesson's text reads and its demo still runs. The network is cut twice over,
// by Chromium's offline mode and by stopping the server, so nothing can quietly reach it. The site
// is served under a sub-path, as a teacher might host it, to show the worker's scope follows it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startServer, launchBrowser, openRecordedPage, builtPages, distDir, canvasChecksum, distinctColours, pageContaining,
  scrollToDemo,
} from './harness.mjs';

const PREFIX = '/course/downhill/';
// What every page loads, which must all be saved before the network may be cut.
const PAGE_FILES = ['index.html', 'boot.js', 'site.css', 'demos.css', 'favicon.svg', 'fonts/downhill-math.woff2'];
let browser;
let racePage;
// The wasm module and its glue, whose content-hashed names the page carries (wasm_module.rs).
let demoFiles;

before(async () => {
  browser = await launchBrowser();
  racePage = pageContaining('data-demo="saddle-race"');
  demoFiles = racePage ? moduleFilesNamedBy(racePage) : [];
});

/** The two module files `pageName` names in its head, read from the built file. */
function moduleFilesNamedBy(pageName) {
  const html = fs.readFileSync(path.join(distDir(), pageName), 'utf8');
  const files = [...html.matchAll(/<meta name="downhill-(?:module|wasm)" content="([^"]+)">/g)].map((match) => match[1]);
  assert.equal(files.length, 2, `${pageName} does not name its wasm module and glue`);
  return files;
}
after(async () => { await browser?.close(); });

/** Waits until the worker controls the page and has saved every file in `files` (relative to `base`). */
async function waitForSavedCopy(page, base, files) {
  // Polled from here: page.waitForFunction takes the promise an async function returns as truthy.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const missing = await page.evaluate(async ({ base, files }) => {
      if (!navigator.serviceWorker.controller) return ['(no worker controls the page)'];
      const saved = await Promise.all(files.map((file) => caches.match(new URL(file, base).href)));
      return files.filter((file, index) => !saved[index]);
    }, { base, files });
    if (missing.length === 0) return;
    assert.ok(Date.now() < deadline, `not saved for offline use after 15 s: ${missing.join(', ')}`);
    await page.waitForTimeout(200);
  }
}

/** Every still file (`stills/*.svg`) any built page names, relative to the site root. */
function stillFiles() {
  const files = new Set();
  for (const name of builtPages()) {
    const html = fs.readFileSync(path.join(distDir(), name), 'utf8');
    for (const match of html.matchAll(/(?:src|srcset)="(stills\/[^"]+\.svg)"/g)) files.add(match[1]);
  }
  assert.ok(files.size > 0, 'no page names a still');
  return [...files];
}

/** A copy of the built site in a temporary folder, so a test may change files in it. */
function copyOfSite() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'downhill-offline-'));
  fs.cpSync(distDir(), folder, { recursive: true });
  return folder;
}

test('after one visit, a lesson and its demo work with the network cut', async () => {
  assert.ok(racePage, 'no built page holds the saddle-race demo');
  const server = await startServer(distDir(), PREFIX);
  const { context, page, problems } = await openRecordedPage(browser, server.origin);
  try {
    // Demo settings in the query string must not stop the saved page from being found.
    await page.goto(server.base + racePage);
    const id = await page.locator('figure[data-demo="saddle-race"]').first().getAttribute('id');
    await scrollToDemo(page, `#${id}`);
    await page.waitForLoadState('networkidle');
    await page.goto(`${server.base}${racePage}?${id}.speed=5`);
    await scrollToDemo(page, `#${id}`);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, server.base, 'the worker is not scoped to the folder the site is served from');
    await waitForSavedCopy(page, server.base, [racePage, ...PAGE_FILES, ...demoFiles]);
    // Every page's demo stills too, light and dark, so a page first opened offline shows its
    // pictures (with scripts off they are all it has).
    await waitForSavedCopy(page, server.base, stillFiles());
    const headingOnline = await page.locator('h1').first().textContent();

    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    await server.close();
    await page.reload({ waitUntil: 'load' });
    const figure = `#${id}`;
    await scrollToDemo(page, figure);

    assert.equal(await page.locator('h1').first().textContent(), headingOnline);
    assert.ok((await page.locator('main p, article p, p').count()) > 3, 'the lesson text is missing offline');
    const colours = await distinctColours(page, figure);
    assert.ok(colours > 20, `only ${colours} distinct colours on the race offline`);
    assert.equal(await page.locator(`${figure} input[name="speed"]`).inputValue(), '5',
      'the setting from the link was lost offline');
    const before = await canvasChecksum(page, figure);
    const stepButton = page.locator(`${figure} button[data-action="step"]`);
    for (let press = 0; press < 5; press += 1) await stepButton.click();
    assert.notEqual(await canvasChecksum(page, figure), before, 'Step did not move the race offline');

    // Another lesson, never opened, was saved when the worker installed.
    const otherPage = builtPages().find((name) => name !== racePage && name !== 'index.html');
    await page.goto(server.base + otherPage);
    assert.ok((await page.locator('h1').count()) > 0, `${otherPage} did not open offline`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a Russian page opened once keeps the whole Russian course readable offline', async () => {
  const russianPages = builtPages().filter((name) => name.startsWith('ru/'));
  const russianRace = russianPages.find((name) => fs.readFileSync(path.join(distDir(), name), 'utf8')
    .includes('data-demo="saddle-race"'));
  assert.ok(russianRace, 'no Russian page holds the saddle-race demo');
  const server = await startServer(distDir(), PREFIX);
  const { context, page, problems } = await openRecordedPage(browser, server.origin);
  try {
    await page.goto(server.base + russianRace);
    const id = await page.locator('figure[data-demo="saddle-race"]').first().getAttribute('id');
    await scrollToDemo(page, `#${id}`);
    // The page, every other page of its language (never opened), and the shared files it names
    // through `../`, the module among them.
    await waitForSavedCopy(page, server.base, [...russianPages, ...PAGE_FILES, ...moduleFilesNamedBy(racePage), ...stillFiles()]);
    const headingOnline = await page.locator('h1').first().textContent();

    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    await server.close();
    await page.reload({ waitUntil: 'load' });
    await scrollToDemo(page, `#${id}`);
    assert.equal(await page.locator('h1').first().textContent(), headingOnline);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
    // A picture and a demo on the digits need the shared files one folder up.
    assert.ok((await distinctColours(page, `#${id}`)) > 20, 'the race did not draw offline');

    const otherPage = russianPages.find((name) => name !== russianRace && name !== 'ru/index.html');
    await page.goto(server.base + otherPage);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru', `${otherPage} did not open offline`);
    assert.ok((await page.locator('main p').count()) > 3, `${otherPage}: the lesson text is missing offline`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a new build replaces the saved copy on the next visit', async () => {
  const folder = copyOfSite();
  const server = await startServer(folder, PREFIX);
  const { context, page, problems } = await openRecordedPage(browser, server.origin);
  try {
    await page.goto(server.base + 'index.html');
    await waitForSavedCopy(page, server.base, PAGE_FILES);

    // A "new build": the home page's title changes on the server.
    const homeFile = path.join(folder, 'index.html');
    const oldHome = fs.readFileSync(homeFile, 'utf8');
    const newHome = oldHome.replace(/<title>([^<]*)<\/title>/, '<title>$1 (rebuilt)</title>');
    assert.notEqual(newHome, oldHome, 'the home page has no <title> to change');
    fs.writeFileSync(homeFile, newHome);
    // A reload aborts what is still loading (the favicon, say), which would read as a failure.
    await page.waitForLoadState('networkidle');
    await page.reload({ waitUntil: 'load' });
    assert.match(await page.title(), /\(rebuilt\)$/, 'online, the reader did not get the new build');

    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    await server.close();
    await page.reload({ waitUntil: 'load' });
    assert.match(await page.title(), /\(rebuilt\)$/, 'offline, the old build came back');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
