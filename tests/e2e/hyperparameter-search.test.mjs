// Random against grid search, used as a student would: it draws, the trial slider and the new-seed
// button change the picture, a link restores its settings, its exports are valid files, and the
// keyboard alone operates it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  testSite, canvasChecksum, distinctColours, dragSlider, assertExports, assertFocusVisible,
} from './harness.mjs';

const DEMO = 'hyperparameter-search';
// Ready once the grid search has written its table.
const READY = ({ figure }) => document.querySelector(`${figure} .hyperparameter-search-grid`)?.textContent.length > 0;
const FIGURE = `figure[data-demo="${DEMO}"]`;
const site = testSite({ demo: DEMO, ready: READY });

test('the search draws a picture that is not blank', async () => {
  const { context, page, problems } = await site.openDemo();
  const colours = await distinctColours(page, FIGURE);
  assert.ok(colours > 20, `only ${colours} distinct colours`);
  const label = await page.locator(`${FIGURE} [role="img"]`).getAttribute('aria-label');
  assert.match(label, /Grid: 3 learning rates tried/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the trial slider and the new-seed button each change the picture', async () => {
  const { context, page, problems } = await site.openDemo();
  const slider = `${FIGURE} input[name="per-axis"]`;
  const before = await canvasChecksum(page, FIGURE);
  await dragSlider(page, slider, 0.95);
  await page.waitForTimeout(100);
  const afterSlider = await canvasChecksum(page, FIGURE);
  assert.notEqual(afterSlider, before, 'the slider did not change the picture');
  assert.match(await page.locator(`${FIGURE} output`).textContent(), /^\d+ \(\d+ × \d+ grid\)$/);
  await page.locator(`${FIGURE} button[data-action="new-seed"]`).click();
  assert.notEqual(await canvasChecksum(page, FIGURE), afterSlider, 'a new seed did not redraw');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link with settings restores them, and a bad one says so', async () => {
  const first = await site.openDemo();
  const { id } = first;
  await first.context.close();
  const { context, page, problems } = await site.openDemo({ query: `?${id}.per-axis=6&${id}.seed=42` });
  assert.equal(await page.locator(`${FIGURE} input[name="per-axis"]`).inputValue(), '6');
  assert.equal(await page.locator(`${FIGURE} output`).textContent(), '36 (6 × 6 grid)');
  assert.deepEqual(problems, []);
  await context.close();
  const bad = await site.openDemo({ query: `?${id}.per-axis=<img src=x>&${id}.seed=-1` });
  const message = await bad.page.locator(`${FIGURE} .demo-message`).textContent();
  assert.match(message, /per-axis/);
  assert.equal(await bad.page.locator(`${FIGURE} .demo-message img`).count(), 0);
  assert.equal(await bad.page.locator(`${FIGURE} output`).textContent(), '9 (3 × 3 grid)');
  await bad.context.close();
});

test('exports are valid CSV, SVG and PNG files', async () => {
  const { context, page, problems } = await site.openDemo();
  await assertExports(page, FIGURE, { csvHeader: 'search,trial,learning_rate,reg,loss' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard alone operates it', async () => {
  const { context, page, problems } = await site.openDemo();
  const slider = `${FIGURE} input[name="per-axis"]`;
  await page.focus(slider);
  const before = await canvasChecksum(page, FIGURE);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator(slider).inputValue(), '5');
  assert.notEqual(await canvasChecksum(page, FIGURE), before);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.dataset.action);
  assert.equal(focused, 'new-seed');
  await assertFocusVisible(page, `${FIGURE} button[data-action="new-seed"]`);
  const beforeSeed = await canvasChecksum(page, FIGURE);
  await page.keyboard.press('Enter');
  assert.notEqual(await canvasChecksum(page, FIGURE), beforeSeed, 'Enter on the button did nothing');
  assert.deepEqual(problems, []);
  await context.close();
});
