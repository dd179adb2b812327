// The gradient-check demo, used as a student would: it draws and fills its table from the real
// digits, every control changes what it shows, a link with settings restores them, the exports are
// valid files, and the keyboard alone can operate it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  testSite, demoPlacement, canvasChecksum, distinctColours, dragSlider, assertExports, assertFocusVisible, tabTo,
} from './harness.mjs';

const DEMO = 'gradient-check';
const FIGURE = `figure[data-demo="${DEMO}"]`;
// Ready once the table is filled from the digits: eight rows unless a link asks for others.
const TABLE_FILLED = ({ figure, rows }) => document.querySelectorAll(`${figure} tbody tr`).length === rows;
const site = testSite({ demo: DEMO, ready: TABLE_FILLED, readyArgs: { rows: 8 } });

/** Everything the demo shows: the plot's pixels and the table's text. */
async function state(page) {
  const pixels = await canvasChecksum(page, FIGURE);
  const table = await page.locator(`${FIGURE} tbody`).textContent();
  return `${pixels}|${table}`;
}

test('the check draws its plot and fills its table from the digits', async () => {
  const { context, page, problems } = await site.openDemo();
  const colours = await distinctColours(page, FIGURE);
  assert.ok(colours > 20, `only ${colours} distinct colours on the plot`);
  const names = await page.locator(`${FIGURE} tbody th`).allTextContents();
  assert.ok(names.some((name) => name.startsWith('W[')), `no pixel weight among ${names}`);
  assert.ok(names.some((name) => name.startsWith('b[')), `no bias among ${names}`);
  const summary = await page.locator(`${FIGURE} .gradient-check-summary`).textContent();
  assert.match(summary, /Softmax loss on digits/);
  const label = await page.locator(`${FIGURE} [role="img"]`).getAttribute('aria-label');
  assert.match(label, /relative error of W\[/);
  const text = await page.locator(FIGURE).textContent();
  assert.doesNotMatch(text, /NaN|Infinity|inf\b/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every control changes what the demo shows', async () => {
  const { context, page, problems } = await site.openDemo();
  const changes = [
    ['h slider', () => page.locator(`${FIGURE} input[name="h"]`).fill('-3')],
    ['regularization slider', () => page.locator(`${FIGURE} input[name="reg"]`).fill('0.5')],
    ['examples slider', () => page.locator(`${FIGURE} input[name="examples"]`).fill('12')],
    ['precision', () => page.locator(`${FIGURE} select[name="precision"]`).selectOption('f32')],
    ['dropped 1/N', () => page.locator(`${FIGURE} input[name="bug-mean"]`).check()],
    ['flipped sign', () => page.locator(`${FIGURE} input[name="bug-sign"]`).check()],
    ['no regularization', () => page.locator(`${FIGURE} input[name="bug-reg"]`).check()],
    ['row button', () => page.locator(`${FIGURE} tbody button[data-row="3"]`).click()],
    ['new point', () => page.locator(`${FIGURE} button[data-action="new-point"]`).click()],
    ['function', () => page.locator(`${FIGURE} select[name="function"]`).selectOption('relu')],
  ];
  for (const [name, change] of changes) {
    const before = await state(page);
    await change();
    await page.waitForTimeout(50);
    assert.notEqual(await state(page), before, `the ${name} changed nothing`);
  }
  // With every bug planted on the ReLU only the flipped sign applies, and the check says so.
  const message = await page.locator(`${FIGURE} .demo-message`).textContent();
  assert.match(message, /only the flipped sign applies/);
  // Reset brings back the lesson's settings.
  await page.locator(`${FIGURE} button[data-action="reset"]`).click();
  await page.waitForFunction((selector) => document.querySelectorAll(`${selector} tbody tr`).length === 8, FIGURE);
  assert.equal(await page.locator(`${FIGURE} select[name="function"]`).inputValue(), 'softmax');
  assert.equal(await page.locator(`${FIGURE} input[name="bug-sign"]`).isChecked(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a planted bug is caught and moving h with the mouse changes the picture', async () => {
  const { context, page, problems, id } = await site.openDemo();
  await page.locator(`${FIGURE} input[name="reg"]`).fill('0.5');
  await page.locator(`${FIGURE} input[name="bug-reg"]`).check();
  const summary = await page.locator(`${FIGURE} .gradient-check-summary`).textContent();
  assert.match(summary, /probably wrong/);
  assert.match(summary, /bug is planted/);
  const slider = page.locator(`${FIGURE} input[name="h"]`);
  const valueBefore = await slider.inputValue();
  const before = await canvasChecksum(page, FIGURE);
  await dragSlider(page, `${FIGURE} input[name="h"]`, 0.15, { from: 0.6, steps: 6 });
  assert.notEqual(await slider.inputValue(), valueBefore, 'the drag did not move the slider');
  assert.notEqual(await canvasChecksum(page, FIGURE), before, 'dragging h did not change the plot');
  // The released slider writes the settings into the address bar.
  assert.match(page.url(), new RegExp(`${id}\\.bug-reg=1`));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link with settings restores them, and bad ones are reported politely', async () => {
  const figureId = demoPlacement(DEMO).id;
  const query = `?${figureId}.function=relu&${figureId}.h=1e-3&${figureId}.precision=f32&${figureId}.bug-sign=1`;
  const { context, page, problems } = await site.openDemo({ query, readyArgs: { rows: 4 } });
  assert.equal(await page.locator(`${FIGURE} select[name="function"]`).inputValue(), 'relu');
  assert.equal(await page.locator(`${FIGURE} select[name="precision"]`).inputValue(), 'f32');
  assert.equal(await page.locator(`${FIGURE} input[name="bug-sign"]`).isChecked(), true);
  const outputs = await page.locator(`${FIGURE} output`).allTextContents();
  assert.ok(outputs.includes('1e-3'), `h shown as ${outputs}`);
  await context.close();

  const hostile = `?${figureId}.function=%3Cimg%20src%3Dx%3E&${figureId}.h=NaN&${figureId}.examples=1e9&${figureId}.reg=-1`;
  const bad = await site.openDemo({ query: hostile });
  const message = await bad.page.locator(`${FIGURE} .demo-message`).textContent();
  for (const key of ['function', '“h”', 'examples', 'reg']) {
    assert.ok(message.includes(key), `no word about ${key} in: ${message}`);
  }
  assert.equal(await bad.page.locator(`${FIGURE} img`).count(), 0, 'URL text became HTML');
  assert.deepEqual(bad.problems, []);
  assert.deepEqual(problems, []);
  await bad.context.close();
});

test('the exports are valid PNG, SVG and CSV files', async () => {
  const { context, page, problems } = await site.openDemo();
  await assertExports(page, FIGURE, {
    csvHeader: 'function,precision,h,parameter,analytic,forward,centered,forward_relative_error,'
      + 'centered_relative_error,centered_band,kink_crossed',
    csvLines: 9, // a header and eight rows
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard alone can operate the check', async () => {
  const { context, page, problems } = await site.openDemo();
  // Start at the function menu, then only keys.
  await page.locator(`${FIGURE} select[name="function"]`).focus();
  const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('name') || document.activeElement?.dataset.action || '');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await focusedName(), 'h');
  const before = await state(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await state(page), before, 'arrow keys on h changed nothing');
  assert.equal(await page.locator(`${FIGURE} output`).first().textContent(), '1.58e-5');
  await tabTo(page, `${FIGURE} [name="bug-sign"]`, { limit: 10 });
  await page.keyboard.press('Space');
  const summary = await page.locator(`${FIGURE} .gradient-check-summary`).textContent();
  assert.match(summary, /probably wrong/);
  // The focused control shows a visible focus ring.
  await assertFocusVisible(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('slider to picture stays well inside a frame (timings printed, not judged)', async () => {
  const { context, page } = await site.openDemo();
  const timings = await page.evaluate((selector) => {
    const slider = document.querySelector(`${selector} input[name="h"]`);
    const times = [];
    for (let move = 0; move < 60; move += 1) {
      slider.value = String(-12 + (move % 23) * 0.5);
      const started = performance.now();
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { median: times[30], p95: times[Math.floor(times.length * 0.95)] };
  }, FIGURE);
  console.log(`gradient-check: h slider to picture, median ${timings.median.toFixed(2)} ms, p95 ${timings.p95.toFixed(2)} ms`);
  assert.ok(Number.isFinite(timings.p95));
  await context.close();
});
