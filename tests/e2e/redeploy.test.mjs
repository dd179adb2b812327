// A redeploy with a changed wasm module. With fixed names a cache or CDN could hand a page of the new
// build the old build's module (or old glue with a new wasm) and break every demo; with Trunk's
// content-hashed names (Trunk.toml `filehash`) each page names its own build's module
// (crates/downhill-lessons/src/wasm_module.rs) and boot.js loads exactly that.
//
// The first build is the site under test (DOWNHILL_DIST). The second is built here by Trunk from the
// same sources with the `bench-entry-points` feature, which changes the module (it adds exports) and
// nothing else, so only the wasm crate is rebuilt. DOWNHILL_REBUILT_DIST names such a build made
// beforehand (`trunk build --release --features bench-entry-points --dist DIR`) to skip that step.
//
// The new build is copied over the old one, as a plain upload does, so the old module's files are
// still served beside the new ones, and the reader's browser already holds the old build in its
// service worker's saved copy.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, openRecordedPage, builtPages, distDir, pageContaining, mountEveryDemo } from './harness.mjs';

const REPOSITORY = path.resolve(import.meta.dirname, '../..');
const PREFIX = '/course/';
const MODULE_FILE = /^downhill-web(?:-[0-9a-f]+)?(?:\.js|_bg\.wasm)$/;

let browser;
let firstBuild;
let secondBuild;
let builtHere = false;

before(async () => {
  firstBuild = distDir();
  secondBuild = process.env.DOWNHILL_REBUILT_DIST || await buildWithChangedModule();
  builtHere = !process.env.DOWNHILL_REBUILT_DIST;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  if (builtHere && secondBuild) fs.rmSync(secondBuild, { recursive: true, force: true });
});

/** Runs Trunk into a temporary folder, showing its output only if it fails. */
async function buildWithChangedModule() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'downhill-rebuilt-'));
  const started = Date.now();
  // wasm-opt (binaryen) and terser live in tests/node_modules; `cargo xtask test` puts them on PATH
  // already, a run by hand may not.
  const env = { ...process.env, PATH: `${path.join(REPOSITORY, 'tests/node_modules/.bin')}${path.delimiter}${process.env.PATH}` };
  const output = [];
  const status = await new Promise((resolve, reject) => {
    const trunk = spawn('trunk', ['build', '--release', '--features', 'bench-entry-points', '--dist', folder],
      { cwd: REPOSITORY, env, stdio: ['ignore', 'pipe', 'pipe'] });
    trunk.stdout.on('data', (chunk) => output.push(chunk));
    trunk.stderr.on('data', (chunk) => output.push(chunk));
    trunk.on('error', reject);
    trunk.on('close', resolve);
  });
  assert.equal(status, 0, `trunk build of the second site failed:\n${Buffer.concat(output).toString().slice(-4000)}`);
  console.log(`# second build with a changed module: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return folder;
}

/**
 * The module a built page names in its head: `{ script, wasm }`, as paths from the site root (a
 * translated page, one folder down, names them through `../`).
 */
function moduleNamedBy(dist, pageName) {
  const html = fs.readFileSync(path.join(dist, pageName), 'utf8');
  const fromRoot = (file) => (file === undefined ? undefined : path.posix.normalize(path.posix.join(path.posix.dirname(pageName), file)));
  const named = (name) => fromRoot(html.match(new RegExp(`<meta name="${name}" content="([^"]+)">`))?.[1]);
  return { script: named('downhill-module'), wasm: named('downhill-wasm') };
}

/** The one module every page of `dist` names; fails if the pages disagree or name none. */
function moduleOfBuild(dist) {
  const pages = builtPages(dist);
  const module = moduleNamedBy(dist, 'index.html');
  assert.match(module.script ?? '', /^downhill-web-[0-9a-f]+\.js$/, `${dist}: index.html names no hashed glue`);
  assert.equal(module.wasm, module.script.replace(/\.js$/, '_bg.wasm'), `${dist}: glue and wasm of different builds`);
  for (const pageName of pages) {
    assert.deepEqual(moduleNamedBy(dist, pageName), module, `${dist}: ${pageName} names another module`);
  }
  return module;
}

test('each build names its own module, and a changed module gets new names', () => {
  const first = moduleOfBuild(firstBuild);
  const second = moduleOfBuild(secondBuild);
  assert.notEqual(first.script, second.script, 'the changed module kept its name');
  assert.notEqual(first.wasm, second.wasm, 'the changed wasm kept its name');
  assert.ok(!fs.readFileSync(path.join(firstBuild, first.wasm)).equals(fs.readFileSync(path.join(secondBuild, second.wasm))),
    'the second build did not change the module');
  // A build holds its own module and no other, so the pages cannot name a leftover.
  for (const [dist, module] of [[firstBuild, first], [secondBuild, second]]) {
    const files = fs.readdirSync(dist).filter((name) => MODULE_FILE.test(name)).sort();
    assert.deepEqual(files, [module.script, module.wasm].sort(), `${dist} holds other module files`);
  }
});

test('after a redeploy over the old files, the new build loads only its own module', async () => {
  const first = moduleOfBuild(firstBuild);
  const second = moduleOfBuild(secondBuild);
  const demoPage = pageContaining('data-demo="saddle-race"', firstBuild);
  assert.ok(demoPage, 'no page of the first build has the saddle race');
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'downhill-redeploy-'));
  fs.cpSync(firstBuild, site, { recursive: true });
  const reached = [];
  const server = await startServer(site, PREFIX, { onRequest: (pathname) => reached.push(pathname) });
  const { context, page, problems } = await openRecordedPage(browser, server.origin);
  const loadedByPage = () => page.evaluate(() => performance.getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname.split('/').pop()));
  const demoLive = async () => {
    await mountEveryDemo(page);
    assert.equal(await page.locator('figure[data-demo]:not(.demo-live)').count(), 0, 'a demo did not come alive');
  };
  const saved = (files) => page.evaluate(async ({ base, files }) => Promise.all(
    files.map(async (file) => (await caches.match(new URL(file, base).href)) !== undefined)), { base: server.base, files });
  try {
    // A reader visits the first build: its module runs and its service worker saves it.
    await page.goto(server.base + demoPage);
    await demoLive();
    assert.ok((await loadedByPage()).includes(first.script), 'the first build did not load its own glue');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
    for (let tries = 0; (await saved([first.script, first.wasm])).includes(false); tries += 1) {
      assert.ok(tries < 75, 'the first build\'s module was never saved for offline use');
      await page.waitForTimeout(200);
    }

    // The redeploy: the new build's files are copied over the old ones; the old module stays.
    fs.cpSync(secondBuild, site, { recursive: true });
    for (const file of [first.script, first.wasm, second.script, second.wasm]) {
      assert.ok(fs.existsSync(path.join(site, file)), `${file} is not being served`);
    }
    await page.waitForLoadState('networkidle');
    reached.length = 0;
    await page.reload({ waitUntil: 'load' });
    await demoLive();
    await page.waitForLoadState('networkidle');

    const loaded = await loadedByPage();
    assert.ok(loaded.includes(second.script) && loaded.includes(second.wasm),
      `the new page did not load its own module: ${loaded.join(', ')}`);
    const stale = [first.script, first.wasm];
    assert.deepEqual(loaded.filter((file) => stale.includes(file)), [], 'the new page loaded the old module');
    assert.deepEqual(reached.filter((pathname) => stale.some((file) => pathname.endsWith('/' + file))), [],
      'the old module was requested after the redeploy');
    assert.ok(reached.includes(PREFIX + second.wasm), 'the new wasm never reached the server');

    // Once every saved page is of the new build, no saved page names the old module: the saved
    // copy drops it instead of growing by one module per redeploy.
    for (const pageName of ['', ...builtPages(secondBuild)]) {
      await page.goto(server.base + pageName, { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
    }
    let kept;
    for (let tries = 0; ; tries += 1) {
      kept = await saved([first.script, first.wasm, second.script, second.wasm]);
      if (kept.join() === 'false,false,true,true') break;
      assert.ok(tries < 75, `saved copy after visiting every new page (old glue, old wasm, new glue, new wasm): ${kept}`);
      await page.waitForTimeout(200);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(site, { recursive: true, force: true });
  }
});
