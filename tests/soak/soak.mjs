// The long-session soak behind `cargo xtask soak`: opens lesson pages with their demos playing for
// many minutes and samples, every half minute, what would grow if something leaked: the JavaScript
// heap after a forced garbage collection, the wasm's linear memory, the DOM nodes alive (attached
// or not) and the JavaScript event listeners. It ends with a table, a start/end/max summary and a
// plain verdict per page and measure. Like the benchmarks it reports and never fails on a number; it
// exits non-zero only when it cannot measure (no built site, no demo that plays).
//
// Run alone after `trunk build --release`:
//   DOWNHILL_DIST=dist DOWNHILL_CHROMIUM=/usr/bin/chromium node tests/soak/soak.mjs [--minutes N] [--page P]...
// `--page` takes a built page's path (`07-parameter-updates.html`) or a demo's name (`saddle-race`,
// meaning the first page that holds one); it may be given more than once. The default is the lesson
// with the most races and the lesson with the training dashboard, side by side.

import { startServer, launchBrowser, distDir, builtPages, pageContaining } from '../e2e/harness.mjs';

const SAMPLE_EVERY_MS = 30_000;
// Often enough that a race (a few seconds long) spends most of the soak playing.
const KEEP_PLAYING_EVERY_MS = 2_000;
const DEFAULT_DEMOS = ['saddle-race', 'training-dashboard'];

// A measure "grows" when the highest reading of the soak's second half exceeds the highest of its
// first half by more than this fraction plus this slack. The first half includes the warm-up (the
// digits loading, the first runs' caches filling), so steady state is judged against a fair maximum.
const GROWTH = {
  heap: { label: 'JS heap after GC', unit: 'MB', fraction: 0.05, slack: 0.5 },
  wasm: { label: 'wasm memory', unit: 'MB', fraction: 0.0, slack: 0.0 },
  nodes: { label: 'DOM nodes', unit: '', fraction: 0.05, slack: 50 },
  listeners: { label: 'event listeners', unit: '', fraction: 0.0, slack: 5 },
};

function parseArguments(argv) {
  const options = { minutes: 10, pages: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    const value = argv[index + 1];
    if (argument === '--minutes' && value !== undefined && Number(value) > 0) {
      options.minutes = Number(value);
      index += 1;
    } else if (argument === '--page' && value !== undefined) {
      options.pages.push(value);
      index += 1;
    } else {
      throw new Error(`usage: soak.mjs [--minutes N (> 0)] [--page PAGE-OR-DEMO]...; got \`${argument}\``);
    }
  }
  return options;
}

/** A built page's path from a path or a demo's name. */
function resolvePage(wanted, root) {
  const pages = builtPages(root);
  if (pages.includes(wanted)) return wanted;
  const holding = pageContaining(`data-demo="${wanted}"`, root);
  if (holding) return holding;
  throw new Error(`no built page is \`${wanted}\` or holds a \`${wanted}\` demo; pages: ${pages.join(', ')}`);
}

/**
 * Opens `pagePath` in its own context with a window tall enough to show the whole page, since a demo
 * plays only while it is on screen (crates/downhill-web/src/animation.rs).
 */
async function openSoakPage(browser, base, pagePath) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  // Counts animation frames asked for, so the table shows the demos really were animating.
  await context.addInitScript(() => {
    window.__soakFrames = 0;
    const request = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => { window.__soakFrames += 1; return request(callback); };
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(base + pagePath, { waitUntil: 'load' });
  // The whole page in the viewport, so every demo is on screen: demos mount only near the screen,
  // and play only on it. Chromium renders at most 16384 px in one direction; lessons are shorter.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(height, 16_000) });
  await page.waitForFunction(() => {
    const all = document.querySelectorAll('figure[data-demo]').length;
    return all > 0 && document.querySelectorAll('figure[data-demo].demo-live').length === all;
  }, null, { timeout: 30_000 });
  const session = await context.newCDPSession(page);
  await session.send('Performance.enable');
  return { pagePath, context, page, session, errors, samples: [], presses: 0 };
}

/** Presses play on every demo that is not playing: a finished race or run starts again. */
async function keepPlaying(soakPage) {
  const pressed = await soakPage.page.evaluate(() => {
    let count = 0;
    for (const button of document.querySelectorAll('figure[data-demo] button[data-action="play-pause"]')) {
      if (button.getAttribute('aria-pressed') !== 'true' && !button.disabled) {
        button.click();
        count += 1;
      }
    }
    return count;
  });
  soakPage.presses += pressed;
  return pressed;
}

async function sample(soakPage, startedAt) {
  const { session, page } = soakPage;
  await session.send('HeapProfiler.collectGarbage');
  const { metrics } = await session.send('Performance.getMetrics');
  const metric = (name) => metrics.find((entry) => entry.name === name)?.value ?? NaN;
  const wasmBytes = await page.evaluate(() => globalThis.downhill?.wasmMemoryBytes ?? NaN);
  const playing = await page.evaluate(() =>
    document.querySelectorAll('figure[data-demo] button[data-action="play-pause"][aria-pressed="true"]').length);
  const frames = await page.evaluate(() => window.__soakFrames);
  const reading = {
    seconds: Math.round((Date.now() - startedAt) / 1000),
    heap: metric('JSHeapUsedSize') / 1e6,
    wasm: wasmBytes / 1e6,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    playing,
    framesPerSecond: NaN,
  };
  const previous = soakPage.samples.at(-1);
  if (previous) reading.framesPerSecond = (frames - previous.frames) / Math.max(1, reading.seconds - previous.seconds);
  reading.frames = frames;
  soakPage.samples.push(reading);
  return reading;
}

function formatRow(reading, pagePath) {
  return [
    String(reading.seconds).padStart(6),
    reading.heap.toFixed(2).padStart(9),
    reading.wasm.toFixed(2).padStart(8),
    String(reading.nodes).padStart(7),
    String(reading.listeners).padStart(10),
    String(reading.playing).padStart(8),
    (Number.isFinite(reading.framesPerSecond) ? reading.framesPerSecond.toFixed(0) : '-').padStart(9),
    `  ${pagePath}`,
  ].join('');
}

const HEADER = `${'t (s)'.padStart(6)}${'heap MB'.padStart(9)}${'wasm MB'.padStart(8)}${'nodes'.padStart(7)}`
  + `${'listeners'.padStart(10)}${'playing'.padStart(8)}${'frames/s'.padStart(9)}  page`;

/** `steady` or `growing` for one measure, by the rule at GROWTH. */
function verdict(values, { fraction, slack }) {
  const half = Math.floor(values.length / 2);
  if (half < 1) return 'too short to tell';
  const firstMax = Math.max(...values.slice(0, half));
  const secondMax = Math.max(...values.slice(half));
  return secondMax > firstMax * (1 + fraction) + slack ? 'growing' : 'steady';
}

function summary(soakPage) {
  const lines = [`${soakPage.pagePath}: ${soakPage.samples.length} samples, play pressed ${soakPage.presses} times`];
  for (const [key, rule] of Object.entries(GROWTH)) {
    const values = soakPage.samples.map((reading) => reading[key]);
    const digits = rule.unit === 'MB' ? 2 : 0;
    const show = (value) => `${value.toFixed(digits)}${rule.unit ? ' ' + rule.unit : ''}`;
    lines.push(`  ${rule.label.padEnd(17)} start ${show(values[0]).padStart(9)}  end ${show(values.at(-1)).padStart(9)}`
      + `  max ${show(Math.max(...values)).padStart(9)}  ${verdict(values, rule)}`);
  }
  return lines.join('\n');
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const root = distDir();
  const wanted = options.pages.length > 0 ? options.pages : DEFAULT_DEMOS;
  const pagePaths = [...new Set(wanted.map((name) => resolvePage(name, root)))];
  const server = await startServer(root);
  const browser = await launchBrowser();
  try {
    const soakPages = [];
    for (const pagePath of pagePaths) soakPages.push(await openSoakPage(browser, server.base, pagePath));
    for (const soakPage of soakPages) {
      if (await keepPlaying(soakPage) === 0) throw new Error(`${soakPage.pagePath} has no demo with a play button`);
    }
    const startedAt = Date.now();
    const endAt = startedAt + options.minutes * 60_000;
    console.log(`Soaking ${pagePaths.join(' and ')} for ${options.minutes} min, a sample every ${SAMPLE_EVERY_MS / 1000} s.`);
    console.log(HEADER);
    let nextSample = startedAt;
    while (true) {
      const now = Date.now();
      if (now >= nextSample) {
        for (const soakPage of soakPages) console.log(formatRow(await sample(soakPage, startedAt), soakPage.pagePath));
        if (now >= endAt) break;
        nextSample = Math.min(nextSample + SAMPLE_EVERY_MS, endAt);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(KEEP_PLAYING_EVERY_MS, Math.max(0, nextSample - Date.now()))));
      for (const soakPage of soakPages) await keepPlaying(soakPage);
    }
    console.log('\nSummary (steady: the second half never rose above the first half\'s maximum by more than'
      + ' 5% + 0.5 MB of heap, any wasm memory, 5% + 50 nodes, 5 listeners)');
    for (const soakPage of soakPages) {
      console.log(summary(soakPage));
      if (soakPage.errors.length > 0) console.log(`  errors on the page: ${soakPage.errors.slice(0, 5).join(' | ')}`);
    }
    for (const soakPage of soakPages) await soakPage.context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error.message || error);
  process.exit(1);
});
