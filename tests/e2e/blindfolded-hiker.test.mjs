// The blindfolded hiker and its digits view, used as a student would: they draw, every control
// changes the picture, a link with settings restores them, the exports are valid files, and the
// keyboard alone can place the hiker, switch the blindfold and run the walk.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  testSite, canvasChecksum, distinctColours, dragSlider, download, assertExports, tabTo,
} from './harness.mjs';

const DIGITS = 'figure[data-demo="hiker-digits"]';
// The first hiker on the page of the hiker's digits view.
const site = testSite({ demo: 'blindfolded-hiker', pageHolding: 'hiker-digits' });

test('the hiker draws a picture that is not blank', async () => {
  const { context, page, problems, figure } = await site.openDemo();
  const colours = await distinctColours(page, figure);
  assert.ok(colours > 20, `only ${colours} distinct colours on the hiker's canvases`);
  const readouts = await page.locator(`${figure} .hiker-readout`).allTextContents();
  assert.equal(readouts.length, 3);
  for (const readout of readouts) assert.match(readout, /^\d+ evaluations/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every control of the hiker changes the picture', async () => {
  const { context, page, problems, figure } = await site.openDemo();
  await page.locator(figure).scrollIntoViewIfNeeded();
  let last = await canvasChecksum(page, figure);
  const changed = async (what) => {
    await page.waitForTimeout(50);
    const now = await canvasChecksum(page, figure);
    assert.notEqual(now, last, `${what} did not change the picture`);
    last = now;
  };
  for (const name of ['budget', 'local', 'learning-rate']) {
    await dragSlider(page, `${figure} input[type="range"][name="${name}"]`, name === 'budget' ? 0.9 : 0.2);
    await changed(`the ${name} slider`);
  }
  await page.locator(`${figure} input[name="blindfold"]`).check();
  await changed('the blindfold');
  await page.locator(`${figure} input[name="show-random"]`).uncheck();
  await changed('hiding random search');
  await page.locator(`${figure} button[data-action="new-draws"]`).click();
  await changed('new draws');
  const box = await page.locator(`${figure} .demo-canvas-frame`).boundingBox();
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.3);
  await changed('a click on the map');
  await page.locator(`${figure} button[data-action="reset"]`).click();
  await changed('reset');
  await page.locator(`${figure} button[data-action="step"]`).click();
  await changed('a single step');
  await page.locator(`${figure} button[data-action="play-pause"]`).click();
  await page.waitForTimeout(400);
  await changed('play');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link with settings restores them, and a bad one is reported politely', async () => {
  const probe = await site.openDemo();
  const id = probe.id;
  await probe.context.close();
  const query = `?${id}.budget=40&${id}.lr=2&${id}.x=1.5&${id}.y=-2&${id}.blindfold=true&${id}.strategies=gradient`;
  const { context, page, problems, figure } = await site.openDemo({ query });
  assert.equal(await page.locator(`${figure} output[for="${id}-budget"]`).textContent(), '40');
  assert.equal(await page.locator(`${figure} output[for="${id}-lr"]`).textContent(), '2');
  assert.equal(await page.locator(`${figure} input[name="blindfold"]`).isChecked(), true);
  assert.equal(await page.locator(`${figure} input[name="show-random"]`).isChecked(), false);
  assert.equal(await page.locator(`${figure} input[name="show-gradient"]`).isChecked(), true);
  assert.match(await page.locator(`${figure} .hiker-start`).textContent(), /\(1\.5, -2\)/);
  assert.deepEqual(problems, []);
  await context.close();

  const hostile = `?${id}.budget=1e309&${id}.lr=NaN&${id}.x=<b>9</b>&${id}.strategies=${'z'.repeat(200)}`;
  const bad = await site.openDemo({ query: hostile });
  const message = await bad.page.locator(`${bad.figure} .demo-message`).textContent();
  for (const key of ['budget', 'lr', 'x', 'strategies']) assert.match(message, new RegExp(key));
  assert.equal(await bad.page.locator(`${bad.figure} b`).count(), 0, 'text from the link became HTML');
  assert.ok(await distinctColours(bad.page, bad.figure) > 20);
  assert.deepEqual(bad.problems, []);
  await bad.context.close();
});

test('the hiker exports a PNG, an SVG and a CSV', async () => {
  const { context, page, problems, figure } = await site.openDemo();
  const { csv } = await assertExports(page, figure, {
    csvHeader: 'strategy,evaluation,x,y,loss,moved_there,best_loss', minCsvLines: 100,
  });
  assert.ok(csv.some((line) => line.startsWith('gradient,')));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard alone places the hiker, blindfolds it and runs the walk', async () => {
  const { context, page, problems, figure } = await site.openDemo();
  const start = page.locator(`${figure} .hiker-start`);
  const startBefore = await start.textContent();
  // Tab to the map from the control before the figure, then move the hiker with the arrow keys.
  await page.locator(`${figure} .demo-canvas-frame`).focus();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('hiker-frame')), true);
  const before = await canvasChecksum(page, figure);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  assert.notEqual(await start.textContent(), startBefore);
  assert.notEqual(await canvasChecksum(page, figure), before);
  // Tab onwards to the blindfold switch and turn it on with the space bar.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'blindfold');
  await page.keyboard.press('Space');
  assert.equal(await page.locator(`${figure} input[name="blindfold"]`).isChecked(), true);
  // Focus reaches the play button by Tab alone, and Enter plays.
  await tabTo(page, `${figure} button[data-action="play-pause"]`, { limit: 20 });
  const paused = await canvasChecksum(page, figure);
  await page.keyboard.press('Enter');
  // The first frames can take a while on a loaded machine: wait up to 3 s for the walk to show.
  let playing = paused;
  for (let tries = 0; tries < 30 && playing === paused; tries += 1) {
    await page.waitForTimeout(100);
    playing = await canvasChecksum(page, figure);
  }
  assert.notEqual(playing, paused);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the digits view trains all three strategies and plots their accuracy', async () => {
  const { context, page, problems } = await site.openDemo();
  await page.locator(DIGITS).scrollIntoViewIfNeeded();
  await page.waitForFunction((selector) => {
    const readouts = [...document.querySelectorAll(`${selector} .hiker-readout`)];
    return readouts.length === 3 && readouts.every((readout) => /^1000 evaluations/.test(readout.textContent));
  }, DIGITS, { timeout: 60_000 });
  const readouts = await page.locator(`${DIGITS} .hiker-readout`).allTextContents();
  const accuracy = (text) => Number(/test accuracy ([\d.]+)%/.exec(text)[1]);
  // Following the gradient beats both searches on the same budget.
  assert.ok(accuracy(readouts[2]) > accuracy(readouts[0]), readouts.join(' | '));
  assert.ok(accuracy(readouts[2]) > accuracy(readouts[1]), readouts.join(' | '));
  assert.ok(await distinctColours(page, DIGITS) > 5);
  const before = await canvasChecksum(page, DIGITS);
  await dragSlider(page, `${DIGITS} input[type="range"][name="learning-rate"]`, 0.15);
  await page.waitForTimeout(200);
  assert.notEqual(await canvasChecksum(page, DIGITS), before, 'the step size did not change the chart');
  const csv = (await download(page, DIGITS, 'export-csv')).bytes.toString('utf8');
  assert.ok(csv.startsWith('strategy,loss_evaluations,test_accuracy\n'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('under reduced motion, play jumps to the end of the walk instead of animating it', async () => {
  const { context, page, problems, figure } = await site.openDemo({ context: { reducedMotion: 'reduce' } });
  await page.locator(`${figure} button[data-action="reset"]`).click();
  const readout = page.locator(`${figure} .demo-readout`).first();
  assert.match(await readout.textContent(), /spent: 0 of 100/);
  await page.locator(`${figure} button[data-action="play-pause"]`).click();
  assert.match(await readout.textContent(), /spent: 100 of 100/);
  const atEnd = await canvasChecksum(page, figure);
  await page.waitForTimeout(300);
  assert.equal(await canvasChecksum(page, figure), atEnd, 'the picture kept moving');
  assert.equal(await page.locator(`${figure} button[data-action="play-pause"]`).getAttribute('aria-pressed'), 'false');
  assert.deepEqual(problems, []);
  await context.close();
});
