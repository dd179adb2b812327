// Minibatch noise, used as a student would: after the digits load it draws a cloud, the batch-size
// slider tightens it, new batches redraw it, a link restores its settings, its exports are valid
// files, and the keyboard alone operates it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  testSite, canvasChecksum, distinctColours, dragSlider, assertExports, assertFocusVisible,
} from './harness.mjs';

const DEMO = 'minibatch-noise';
// Ready once the digits have loaded: the batch slider is disabled until then.
const READY = ({ figure }) => !document.querySelector(`${figure} input[name="batch"]`)?.disabled;
const FIGURE = `figure[data-demo="${DEMO}"]`;
const site = testSite({ demo: DEMO, ready: READY });

/** The typical angle the readout reports, in degrees. */
async function typicalAngle(page) {
  const text = await page.locator(`${FIGURE} .demo-readout`).textContent();
  const match = text.match(/Typical angle to the full gradient: (\d+)°/);
  assert.ok(match, text);
  return Number(match[1]);
}

test('the cloud draws a picture that is not blank', async () => {
  const { context, page, problems } = await site.openDemo();
  const colours = await distinctColours(page, FIGURE);
  assert.ok(colours > 20, `only ${colours} distinct colours`);
  const label = await page.locator(`${FIGURE} [role="img"]`).getAttribute('aria-label');
  assert.match(label, /100 batches of 4 examples/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bigger batch tightens the cloud, and new batches redraw it', async () => {
  const { context, page, problems } = await site.openDemo();
  const slider = `${FIGURE} input[name="batch"]`;
  const before = await canvasChecksum(page, FIGURE);
  const wideAngle = await typicalAngle(page);
  await dragSlider(page, slider, 1.0);
  await page.waitForTimeout(100);
  assert.equal(await page.locator(`${FIGURE} output`).textContent(), '512');
  assert.notEqual(await canvasChecksum(page, FIGURE), before, 'the slider did not change the picture');
  assert.ok(await typicalAngle(page) < wideAngle, 'the cloud did not tighten');
  const afterSlider = await canvasChecksum(page, FIGURE);
  await page.locator(`${FIGURE} button[data-action="new-batches"]`).click();
  assert.notEqual(await canvasChecksum(page, FIGURE), afterSlider, 'new batches did not redraw');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link with settings restores them, and a bad one says so', async () => {
  const first = await site.openDemo();
  const { id } = first;
  await first.context.close();
  const { context, page, problems } = await site.openDemo({ query: `?${id}.batch=64&${id}.seed=9` });
  assert.equal(await page.locator(`${FIGURE} output`).textContent(), '64');
  assert.equal(await page.locator(`${FIGURE} input[name="batch"]`).inputValue(), '6');
  assert.deepEqual(problems, []);
  await context.close();
  const bad = await site.openDemo({ query: `?${id}.batch=1e309` });
  assert.match(await bad.page.locator(`${FIGURE} .demo-message`).textContent(), /batch/);
  assert.equal(await bad.page.locator(`${FIGURE} output`).textContent(), '4');
  await bad.context.close();
});

test('exports are valid CSV, SVG and PNG files', async () => {
  const { context, page, problems } = await site.openDemo();
  await assertExports(page, FIGURE, { csvHeader: 'batch,batch_size,along_full_gradient,rest_signed' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard alone operates it', async () => {
  const { context, page, problems } = await site.openDemo();
  const slider = `${FIGURE} input[name="batch"]`;
  await page.focus(slider);
  const before = await canvasChecksum(page, FIGURE);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.locator(`${FIGURE} output`).textContent(), '1');
  assert.notEqual(await canvasChecksum(page, FIGURE), before);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'new-batches');
  await assertFocusVisible(page, `${FIGURE} button[data-action="new-batches"]`);
  const beforeBatches = await canvasChecksum(page, FIGURE);
  await page.keyboard.press('Enter');
  assert.notEqual(await canvasChecksum(page, FIGURE), beforeBatches);
  assert.deepEqual(problems, []);
  await context.close();
});
