// The learning-rate schedules, used as a student would: it draws, every slider changes the picture,
// play animates and pause stops, a link restores its settings, its exports are valid files, and
// the keyboard alone operates it; with reduced motion, play jumps to the end instead of animating.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  testSite, canvasChecksum, distinctColours, dragSlider, assertExports, assertFocusVisible, assertPlayAndPause,
} from './harness.mjs';

const DEMO = 'lr-schedules';
// Ready once the readout shows the step the runs are at.
const READY = ({ figure }) => document.querySelector(`${figure} .demo-readout`)?.textContent.startsWith('Step');
const FIGURE = `figure[data-demo="${DEMO}"]`;
const site = testSite({ demo: DEMO, ready: READY });

test('the schedules draw a picture that is not blank', async () => {
  const { context, page, problems } = await site.openDemo();
  const colours = await distinctColours(page, FIGURE);
  assert.ok(colours > 20, `only ${colours} distinct colours`);
  assert.equal(await page.locator(`${FIGURE} ul.demo-legend li`).count(), 4);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every slider changes the picture and shows its value', async () => {
  const { context, page, problems } = await site.openDemo();
  for (const name of ['lr', 'drop', 'every', 'k-exp', 'k-inv']) {
    const slider = `${FIGURE} input[name="${name}"]`;
    const before = await canvasChecksum(page, FIGURE);
    const shownBefore = await page.locator(`${slider} + output`).textContent();
    await dragSlider(page, slider, 0.15);
    await page.waitForTimeout(50);
    assert.notEqual(await canvasChecksum(page, FIGURE), before, `${name} did not change the picture`);
    const shown = await page.locator(`${slider} + output`).textContent();
    assert.notEqual(shown, shownBefore, `${name} shows no new value`);
    assert.ok(!/NaN|inf/.test(shown), shown);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('play animates the runs and pause stops them', async () => {
  const { context, page, problems } = await site.openDemo();
  await assertPlayAndPause(page, FIGURE, { playFor: 300, holdFor: 400 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('with reduced motion, play shows the whole run at once', async () => {
  const { context, page, problems } = await site.openDemo({ context: { reducedMotion: 'reduce' } });
  await page.locator(`${FIGURE} button[data-action="reset"]`).click();
  await page.locator(`${FIGURE} button[data-action="play-pause"]`).click();
  assert.equal(await page.locator(`${FIGURE} .demo-readout`).textContent(), 'Step 300 of 300');
  assert.equal(await page.locator(`${FIGURE} button[data-action="play-pause"]`).getAttribute('aria-pressed'), 'false');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link with settings restores them, and a diverging rate says so', async () => {
  const first = await site.openDemo();
  const { id } = first;
  await first.context.close();
  const { context, page, problems } = await site.openDemo({ query: `?${id}.lr=0.02&${id}.every=30&${id}.k-inv=2` });
  assert.equal(await page.locator(`${FIGURE} input[name="lr"] + output`).textContent(), '0.02');
  assert.equal(await page.locator(`${FIGURE} input[name="every"] + output`).textContent(), '30');
  assert.equal(await page.locator(`${FIGURE} input[name="k-inv"] + output`).textContent(), '2');
  assert.deepEqual(problems, []);
  await context.close();
  const wild = await site.openDemo({ query: `?${id}.lr=0.5&${id}.drop=abc` });
  const message = await wild.page.locator(`${FIGURE} .demo-message`).textContent();
  assert.match(message, /drop/);
  assert.match(message, /diverged at step \d+/);
  assert.ok(!/NaN|inf/.test(await wild.page.locator(FIGURE).textContent()));
  await wild.context.close();
});

test('exports are valid CSV, SVG and PNG files', async () => {
  const { context, page, problems } = await site.openDemo();
  await assertExports(page, FIGURE, { csvHeader: 'schedule,step,learning_rate,loss,x,y' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard alone operates it', async () => {
  const { context, page, problems } = await site.openDemo();
  const slider = `${FIGURE} input[name="k-exp"]`;
  await page.focus(slider);
  const before = await canvasChecksum(page, FIGURE);
  await page.keyboard.press('End');
  assert.equal(await page.locator(`${slider} + output`).textContent(), '1');
  assert.notEqual(await canvasChecksum(page, FIGURE), before);
  await page.focus(`${FIGURE} button[data-action="reset"]`);
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(`${FIGURE} .demo-readout`).textContent(), 'Step 0 of 300');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'step');
  await assertFocusVisible(page, `${FIGURE} button[data-action="step"]`);
  await page.keyboard.press(' ');
  assert.equal(await page.locator(`${FIGURE} .demo-readout`).textContent(), 'Step 1 of 300');
  assert.deepEqual(problems, []);
  await context.close();
});
