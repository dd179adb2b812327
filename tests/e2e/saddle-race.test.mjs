// The saddle-point race, used as a student would: it draws, the step-size slider moved with real
// mouse input changes the picture, play animates it and pause stops it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testSite, canvasChecksum, distinctColours, dragSlider, assertPlayAndPause } from './harness.mjs';

// A lesson can hold several races; the tests drive the first, by its id.
const site = testSite({ demo: 'saddle-race' });

test('the race draws a picture that is not blank', async () => {
  const { context, page, problems, figure } = await site.openDemo();
  const colours = await distinctColours(page, figure);
  assert.ok(colours > 20, `only ${colours} distinct colours on the race's canvases`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('moving the step-size slider with the mouse changes the paths', async () => {
  const { context, page, problems, figure } = await site.openDemo();
  const slider = `${figure} input[type="range"][name="learning-rate"]`;
  const valueBefore = await page.locator(slider).inputValue();
  const pixelsBefore = await canvasChecksum(page, figure);
  await dragSlider(page, slider, 0.9);
  await page.waitForTimeout(100);
  const valueAfter = await page.locator(slider).inputValue();
  assert.notEqual(valueAfter, valueBefore, 'the drag did not move the slider');
  assert.notEqual(await canvasChecksum(page, figure), pixelsBefore, 'the picture did not change');
  const shown = await page.locator(`${figure} output[for]`).first().textContent();
  assert.ok(shown.trim().length > 0, 'the slider shows no value');
  assert.deepEqual(problems, []);
  await context.close();
});

test('play animates the race and pause stops it', async () => {
  const { context, page, problems, figure } = await site.openDemo();
  await assertPlayAndPause(page, figure, { playFor: 400, holdFor: 500 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('reset after play leaves no trace of the run on the picture or the loss chart', async () => {
  const { context, page, problems, figure } = await site.openDemo();
  // A different step size changes the number of steps, so the loss chart's axis is redrawn too.
  await page.locator(`${figure} input[name="learning-rate"]`).focus();
  await page.keyboard.press('ArrowRight');
  await page.locator(`${figure} button[data-action="reset"]`).click();
  await page.waitForTimeout(100);
  const atStart = await canvasChecksum(page, figure);
  await page.locator(`${figure} button[data-action="play-pause"]`).click();
  await page.waitForTimeout(2500);
  await page.locator(`${figure} button[data-action="reset"]`).click();
  await page.waitForTimeout(100);
  assert.equal(await canvasChecksum(page, figure), atStart, 'the canvases still show ink from before the reset');
  assert.deepEqual(problems, []);
  await context.close();
});
