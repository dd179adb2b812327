// The browser half of `cargo xtask bench`: loads the built site in headless Chromium (device pixel
// ratio 2) and prints every figure the budgets of issue 6 name. It reports numbers and never fails
// because a number is over budget; it exits non-zero only when it cannot measure at all.
//
// Each figure is printed twice: once for people, and once as a tab-separated line starting with
// `BENCH`, which `cargo xtask bench` reads for its summary table:
//   BENCH <tab> key <tab> value <tab> unit <tab> budget (or -) <tab> description
//
// Run alone with `node tests/bench/browser.mjs` after `trunk build --release` (DOWNHILL_DIST and
// DOWNHILL_CHROMIUM as for the end-to-end tests). The side-by-side figures also need
// DOWNHILL_BENCH_DIST: the site built with `--features bench-entry-points --dist DIR`.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, launchBrowser, distDir, builtPages, pageContaining } from '../e2e/harness.mjs';
import { measureLongTasks } from './long-tasks.mjs';
import { measureLighthouse } from './lighthouse.mjs';

// Enough repetitions that a p95 means something, few enough that the run stays under a minute or two.
const N_SLIDER_EVENTS = 60;
const N_START_LOADS = 5;
const IDLE_WINDOW_MS = 3000;
// Long enough to see a training run's frame rate settle; the dashboard's run plays for about 5 s.
const LIVE_WINDOW_MS = 5000;
// One frame at 60 frames a second.
const FRAME_MS = 1000 / 60;

const figures = [];

/** Records one figure and prints it both ways. */
function report(key, value, unit, budget, description) {
  const shown = Number.isFinite(value) ? Number(value.toPrecision(4)) : value;
  figures.push({ key, value: shown, unit, budget, description });
  const budgetText = budget === null ? '' : `  (budget ${budget} ${unit})`;
  console.log(`${description}: ${shown} ${unit}${budgetText}`);
  console.log(['BENCH', key, shown, unit, budget === null ? '-' : budget, description].join('\t'));
}

/** The `fraction` quantile of `values` by the nearest-rank rule: the smallest value with at least
 * `fraction` of the values at or below it. */
function quantile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1];
}

function median(values) {
  return quantile(values, 0.5);
}

/** Records around every `input` and `change` event: a capturing listener on the window runs before
 * the demo's own listener on the control and a bubbling one after it, so the difference is the
 * main-thread time of the demo's handler; a frame callback then gives the time to the next frame. */
const EVENT_TIMING_SCRIPT = () => {
  window.__benchEvents = [];
  for (const type of ['input', 'change']) {
    window.addEventListener(type, (event) => { event.__benchStart = performance.now(); }, true);
    window.addEventListener(type, (event) => {
      const handled = performance.now();
      const record = {
        type, name: event.target.name, handler_ms: handled - event.__benchStart, frame_ms: null, trusted: event.isTrusted,
      };
      window.__benchEvents.push(record);
      requestAnimationFrame(() => { record.frame_ms = performance.now() - event.__benchStart; });
    }, false);
  }
};

/** Counts animation-frame callbacks and timers asked for after the counters are reset. */
const IDLE_COUNTING_SCRIPT = () => {
  window.__benchIdle = { frames: 0, timeouts: 0, intervals: 0 };
  const frame = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => { window.__benchIdle.frames += 1; return frame(callback); };
  const timeout = window.setTimeout.bind(window);
  window.setTimeout = (...args) => { window.__benchIdle.timeouts += 1; return timeout(...args); };
  const interval = window.setInterval.bind(window);
  window.setInterval = (...args) => { window.__benchIdle.intervals += 1; return interval(...args); };
};

/** Notes when every demo figure on the page has come alive, and collects the page's measures of
 * mounting each demo (named `downhill-mount <figure id>`). */
const LIVE_TIMING_SCRIPT = () => {
  window.__benchLiveAt = null;
  window.__benchMounts = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name.startsWith('downhill-mount')) window.__benchMounts.push({ name: entry.name.slice(15), duration: entry.duration });
      }
    }).observe({ type: 'measure' });
  } catch (error) {
    // No observer: the start is still measured, without its breakdown.
  }
  const check = () => {
    const all = document.querySelectorAll('figure[data-demo]').length;
    const live = document.querySelectorAll('figure[data-demo].demo-live').length;
    if (all > 0 && live === all && window.__benchLiveAt === null) window.__benchLiveAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
};

/** Collects the page's own measures of each animation frame's main-thread work (named
 * `downhill-frame <figure id>`, see crates/downhill-web/src/timing.rs) as they are made. */
const FRAME_MEASURE_SCRIPT = () => {
  window.__benchFrameMeasures = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name.startsWith('downhill-frame')) {
          window.__benchFrameMeasures.push({ name: entry.name, start: entry.startTime, duration: entry.duration });
        }
      }
    }).observe({ type: 'measure' });
  } catch (error) {
    // A browser without PerformanceObserver: the frame intervals are still measured.
  }
};

async function newPage(browser, initScripts = []) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
  for (const script of initScripts) await context.addInitScript(script);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** The first built page holding `demo` (the end-to-end harness's rule, so both measure the same page). */
function pageHolding(demo) {
  return pageContaining(`data-demo="${demo}"`);
}

async function openDemo(browser, server, demo, pick, initScripts = [EVENT_TIMING_SCRIPT]) {
  const pageName = pageHolding(demo);
  if (!pageName) throw new Error(`no built page holds the ${demo} demo`);
  const opened = await newPage(browser, initScripts);
  await opened.page.goto(server.base + pageName);
  const ids = await opened.page.$$eval(`figure[data-demo="${demo}"]`, (all) => all.map((figure) => figure.id));
  const id = await pick(opened.page, ids);
  const figure = `#${id}`;
  await opened.page.waitForSelector(`${figure}.demo-live canvas`, { timeout: 20_000 });
  await opened.page.locator(figure).scrollIntoViewIfNeeded();
  return { ...opened, figure, pageName };
}

/** Steps each control in `selectors` through values spread over its range with synthetic events,
 * `N_SLIDER_EVENTS` in all, and returns the handler times the page recorded. */
async function driveSliders(page, figure, names) {
  return page.evaluate(async ({ figure, names, nEvents }) => {
    const inputs = names
      .map((name) => document.querySelector(`${figure} input[type="range"][name="${name}"]`))
      .filter(Boolean);
    window.__benchEvents.length = 0;
    for (let eventIdx = 0; eventIdx < nEvents; eventIdx += 1) {
      const input = inputs[eventIdx % inputs.length];
      const min = Number(input.min), max = Number(input.max);
      // A zig-zag over the middle 80% of the range, so every value differs from the last.
      const phase = (eventIdx * 0.137) % 1;
      input.value = String(min + (0.1 + 0.8 * phase) * (max - min));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // Let the browser paint between events, as it would between a user's mouse moves.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return { found: inputs.map((input) => input.name), events: window.__benchEvents.filter((record) => record.type === 'input') };
  }, { figure, names, nEvents: N_SLIDER_EVENTS });
}

/** Drags a slider with the real mouse and returns the handler times of the trusted events. */
async function dragWithMouse(page, selector) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  const box = await page.locator(selector).boundingBox();
  const y = box.y + box.height / 2;
  await page.evaluate(() => { window.__benchEvents.length = 0; });
  await page.mouse.move(box.x + box.width * 0.2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, y, { steps: 30 });
  await page.mouse.move(box.x + box.width * 0.3, y, { steps: 30 });
  await page.mouse.up();
  await page.waitForTimeout(100);
  return page.evaluate(() => window.__benchEvents.filter((record) => record.type === 'input' && record.trusted));
}

function reportTimes(key, description, records, budget) {
  const handler = records.map((record) => record.handler_ms);
  const frame = records.map((record) => record.frame_ms).filter((value) => value !== null);
  if (handler.length === 0) {
    report(`${key}.events`, 0, 'events', null, `${description}: no input events reached the page`);
    return;
  }
  report(`${key}.p50`, median(handler), 'ms', null, `${description}, handler p50 (${handler.length} events)`);
  report(`${key}.p95`, quantile(handler, 0.95), 'ms', budget, `${description}, handler p95`);
  report(`${key}.max`, Math.max(...handler), 'ms', null, `${description}, handler max`);
  if (frame.length > 0) {
    report(`${key}.frame_p95`, quantile(frame, 0.95), 'ms', null, `${description}, event to next frame p95`);
  }
}

async function measureRace(browser, server) {
  // The race with all six optimizers on: the lesson's races differ in how many racers are enabled.
  const race = await openDemo(browser, server, 'saddle-race', async (page, ids) => {
    await page.waitForFunction(() => document.querySelectorAll('figure[data-demo="saddle-race"].demo-live').length > 0,
      null, { timeout: 20_000 });
    const enabled = await page.$$eval('figure[data-demo="saddle-race"]', (all) =>
      all.map((figure) => figure.querySelectorAll('input[type="checkbox"][name^="enable-"]:checked').length));
    return ids[enabled.lastIndexOf(Math.max(...enabled))];
  });
  const { page, figure } = race;
  const facts = await page.evaluate((figure) => {
    const landscape = document.querySelector(`${figure} canvas.demo-layer-landscape`);
    const box = landscape.getBoundingClientRect();
    return {
      enabled: document.querySelectorAll(`${figure} input[type="checkbox"][name^="enable-"]:checked`).length,
      css: `${Math.round(box.width)}x${Math.round(box.height)}`,
      sliders: [...document.querySelectorAll(`${figure} input[type="range"]`)].map((input) => input.name),
    };
  }, figure);
  console.log(`Race ${figure} on ${race.pageName}: ${facts.enabled} racers on, landscape ${facts.css} CSS px, sliders ${facts.sliders.join(', ')}`);
  report('race.racers', facts.enabled, 'racers', null, 'Race: racers enabled in the measured race');

  const sliderNames = facts.sliders.filter((name) => name !== 'speed');
  const synthetic = await driveSliders(page, figure, sliderNames);
  reportTimes('race.slider', 'Race: slider to picture (synthetic input events on every optimizer slider)', synthetic.events, 8);
  const learningRate = synthetic.found.includes('learning-rate') ? 'learning-rate' : sliderNames[0];
  const mouse = await dragWithMouse(page, `${figure} input[type="range"][name="${learningRate}"]`);
  reportTimes('race.mouse', `Race: slider to picture (real mouse drag on ${learningRate})`, mouse, 8);

  // A surface change recomputes the landscape layer, the runs, the paths and the loss chart.
  const surfaceTimes = await page.evaluate(async (figure) => {
    const select = document.querySelector(`${figure} select[name="surface"]`);
    if (!select) return [];
    const values = [...select.options].map((option) => option.value);
    // Since 2026-12-03 the handler draws the landscape and leaves the paths, the loss chart and
    // the text to the next frame, measured as `downhill-deferred-redraw <figure id>`.
    const deferred = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name.startsWith('downhill-deferred-redraw')) deferred.push(entry.duration);
      }
    });
    observer.observe({ type: 'measure' });
    window.__benchEvents.length = 0;
    const changes = [];
    for (let round = 0; round < 3; round += 1) {
      for (const value of values) {
        const before = deferred.length;
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        // The observer hears of a measure a task later at the latest.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const handler = window.__benchEvents.filter((record) => record.type === 'change').at(-1)?.handler_ms ?? 0;
        const next = deferred.slice(before).reduce((sum, ms) => sum + ms, 0);
        changes.push({ handler, deferred: next });
      }
    }
    observer.disconnect();
    return changes;
  }, figure);
  if (surfaceTimes.length > 0) {
    const whole = surfaceTimes.map((change) => change.handler + change.deferred);
    const handlers = surfaceTimes.map((change) => change.handler);
    const deferreds = surfaceTimes.map((change) => change.deferred);
    const largest = surfaceTimes.map((change) => Math.max(change.handler, change.deferred));
    report('race.surface.p50', median(whole), 'ms', null, `Race: surface change, whole redraw p50 (${surfaceTimes.length} changes; both frames together)`);
    report('race.surface.whole_p95', quantile(whole, 0.95), 'ms', null, 'Race: surface change, whole redraw p95 (landscape, runs, paths, loss chart; both frames together)');
    report('race.surface.handler_p95', quantile(handlers, 0.95), 'ms', null, 'Race: surface change, the change handler (landscape) p95');
    report('race.surface.deferred_p95', quantile(deferreds, 0.95), 'ms', null, 'Race: surface change, the next frame (runs drawn, paths, loss chart, text) p95');
    report('race.surface.p95', quantile(largest, 0.95), 'ms', 30, 'Race: surface change, the larger of its two frames p95');
  }

  await sideBySide(browser, race.pageName);
  await idleAfterPlay(page, figure);
  await race.context.close();
}

/**
 * The naive landscape against ours, and optimizer steps in wasm, through the bench exports. The
 * shipped module leaves them out, so this runs on the race's page of a second copy of the site
 * built with them (`trunk build --release --features bench-entry-points`), which `cargo xtask bench`
 * builds and names in DOWNHILL_BENCH_DIST.
 */
async function sideBySide(browser, pageName) {
  const benchDist = process.env.DOWNHILL_BENCH_DIST;
  if (!benchDist) {
    console.log('No DOWNHILL_BENCH_DIST (the site built with --features bench-entry-points): side by side skipped.');
    return;
  }
  const server = await startServer(benchDist);
  const { context, page } = await newPage(browser);
  try {
    await page.goto(server.base + pageName);
    // The exports work once boot.js has initialised the module, which it has when a demo is live.
    await page.waitForFunction(() => document.querySelector('figure.demo-live') !== null, null, { timeout: 20_000 });
    await reportSideBySide(page);
  } finally {
    await context.close();
    await server.close();
  }
}

async function reportSideBySide(page) {
  const result = await page.evaluate(async () => {
    // The glue's name is content-hashed; the page names its own build's (wasm_module.rs).
    const glue = document.querySelector('meta[name="downhill-module"]').getAttribute('content');
    const wasm = await import(new URL(glue, document.baseURI).href);
    if (typeof wasm.bench_landscape !== 'function') return null;
    const canvas = (width, height) => {
      const created = document.createElement('canvas');
      created.width = width;
      created.height = height;
      return created;
    };
    // The field the note in ARCHITECTURE.md timed (150 x 150 cells), and the race's own grid: one
    // cell per CSS pixel of an 800 x 600 canvas, on a 1600 x 1200 device-pixel canvas.
    const coarse = wasm.bench_landscape(canvas(1600, 1200), canvas(1, 1), 'saddle', 150, 150, 5);
    const full = wasm.bench_landscape(canvas(1600, 1200), canvas(1, 1), 'saddle', 800, 600, 2);
    const fullBuffer = wasm.bench_landscape(canvas(1600, 1200), canvas(1, 1), 'rosenbrock', 800, 600, 1);
    wasm.bench_optimizer_steps(5);
    const steps = wasm.bench_optimizer_steps(50);
    return { coarse, full, fullBuffer, steps };
  });
  if (!result) {
    console.log('This site has no bench exports (crates/downhill-web/src/bench.rs): side by side skipped.');
    return;
  }
  const pair = (key, label, times) => {
    const naive = median(times.naive_ms);
    const ours = median(times.buffer_ms);
    report(`landscape.${key}.naive`, naive, 'ms', null, `Landscape ${label}, naive (one plotters rectangle per cell), median`);
    report(`landscape.${key}.buffer`, ours, 'ms', key === 'full' ? 30 : null, `Landscape ${label}, ours (RGBA buffer + putImageData), median`);
    report(`landscape.${key}.ratio`, naive / ours, 'x', null, `Landscape ${label}, naive over ours`);
  };
  pair('coarse', '150x150 cells on saddle', result.coarse);
  pair('full', '800x600 cells on saddle', result.full);
  report('landscape.rosenbrock.buffer', median(result.fullBuffer.buffer_ms), 'ms', 30,
    'Landscape 800x600 cells on rosenbrock (log scale), ours');
  result.steps.names.forEach((name, index) => {
    report(`wasm.steps.${name}`, result.steps.steps_per_second[index], 'steps/s', null,
      `Optimizer steps in wasm, ${name}, 1,000-step runs on the bounded saddle`);
  });
}

/** After play and pause, nothing should keep asking for frames. */
async function idleAfterPlay(page, figure) {
  const playPause = page.locator(`${figure} button[data-action="play-pause"]`);
  if (await playPause.count() === 0) return;
  await page.evaluate(() => { window.__benchPlayFrames = 0; });
  await playPause.click();
  await page.waitForTimeout(500);
  await playPause.click();
  await page.waitForTimeout(300);
  const counts = await page.evaluate(async (windowMs) => {
    let frames = 0;
    let timeouts = 0;
    const frame = window.requestAnimationFrame;
    const timeout = window.setTimeout;
    window.requestAnimationFrame = (callback) => { frames += 1; return frame.call(window, callback); };
    window.setTimeout = (...args) => { timeouts += 1; return timeout.apply(window, args); };
    await new Promise((resolve) => timeout.call(window, resolve, windowMs));
    window.requestAnimationFrame = frame;
    window.setTimeout = timeout;
    return { frames, timeouts };
  }, IDLE_WINDOW_MS);
  report('idle.race_after_pause.frames', counts.frames, 'frames', 0, `Idle: race after play then pause, frames asked for in ${IDLE_WINDOW_MS} ms`);
  report('idle.race_after_pause.timers', counts.timeouts, 'timers', 0, `Idle: race after play then pause, timers set in ${IDLE_WINDOW_MS} ms`);

  // Playing, then scrolled out of view: the animation should stop asking for frames until it is
  // back on screen. Reset first, so the race is still running when it leaves the screen.
  const reset = page.locator(`${figure} button[data-action="reset"]`);
  if (await reset.count() > 0) await reset.click();
  await playPause.click();
  await page.waitForTimeout(300);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  const offScreen = await page.evaluate(async (windowMs) => {
    let frames = 0;
    const frame = window.requestAnimationFrame;
    window.requestAnimationFrame = (callback) => { frames += 1; return frame.call(window, callback); };
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    window.requestAnimationFrame = frame;
    return frames;
  }, IDLE_WINDOW_MS);
  report('idle.race_off_screen.frames', offScreen, 'frames', 0, `Idle: race playing but scrolled off screen, frames asked for in ${IDLE_WINDOW_MS} ms`);
  await page.locator(figure).scrollIntoViewIfNeeded();
  await playPause.click();
}

async function measureSweep(browser, server) {
  const sweep = await openDemo(browser, server, 'step-size-sweep', async (_page, ids) => ids[0]);
  const { page, figure } = sweep;
  // The sweep needs the digits; wait until the first drawing after they arrive has settled.
  await page.waitForTimeout(1000);
  const synthetic = await driveSliders(page, figure, ['step']);
  reportTimes('sweep.slider', 'Step-size sweep: slider to picture (synthetic input events)', synthetic.events, 8);
  const mouse = await dragWithMouse(page, `${figure} input[type="range"][name="step"]`);
  reportTimes('sweep.mouse', 'Step-size sweep: slider to picture (real mouse drag)', mouse, 8);
  // New weights recompute the whole sweep: every step size's one-step loss on the digits.
  const recompute = await page.evaluate(async (figure) => {
    const button = document.querySelector(`${figure} button[data-action="new-weights"]`);
    if (!button) return [];
    const times = [];
    for (let round = 0; round < 10; round += 1) {
      const started = performance.now();
      button.click();
      times.push(performance.now() - started);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    return times;
  }, figure);
  if (recompute.length > 0) {
    report('sweep.recompute.p95', quantile(recompute, 0.95), 'ms', 50, 'Step-size sweep: whole sweep recomputed (new weights), p95');
  }
  await sweep.context.close();
}

async function measureGradientCheck(browser, server) {
  const check = await openDemo(browser, server, 'gradient-check', async (_page, ids) => ids[0]);
  const { page, figure } = check;
  await page.waitForTimeout(1000);
  const names = await page.$$eval(`${figure} input[type="range"]`, (inputs) => inputs.map((input) => input.name));
  const synthetic = await driveSliders(page, figure, names);
  reportTimes('gradient_check.slider', `Gradient check: slider to table (synthetic input events on ${names.join(', ')})`, synthetic.events, 8);
  // The sliders differ in what they recompute (h redraws marks; the others recompute losses), so
  // each gets its own p95 too.
  for (const name of names) {
    const own = synthetic.events.filter((record) => record.name === name);
    if (own.length > 0) report(`gradient_check.slider.${name}.p95`, quantile(own.map((record) => record.handler_ms), 0.95), 'ms', 8, `Gradient check: slider ${name} alone, handler p95 (${own.length} events)`);
  }
  // A real mouse drag on every slider: trusted events, as a reader makes them.
  for (const name of names) {
    const mouse = await dragWithMouse(page, `${figure} input[type="range"][name="${name}"]`);
    const key = name === 'h' ? 'gradient_check.mouse' : `gradient_check.mouse.${name}`;
    reportTimes(key, `Gradient check: slider to table (real mouse drag on ${name})`, mouse, 8);
  }
  await check.context.close();
}

/** Animation-frame timestamps for `windowMs`, from a frame loop of the harness's own. */
async function recordFrames(page, windowMs) {
  return page.evaluate(async (windowMs) => {
    const stamps = [];
    await new Promise((resolve) => {
      const tick = (time) => {
        stamps.push(time);
        if (time - stamps[0] < windowMs) requestAnimationFrame(tick); else resolve();
      };
      requestAnimationFrame(tick);
    });
    return stamps;
  }, windowMs);
}

/** Frame intervals and the share of dropped frames: an interval spanning k frame periods (rounded)
 * stands for k - 1 frames that were never drawn. */
function frameFigures(stamps) {
  const intervals = stamps.slice(1).map((time, index) => time - stamps[index]);
  const dropped = intervals.reduce((sum, interval) => sum + Math.max(0, Math.round(interval / FRAME_MS) - 1), 0);
  return {
    intervals,
    p50: median(intervals),
    p95: quantile(intervals, 0.95),
    max: Math.max(...intervals),
    droppedShare: dropped / (intervals.length + dropped),
  };
}

/** Live training: the frame rate while a training demo plays, and the main-thread work of each of
 * its frames from the page's own performance measures. Then the same demo playing while the tab is
 * hidden and while scrolled off screen, counting the frames and timers it still asks for. */
async function measureLive(browser, server) {
  // What this headless browser on this machine gives a page that does nothing but count frames.
  const reference = await newPage(browser);
  await reference.page.goto(server.base + builtPages()[0]);
  const idleFrames = frameFigures(await recordFrames(reference.page, 2000));
  report('live.reference.p95', idleFrames.p95, 'ms', null, 'Live: frame interval p95 of an empty frame loop (what this browser and machine give)');
  report('live.reference.dropped', idleFrames.droppedShare * 100, '%', null, 'Live: dropped frames of an empty frame loop');
  await reference.context.close();

  for (const demo of ['training-dashboard', 'hiker-digits']) {
    if (!pageHolding(demo)) continue;
    const opened = await openDemo(browser, server, demo, async (_page, ids) => ids[0],
      [EVENT_TIMING_SCRIPT, FRAME_MEASURE_SCRIPT, IDLE_COUNTING_SCRIPT]);
    const { page, figure } = opened;
    // The digits arrive after the demo goes live.
    await page.waitForTimeout(1500);
    const playPause = page.locator(`${figure} button[data-action="play-pause"]`);
    const key = demo.replace('-', '_');
    // From the start of a run: a demo may already be playing (the hiker starts by itself when the
    // digits arrive), and a click on its button would pause it.
    const reset = page.locator(`${figure} button[data-action="reset"]`);
    if (await reset.count() > 0) await reset.click();
    await page.evaluate(() => { window.__benchFrameMeasures.length = 0; });
    if (await playPause.getAttribute('aria-pressed') !== 'true') await playPause.click();
    const stamps = await recordFrames(page, LIVE_WINDOW_MS);
    const measures = await page.evaluate((figure) =>
      window.__benchFrameMeasures.filter((entry) => entry.name === `downhill-frame ${figure.slice(1)}`), figure);
    const still = await playPause.getAttribute('aria-pressed');
    // Frame intervals while the demo played (from its first measured frame to its last), or over the
    // whole window for a build without the measures.
    const playing = measures.length > 1
      ? stamps.filter((time) => time >= measures[0].start - FRAME_MS && time <= measures[measures.length - 1].start + 2 * FRAME_MS)
      : stamps;
    const frames = frameFigures(playing.length > 2 ? playing : stamps);
    if (playing.length <= 2) console.log('  too few frames while it played: intervals over the whole window');
    const work = measures.map((entry) => entry.duration);
    const playedMs = measures.length ? measures[measures.length - 1].start - measures[0].start : 0;
    console.log(`${demo} on ${opened.pageName}: ${measures.length} demo frames over ${playedMs.toFixed(0)} ms of the ${LIVE_WINDOW_MS} ms window${still === 'true' ? ', still playing at its end' : ', run ended inside the window'}`);
    report(`live.${key}.frame_p50`, frames.p50, 'ms', null, `Live: ${demo} playing, frame interval p50 (${frames.intervals.length} frames)`);
    report(`live.${key}.frame_p95`, frames.p95, 'ms', null, `Live: ${demo} playing, frame interval p95`);
    report(`live.${key}.dropped`, frames.droppedShare * 100, '%', null, `Live: ${demo} playing, share of frames dropped (60 frames a second is 0%)`);
    if (work.length > 0) {
      report(`live.${key}.work_p50`, median(work), 'ms', null, `Live: ${demo}, main-thread work per frame p50 (${work.length} frames, performance measures)`);
      report(`live.${key}.work_p95`, quantile(work, 0.95), 'ms', null, `Live: ${demo}, main-thread work per frame p95`);
      report(`live.${key}.work_max`, Math.max(...work), 'ms', null, `Live: ${demo}, main-thread work per frame max`);
    }
    await idleWhileHidden(page, figure, playPause, key);
    await idleOffScreen(page, figure, playPause, key);
    await opened.context.close();
  }
}

/** Starts the demo playing again from the beginning, so it is mid-run when the tab or view changes. */
async function playFromStart(page, figure, playPause) {
  const reset = page.locator(`${figure} button[data-action="reset"]`);
  if (await reset.count() > 0) await reset.click();
  if (await playPause.getAttribute('aria-pressed') !== 'true') await playPause.click();
  await page.waitForTimeout(300);
}

/** Frames and timers asked for in `IDLE_WINDOW_MS` (the counters of IDLE_COUNTING_SCRIPT). */
async function countIdle(page) {
  await page.evaluate(() => { window.__benchIdle = { frames: 0, timeouts: 0, intervals: 0 }; });
  await page.waitForTimeout(IDLE_WINDOW_MS);
  return page.evaluate(() => window.__benchIdle);
}

/** A playing demo whose tab is hidden. Headless Chromium keeps every page visible here (minimizing
 * its window, another tab in front and freezing the page all leave `document.visibilityState` at
 * "visible"), so the window is minimized first and, if the page still says visible, the page is
 * told it is hidden: `document.hidden` and `visibilityState` overridden and `visibilitychange`
 * fired, which is what a demo can see of a hidden tab. (A truly hidden tab runs no animation frames
 * at all, so this is the stricter test: the browser would still run the frames a demo asks for.) */
async function idleWhileHidden(page, figure, playPause, key) {
  await playFromStart(page, figure, playPause);
  const cdp = await page.context().newCDPSession(page);
  let how = 'window minimized';
  let windowId = null;
  try {
    ({ windowId } = await cdp.send('Browser.getWindowForTarget'));
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'minimized' } });
    await page.waitForTimeout(300);
  } catch (error) {
    how = `minimizing failed (${error.message})`;
  }
  let emulated = false;
  if (await page.evaluate(() => document.visibilityState) !== 'hidden') {
    emulated = true;
    how = 'visibility emulated (the headless window stayed visible)';
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    // The frame already asked for before the change may still run once.
    await page.waitForTimeout(100);
  }
  const counts = await countIdle(page);
  console.log(`  ${key} hidden by: ${how}`);
  report(`idle.hidden.${key}.frames`, counts.frames, 'frames', 0, `Idle: ${key} playing in a hidden tab, frames asked for in ${IDLE_WINDOW_MS} ms`);
  report(`idle.hidden.${key}.timers`, counts.timeouts + counts.intervals, 'timers', 0, `Idle: ${key} playing in a hidden tab, timers set in ${IDLE_WINDOW_MS} ms`);
  if (emulated) {
    await page.evaluate(() => {
      delete document.visibilityState;
      delete document.hidden;
      document.dispatchEvent(new Event('visibilitychange'));
    });
  }
  if (windowId !== null) {
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal' } }).catch(() => {});
  }
  // Visible again, the demo should pick up where it was.
  const resumed = await page.evaluate(() => new Promise((resolve) => {
    const before = window.__benchIdle.frames;
    setTimeout(() => resolve(window.__benchIdle.frames - before), 500);
  }));
  console.log(`  ${key} visible again: ${resumed} frames asked for in 500 ms`);
}

/** A playing demo scrolled out of view: the page is scrolled to whichever end is farther from it. */
async function idleOffScreen(page, figure, playPause, key) {
  await page.locator(figure).scrollIntoViewIfNeeded();
  await playFromStart(page, figure, playPause);
  await page.evaluate((figure) => {
    const top = document.querySelector(figure).getBoundingClientRect().top + window.scrollY;
    const pageHeight = document.documentElement.scrollHeight;
    window.scrollTo(0, top > pageHeight / 2 ? 0 : pageHeight);
  }, figure);
  await page.waitForTimeout(500);
  const onScreen = await page.evaluate((figure) => {
    const box = document.querySelector(figure).getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }, figure);
  const counts = await countIdle(page);
  if (onScreen) {
    console.log(`  ${figure} could not be scrolled off screen: off-screen idle not measured`);
    return;
  }
  report(`idle.off_screen.${key}.frames`, counts.frames, 'frames', 0, `Idle: ${key} playing but scrolled off screen, frames asked for in ${IDLE_WINDOW_MS} ms`);
  report(`idle.off_screen.${key}.timers`, counts.timeouts + counts.intervals, 'timers', 0, `Idle: ${key} playing but scrolled off screen, timers set in ${IDLE_WINDOW_MS} ms`);
}

/** Gzipped sizes: every wasm and JavaScript file, and each page with the style sheets it links. */
function measureWeight() {
  const root = distDir();
  const gzipped = (file) => zlib.gzipSync(fs.readFileSync(path.join(root, file)), { level: 9 }).length;
  const files = fs.readdirSync(root, { recursive: true }).map((name) => name.split(path.sep).join('/'));
  const code = files.filter((name) => name.endsWith('.wasm') || name.endsWith('.js') || name.endsWith('.mjs'));
  const codeBytes = code.reduce((sum, name) => sum + gzipped(name), 0);
  for (const name of code) console.log(`  ${name}: ${(gzipped(name) / 1024).toFixed(1)} KB gzipped`);
  report('weight.code', codeBytes / 1024, 'KB', 250, `Weight: all wasm and JavaScript (${code.length} files), gzipped`);
  let heaviest = { name: '', bytes: 0 };
  for (const pageName of builtPages()) {
    const html = fs.readFileSync(path.join(root, pageName), 'utf8');
    const sheets = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((match) => match[1]);
    const bytes = gzipped(pageName) + sheets
      .map((href) => path.posix.normalize(path.posix.join(path.posix.dirname(pageName), href)))
      .filter((file) => fs.existsSync(path.join(root, file)))
      .reduce((sum, file) => sum + gzipped(file), 0);
    if (bytes > heaviest.bytes) heaviest = { name: pageName, bytes };
  }
  report('weight.page', heaviest.bytes / 1024, 'KB', 60, `Weight: heaviest page with its CSS (${heaviest.name}), gzipped`);
}

/** Paint and demo start times for every page, and which pages fetch the digits. */
async function measureStart(browser, server) {
  const worst = { paint: { name: '', ms: 0 }, live: { name: '', ms: 0 } };
  const digitsPages = [];
  for (const pageName of builtPages()) {
    const paints = [];
    const lives = [];
    const breakdowns = [];
    let fetchedData = false;
    for (let loadIdx = 0; loadIdx < N_START_LOADS; loadIdx += 1) {
      const { context, page } = await newPage(browser, [LIVE_TIMING_SCRIPT]);
      page.on('request', (request) => { if (request.url().includes('/data/')) fetchedData = true; });
      await page.goto(server.base + pageName, { waitUntil: 'load' });
      const hasDemos = await page.locator('figure[data-demo]').count() > 0;
      if (hasDemos) {
        await page.waitForFunction(() => window.__benchLiveAt !== null, null, { timeout: 20_000 }).catch(() => {});
      }
      await page.waitForTimeout(50);
      const timing = await page.evaluate(() => {
        const mark = (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null;
        return {
          paint: performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint')?.startTime ?? null,
          live: window.__benchLiveAt,
          boot: mark('downhill-boot'),
          wasmReady: mark('downhill-wasm-ready'),
          mounted: mark('downhill-mounted'),
          mounts: window.__benchMounts,
        };
      });
      if (timing.paint !== null) paints.push(timing.paint);
      if (hasDemos && timing.live !== null) lives.push(timing.live);
      if (hasDemos && timing.wasmReady !== null) breakdowns.push(timing);
      await context.close();
    }
    const paint = paints.length ? median(paints) : NaN;
    const live = lives.length ? median(lives) : null;
    console.log(`  ${pageName}: text painted ${paint.toFixed(0)} ms${live === null ? '' : `, demos live ${live.toFixed(0)} ms`} (median of ${N_START_LOADS})${fetchedData ? ', fetches data/' : ''}`);
    if (breakdowns.length > 0) {
      // Where a start goes: the boot script running, the module fetched and compiled, the demos
      // mounted (and the slowest one), medians over the loads.
      const of = (pick) => median(breakdowns.map(pick).filter((value) => value !== null && Number.isFinite(value)));
      const slowest = breakdowns.map((timing) => timing.mounts.reduce((worst, mount) => (mount.duration > worst.duration ? mount : worst), { name: '-', duration: 0 }));
      console.log(`    boot.js ran at ${of((t) => t.boot).toFixed(0)} ms, wasm ready at ${of((t) => t.wasmReady).toFixed(0)} ms, `
        + `mounting took ${of((t) => t.mounted - t.wasmReady).toFixed(0)} ms `
        + `(${breakdowns[0].mounts.length} demos; slowest ${slowest[0].name} ${median(slowest.map((mount) => mount.duration)).toFixed(0)} ms)`);
    }
    if (paint > worst.paint.ms) worst.paint = { name: pageName, ms: paint };
    if (live !== null && live > worst.live.ms) worst.live = { name: pageName, ms: live };
    if (fetchedData) digitsPages.push(pageName);
  }
  report('start.paint', worst.paint.ms, 'ms', 300, `Start: first contentful paint, slowest page (${worst.paint.name}), median of ${N_START_LOADS} loads`);
  report('start.live', worst.live.ms, 'ms', 600, `Start: all demos live, slowest page (${worst.live.name}), median of ${N_START_LOADS} loads`);
  report('start.data_pages', digitsPages.length, 'pages', null, `Data: pages that fetch data/ (${digitsPages.join(', ') || 'none'})`);
}

/** Frames and timers asked for by each page left alone at its top after the demos start. */
async function measureIdle(browser, server) {
  let busiest = { name: '', frames: 0, timers: 0 };
  for (const pageName of builtPages()) {
    const { context, page } = await newPage(browser, [IDLE_COUNTING_SCRIPT, LIVE_TIMING_SCRIPT]);
    await page.goto(server.base + pageName, { waitUntil: 'load' });
    if (await page.locator('figure[data-demo]').count() > 0) {
      await page.waitForFunction(() => window.__benchLiveAt !== null, null, { timeout: 20_000 }).catch(() => {});
    }
    // Let start-up work (the digits arriving, first drawings) finish before counting.
    await page.waitForTimeout(1500);
    await page.evaluate(() => { window.__benchIdle = { frames: 0, timeouts: 0, intervals: 0 }; });
    await page.waitForTimeout(IDLE_WINDOW_MS);
    const counts = await page.evaluate(() => window.__benchIdle);
    const timers = counts.timeouts + counts.intervals;
    if (counts.frames + timers > 0) console.log(`  ${pageName}: ${counts.frames} frames, ${timers} timers while idle`);
    if (counts.frames + timers >= busiest.frames + busiest.timers) busiest = { name: pageName, frames: counts.frames, timers };
    await context.close();
  }
  report('idle.frames', busiest.frames, 'frames', 0, `Idle: frames asked for in ${IDLE_WINDOW_MS} ms, busiest page (${busiest.name || 'none'})`);
  report('idle.timers', busiest.timers, 'timers', 0, `Idle: timers set in ${IDLE_WINDOW_MS} ms, busiest page (${busiest.name || 'none'})`);
}

async function main() {
  const browser = await launchBrowser();
  const server = await startServer();
  const allSteps = [
    ['weight', async () => measureWeight()],
    ['start', () => measureStart(browser, server)],
    ['idle', () => measureIdle(browser, server)],
    ['race', () => measureRace(browser, server)],
    ['sweep', () => measureSweep(browser, server)],
    ['gradient check', () => measureGradientCheck(browser, server)],
    ['live training', () => measureLive(browser, server)],
    // Side by side with DOWNHILL_BEFORE_DIST; DOWNHILL_BENCH_PAGES restricts the pages.
    ['long tasks', () => measureLongTasks(distDir())],
    ['lighthouse', () => measureLighthouse(distDir())],
  ];
  // DOWNHILL_BENCH_ONLY="sweep,live training" runs only the named steps (while working on one).
  const only = (process.env.DOWNHILL_BENCH_ONLY || '').split(',').map((name) => name.trim()).filter(Boolean);
  const steps = only.length ? allSteps.filter(([name]) => only.includes(name)) : allSteps;
  let failures = 0;
  try {
    for (const [name, step] of steps) {
      console.log(`\n== ${name}`);
      // One demo that cannot be measured should not hide the other figures.
      try { await step(); } catch (error) { failures += 1; console.log(`could not measure ${name}: ${error.message}`); }
    }
  } finally {
    await server.close();
    await browser.close();
  }
  const out = process.env.DOWNHILL_BENCH_JSON;
  if (out) fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), figures }, null, 2));
  if (failures === steps.length) process.exit(1);
}

await main();
