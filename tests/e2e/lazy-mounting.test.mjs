// Lazy mounting (crates/downhill-web/src/kit/mount_near.rs): a demo far below the first screen
// keeps its still until the reader scrolls near it, then comes alive; a demo the address names
// comes alive at once, in the boot script's own task, wherever it is on the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtPages, openRecordedPage, scrollToDemo, testSite } from './harness.mjs';

const site = testSite();

// Demos whose settings include a seed: a harmless setting to name a demo by in the query.
const SEEDED = new Set(['blindfolded-hiker', 'hiker-digits', 'minibatch-noise', 'lr-schedules',
  'hyperparameter-search', 'gradient-check', 'step-size-sweep', 'training-dashboard']);

/** Collects the page's measures of each demo's mount (`downhill-mount <figure id>`, made by
 * crates/downhill-web/src/kit/mount.rs), with when each ended. */
const RECORD_MOUNTS = () => {
  window.__mountsEnded = {};
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name.startsWith('downhill-mount ')) window.__mountsEnded[entry.name.slice(15)] = entry.startTime + entry.duration;
    }
  }).observe({ type: 'measure' });
};

/** Waits until the boot script has handed the demos to the wasm (its `downhill-mounted` mark). */
async function bootFinished(page) {
  await page.waitForFunction(() => performance.getEntriesByName('downhill-mounted').length > 0,
    null, { timeout: 15_000 });
}

/** The page's figures with their distance from the top, in screens, at load. */
async function figuresByScreens(page) {
  return page.$$eval('figure[data-demo]', (figures) => figures.map((figure) => ({
    id: figure.id,
    demo: figure.dataset.demo,
    screens: (figure.getBoundingClientRect().top + window.scrollY) / window.innerHeight,
  })));
}

/** The built page with the demo farthest below its first screen (more than three screens down). */
async function pageWithFarDemo(filter = () => true) {
  let best = null;
  for (const pagePath of builtPages()) {
    const { context, page } = await openRecordedPage(site.browser, site.server.origin);
    try {
      await page.goto(site.server.base + pagePath, { waitUntil: 'load' });
      for (const figure of await figuresByScreens(page)) {
        if (figure.screens > 3 && filter(figure) && (!best || figure.screens > best.figure.screens)) {
          best = { pagePath, figure };
        }
      }
    } finally {
      await context.close();
    }
  }
  assert.ok(best, 'no built page has a demo more than three screens below its top');
  return best;
}

test('a demo far below the first screen mounts only when the reader scrolls near it', async () => {
  const { pagePath, figure: far } = await pageWithFarDemo();
  const { context, page, problems } = await openRecordedPage(site.browser, site.server.origin);
  try {
    await page.goto(site.server.base + pagePath, { waitUntil: 'load' });
    // Time for whatever is near the first screen to mount, one demo per task.
    await bootFinished(page);
    await page.waitForTimeout(1500);
    const nearby = (await figuresByScreens(page)).filter((figure) => figure.screens < 1);
    for (const figure of nearby) {
      assert.ok(await page.locator(`#${figure.id}.demo-live`).count(), `${figure.id} in the first screen is not live`);
    }
    const farFigure = page.locator(`#${far.id}`);
    assert.equal(await farFigure.evaluate((element) => element.classList.contains('demo-live')), false,
      `${far.id}, ${far.screens.toFixed(1)} screens down, mounted before the reader came near it`);
    assert.ok(await farFigure.locator('img, svg').count() > 0, `${far.id} lost its still before mounting`);

    await scrollToDemo(page, `#${far.id}`);
    assert.ok(await farFigure.locator('canvas').count() > 0, `${far.id} has no canvas once live`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a demo the address names mounts at once, in the boot script\'s task, without scrolling', async () => {
  const { pagePath, figure: far } = await pageWithFarDemo((figure) => SEEDED.has(figure.demo));
  const { context, page, problems } = await openRecordedPage(site.browser, site.server.origin);
  try {
    await context.addInitScript(RECORD_MOUNTS);
    await page.goto(`${site.server.base}${pagePath}?${far.id}.seed=7`, { waitUntil: 'load' });
    await bootFinished(page);
    // The observer hears of a measure a task later at the latest.
    await page.waitForTimeout(100);
    const timing = await page.evaluate((id) => ({
      mountEnded: window.__mountsEnded[id] ?? null,
      mountedMark: performance.getEntriesByName('downhill-mounted')[0].startTime,
      live: document.getElementById(id).classList.contains('demo-live'),
      scrollY: window.scrollY,
    }), far.id);
    assert.equal(timing.scrollY, 0, 'the page scrolled by itself');
    assert.ok(timing.live, `${far.id}, named by the address, is not live`);
    assert.notEqual(timing.mountEnded, null, `${far.id} was never measured mounting`);
    assert.ok(timing.mountEnded <= timing.mountedMark,
      `${far.id} finished mounting at ${timing.mountEnded.toFixed(0)} ms, after the boot script's call ended at ${timing.mountedMark.toFixed(0)} ms`);
    // The other demos far from the screen wait for the reader.
    const farOthers = (await figuresByScreens(page)).filter((figure) => figure.screens > 2.5 && figure.id !== far.id);
    for (const figure of farOthers) {
      assert.equal(await page.locator(`#${figure.id}.demo-live`).count(), 0, `${figure.id} mounted though far from the screen`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
