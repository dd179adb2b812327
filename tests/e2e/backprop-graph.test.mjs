// The backprop graph used as a student would: it steps forward and back through lesson 9's graph
// with the buttons and the arrow keys, an edited input runs both passes again, a link restores the
// step, its exports are valid files, and it fits a 390 px phone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testSite, canvasChecksum, assertExports, assertFocusVisible, tabTo } from './harness.mjs';

const DEMO = 'backprop-graph';
const FIGURE = `figure[data-demo="${DEMO}"]`;
const site = testSite({ demo: DEMO });

const rule = (page) => page.locator(`${FIGURE} .backprop-rule`).textContent();
const nodeRow = (page, index) => page.locator(`${FIGURE} .backprop-nodes tbody tr`).nth(index).innerText();

test('stepping forward then backward shows the lesson\'s numbers', async () => {
  const { context, page, problems } = await site.openDemo();
  assert.match(await rule(page), /^Step 0 of 7\./);
  const atStart = await canvasChecksum(page, FIGURE);
  await page.locator(`${FIGURE} button[data-action="step-forward"]`).click();
  assert.match(await rule(page), /q = x \+ y = −2 \+ 5 = 3/);
  assert.notEqual(await canvasChecksum(page, FIGURE), atStart, 'a step did not redraw');
  for (let step = 2; step <= 7; step += 1) await page.locator(`${FIGURE} button[data-action="step-forward"]`).click();
  assert.match(await rule(page), /^Step 7 of 7\. ∂f\/∂x = −4/);
  assert.match(await nodeRow(page, 2), /z\s+input\s+−4\s+3/);
  assert.ok(await page.locator(`${FIGURE} button[data-action="step-forward"]`).isDisabled());
  await page.locator(`${FIGURE} button[data-action="step-back"]`).click();
  assert.match(await rule(page), /^Step 6 of 7\./);
  const check = await page.locator(`${FIGURE} .backprop-check tbody`).innerText();
  assert.match(check, /z\s+3\s+3/);
  assert.match(check, /good/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an edited input runs both passes again and goes into the link', async () => {
  const { context, page, problems } = await site.openDemo();
  await page.locator(`${FIGURE} button[data-action="end"]`).click();
  const field = page.locator(`${FIGURE} input.backprop-field[data-input="2"]`);
  await field.fill('2');
  assert.match(await nodeRow(page, 4), /f\s+q × z\s+6\s+1/);
  await field.press('Tab');
  await page.waitForFunction(() => location.search.includes('.at=-2%2C5%2C2') || location.search.includes('.at=-2,5,2'));
  await field.fill('oops');
  assert.match(await page.locator(`${FIGURE} .demo-message`).textContent(), /between -10 and 10/);
  assert.deepEqual(problems, []);
  await context.close();
  const first = await site.openDemo({ query: '' });
  const { id } = first;
  await first.context.close();
  const linked = await site.openDemo({ query: `?${id}.preset=branches&${id}.at=1,2&${id}.step=8` });
  assert.match(await rule(linked.page), /∂f\/∂x = 2 \+ 0\.54 = 2\.54/);
  assert.equal(await linked.page.locator(`${FIGURE} input.backprop-field`).count(), 2);
  await linked.context.close();
});

test('the keyboard alone operates it', async () => {
  const { context, page, problems } = await site.openDemo();
  await tabTo(page, `${FIGURE} .backprop-graph-scroll`);
  await assertFocusVisible(page, `${FIGURE} .backprop-graph-scroll`);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await rule(page), /^Step 2 of 7\./);
  await page.keyboard.press('End');
  assert.match(await rule(page), /^Step 7 of 7\./);
  await page.keyboard.press('Home');
  assert.match(await rule(page), /^Step 0 of 7\./);
  assert.deepEqual(problems, []);
  await context.close();
});

test('exports are valid CSV, SVG and PNG files', async () => {
  const { context, page, problems } = await site.openDemo();
  await page.locator(`${FIGURE} button[data-action="end"]`).click();
  const { csv, svg } = await assertExports(page, FIGURE, {
    // A header and five nodes, a blank line, a header and three inputs' checks.
    csvHeader: 'node,computes,value,gradient', csvLines: 11, csvName: 'backprop-graph-lesson.csv',
  });
  assert.ok(csv.includes('q,x + y,3,-4'), csv.join('\n'));
  assert.match(svg, /∂f\/∂z = 3/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('it fits a 390 px phone: only the graph scrolls sideways', async () => {
  const { context, page, problems } = await site.openDemo({
    context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 },
    query: '',
  });
  const widths = await page.evaluate((selector) => ({
    page: document.documentElement.scrollWidth,
    figure: document.querySelector(selector).getBoundingClientRect().right,
  }), FIGURE);
  assert.ok(widths.page <= 390, `the page is ${widths.page} px wide`);
  assert.ok(widths.figure <= 390, `the figure ends at ${widths.figure} px`);
  assert.deepEqual(problems, []);
  await context.close();
});
