// Long tasks while a page loads, on a slow device: each page opened with Chromium's CPU slowed
// four times (CDP `Emulation.setCPUThrottlingRate`, what Lighthouse's mobile preset assumes), every
// main-thread task over 50 ms recorded by a `longtask` PerformanceObserver. Two phases per page:
// the load (open the page and leave it at its top for a few seconds), and a read-through (scroll
// down half a screen at a time, so every demo comes near the screen and mounts). With
// DOWNHILL_BEFORE_DIST the same pages of an older build are measured alongside, in the same run.

import { launchBrowser, startServer } from '../e2e/harness.mjs';
import { report, printTable, pagesToMeasure, sitesToCompare, cell } from './figures.mjs';

const CPU_SLOWDOWN = 4;
const SETTLE_MS = 4000;
const SCROLL_PAUSE_MS = 400;
// The pages issue 13 names as the slowest to load; DOWNHILL_BENCH_PAGES picks others.
const DEFAULT_PAGES = ['gradient-descent.html', 'parameter-updates.html', 'blindfolded-hiker.html'];

const RECORD_LONG_TASKS = () => {
  window.__longTasks = [];
  window.__mounts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name.startsWith('downhill-mount ')) window.__mounts.push({ id: entry.name.slice(15), duration: entry.duration });
    }
  }).observe({ type: 'measure' });
};

/** Total blocking time of `tasks`: each task's time beyond 50 ms, summed. */
function blocking(tasks) {
  return tasks.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0);
}

async function measurePage(browser, base, pagePath) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 2 });
  await context.addInitScript(RECORD_LONG_TASKS);
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(base + pagePath, { waitUntil: 'load' });
    await page.waitForTimeout(SETTLE_MS);
    const atLoad = await page.evaluate(() => ({ tasks: [...window.__longTasks], mounts: [...window.__mounts] }));
    const screens = await page.evaluate(() => Math.ceil(document.documentElement.scrollHeight / window.innerHeight));
    for (let half = 1; half <= 2 * screens; half += 1) {
      await page.evaluate((half) => window.scrollTo(0, (half * window.innerHeight) / 2), half);
      await page.waitForTimeout(SCROLL_PAUSE_MS);
    }
    await page.waitForTimeout(SETTLE_MS / 2);
    const all = await page.evaluate(() => ({ tasks: [...window.__longTasks], mounts: [...window.__mounts] }));
    const reading = all.tasks.slice(atLoad.tasks.length);
    const slowestMount = all.mounts.reduce((worst, mount) => (mount.duration > worst.duration ? mount : worst), { id: '-', duration: 0 });
    const demoNames = await page.$$eval('figure[data-demo]', (figures) => Object.fromEntries(figures.map((figure) => [figure.id, figure.dataset.demo])));
    return {
      load: { count: atLoad.tasks.length, longest: Math.max(0, ...atLoad.tasks.map((task) => task.duration)), blocking: blocking(atLoad.tasks) },
      reading: { count: reading.length, longest: Math.max(0, ...reading.map((task) => task.duration)), blocking: blocking(reading) },
      slowestMount: { ...slowestMount, demo: demoNames[slowestMount.id] || '-' },
    };
  } finally {
    await context.close();
  }
}

export async function measureLongTasks(dist) {
  const browser = await launchBrowser();
  const rows = [];
  try {
    const pages = pagesToMeasure(DEFAULT_PAGES);
    for (const { label, dist: siteDist } of sitesToCompare(dist)) {
      const server = await startServer(siteDist);
      try {
        for (const pagePath of pages) {
          const result = await measurePage(browser, server.base, pagePath);
          rows.push({ label, pagePath, result });
          const key = `${label === 'before' ? 'before.' : ''}long_tasks.${pagePath.replace('.html', '')}`;
          report(`${key}.load_longest`, result.load.longest, 'ms', label === 'after' ? 50 : null,
            `Long tasks (${label}, CPU ${CPU_SLOWDOWN}x slower): ${pagePath} at load, longest task`);
          report(`${key}.load_blocking`, result.load.blocking, 'ms', null,
            `Long tasks (${label}, CPU ${CPU_SLOWDOWN}x slower): ${pagePath} at load, total blocking time`);
          report(`${key}.reading_longest`, result.reading.longest, 'ms', null,
            `Long tasks (${label}, CPU ${CPU_SLOWDOWN}x slower): ${pagePath} scrolled through, longest task`);
        }
      } finally {
        await server.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`\nLong tasks at CPU ${CPU_SLOWDOWN}x slower, viewport 412 x 823 at pixel ratio 2 (ms):\n`);
  printTable(['build', 'page', 'at load: tasks > 50 ms', 'longest', 'blocking', 'scrolled through: tasks > 50 ms', 'longest', 'slowest mount (demo)'],
    rows.map(({ label, pagePath, result }) => [label, pagePath, result.load.count, cell(result.load.longest), cell(result.load.blocking),
      result.reading.count, cell(result.reading.longest), `${cell(result.slowestMount.duration)} (${result.slowestMount.demo})`]));
}
