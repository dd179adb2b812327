// The step-size demos used as a student would, in real Chromium under the site's content policy:
// the one-step sweep (lesson 3), the step-size paths (lessons 3 and 4) and the learning curves
// (lessons 4 and 6). Each draws, each control changes the picture, a URL with settings restores
// them, the exports produce valid files, and the keyboard alone can operate it.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  testSite, demoPlacement, canvasChecksum, distinctColours, dragSlider, assertExports,
} from './harness.mjs';

const site = testSite();
const openDemo = (demo, query = '', context = {}) => site.openDemo({ demo, query, context });

/** Sets a range input as a script would, then sends the real `input` and `change` events a drag sends. */
async function setRange(page, selector, value) {
  await page.locator(selector).evaluate((input, newValue) => {
    input.value = String(newValue);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

/** Times from a real input event to the end of drawing, as the demo records them, in ms. */
async function sliderTimings(page, figure, slider, values) {
  const timings = [];
  for (const value of values) {
    await setRange(page, slider, value);
    timings.push(Number(await page.locator(figure).getAttribute('data-last-update-ms')));
  }
  timings.sort((a, b) => a - b);
  return { median: timings[Math.floor(timings.length / 2)], p95: timings[Math.floor(timings.length * 0.95)] };
}

describe('step-size sweep', () => {
  const ready = async (page, figure) => page.waitForSelector(`${figure} .step-size-sweep-best`, { timeout: 10_000 });

  test('draws the table and the chart, and every control changes the picture', async () => {
    const { context, page, problems, figure } = await openDemo('step-size-sweep');
    await ready(page, figure);
    assert.ok(await distinctColours(page, figure) > 4, 'the chart is blank');
    assert.equal(await page.locator(`${figure} .step-size-sweep-table tbody tr`).count(), 14);
    let picture = await canvasChecksum(page, figure);
    const slider = `${figure} input[name="step"]`;
    await dragSlider(page, slider, 0.2);
    assert.notEqual(await canvasChecksum(page, figure), picture, 'the slider did not move the marker');
    picture = await canvasChecksum(page, figure);
    const table = await page.locator(`${figure} tbody`).textContent();
    await page.locator(`${figure} select[name="loss"]`).selectOption('softmax');
    assert.notEqual(await canvasChecksum(page, figure), picture, 'the loss select changed nothing');
    assert.notEqual(await page.locator(`${figure} tbody`).textContent(), table);
    picture = await canvasChecksum(page, figure);
    await page.locator(`${figure} button[data-action="new-weights"]`).click();
    assert.notEqual(await canvasChecksum(page, figure), picture, 'new weights changed nothing');
    console.log(`step-size-sweep: one gradient and the 14-step table took ${await page.locator(figure).getAttribute('data-last-sweep-ms')} ms`);
    const timing = await sliderTimings(page, figure, slider, [-9, -7, -5, -3, -1, 0, 1, 2, -2, -4, -6, -8,
      -9.5, -7.5, -5.5, -3.5, -1.5, 0.5, 1.5, 2.5]);
    console.log(`step-size-sweep slider to picture: median ${timing.median} ms, p95 ${timing.p95} ms`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a URL with settings restores them, and bad ones get a message', async () => {
    const { id } = demoPlacement('step-size-sweep');
    const good = await openDemo('step-size-sweep', `?${id}.loss=softmax&${id}.step=1e-5&${id}.seed=3`);
    await ready(good.page, good.figure);
    assert.equal(await good.page.locator(`${good.figure} select[name="loss"]`).inputValue(), 'softmax');
    assert.equal(await good.page.locator(`${good.figure} output`).first().textContent(), '1.000e-5');
    assert.deepEqual(good.problems, []);
    await good.context.close();
    const bad = await openDemo('step-size-sweep', `?${id}.loss=%3Cimg%3E&${id}.step=1e309&${id}.seed=x`);
    await ready(bad.page, bad.figure);
    const message = await bad.page.locator(`${bad.figure} .demo-message`).textContent();
    for (const key of ['loss', 'step', 'seed']) assert.ok(message.includes(`“${key}”`), message);
    assert.equal(await bad.page.locator(`${bad.figure} .demo-message img`).count(), 0);
    assert.deepEqual(bad.problems, []);
    await bad.context.close();
  });

  test('exports and keyboard', async () => {
    const { context, page, problems, figure } = await openDemo('step-size-sweep');
    await ready(page, figure);
    await assertExports(page, figure, { csvHeader: 'step_size,loss_after_step,source', minCsvLines: 5 });
    const picture = await canvasChecksum(page, figure);
    await page.locator(`${figure} input[name="step"]`).focus();
    for (let press = 0; press < 10; press += 1) await page.keyboard.press('ArrowLeft');
    assert.notEqual(await canvasChecksum(page, figure), picture, 'arrow keys did not move the step');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    assert.notEqual(await page.locator(`${figure} select[name="loss"]`).inputValue(), 'svm');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('step-size paths', () => {
  test('draws, and every control changes the picture', async () => {
    const { context, page, problems, figure } = await openDemo('step-size-paths');
    assert.ok(await distinctColours(page, figure) > 20, 'the picture is blank');
    assert.equal(await page.locator(`${figure} .step-size-paths-panel`).count(), 4);
    let picture = await canvasChecksum(page, figure);
    const slider = `${figure} input[name="learning-rate"]`;
    await dragSlider(page, slider, 0.95);
    assert.notEqual(await canvasChecksum(page, figure), picture, 'the step size changed nothing');
    assert.match(await page.locator(`${figure} .demo-message`).textContent(), /diverged at step \d+|went up/);
    picture = await canvasChecksum(page, figure);
    await setRange(page, `${figure} input[name="steps"]`, 400);
    assert.notEqual(await canvasChecksum(page, figure), picture, 'the step count changed nothing');
    picture = await canvasChecksum(page, figure);
    await page.locator(`${figure} select[name="surface"]`).selectOption('bumpy');
    assert.notEqual(await canvasChecksum(page, figure), picture, 'the surface changed nothing');
    picture = await canvasChecksum(page, figure);
    const frame = await page.locator(`${figure} .step-size-paths-main`).boundingBox();
    await page.mouse.click(frame.x + frame.width * 0.7, frame.y + frame.height * 0.3);
    assert.notEqual(await canvasChecksum(page, figure), picture, 'a click did not move the start');
    picture = await canvasChecksum(page, figure);
    await page.locator(`${figure} button[data-action="play-pause"]`).click();
    await page.waitForTimeout(300);
    assert.notEqual(await canvasChecksum(page, figure), picture, 'play did not animate');
    const timing = await sliderTimings(page, figure, slider, [-3, -2.5, -2, -1.5, -1, -0.5, -3.5, -2.2, -1.2, -0.2,
      -3.1, -2.6, -2.1, -1.6, -1.1, -0.6, -3.6, -2.3, -1.3, -0.3]);
    console.log(`step-size-paths slider to picture: median ${timing.median} ms, p95 ${timing.p95} ms`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a URL with settings restores them, and bad ones get a message', async () => {
    const { id } = demoPlacement('step-size-paths');
    const good = await openDemo('step-size-paths', `?${id}.surface=bowl&${id}.lr=0.02&${id}.steps=250&${id}.x=1&${id}.y=-1`);
    assert.equal(await good.page.locator(`${good.figure} select[name="surface"]`).inputValue(), 'bowl');
    assert.equal(await good.page.locator(`${good.figure} output`).first().textContent(), '0.02');
    assert.match(await good.page.locator(`${good.figure} .demo-readout`).textContent(), /of 250/);
    assert.match(await good.page.locator(`${good.figure} .step-size-paths-main`).getAttribute('aria-label'), /from \(1, -1\)/);
    await good.context.close();
    const bad = await openDemo('step-size-paths', `?${id}.surface=moon&${id}.steps=99999999&${id}.lr=-1&${id}.lr=abc`);
    const message = await bad.page.locator(`${bad.figure} .demo-message`).textContent();
    for (const key of ['surface', 'steps', 'lr']) assert.ok(message.includes(`“${key}”`), message);
    assert.ok(await distinctColours(bad.page, bad.figure) > 20, 'the page stopped working');
    assert.deepEqual(bad.problems, []);
    await bad.context.close();
  });

  test('exports and keyboard', async () => {
    const { context, page, problems, figure } = await openDemo('step-size-paths');
    await assertExports(page, figure, { csvHeader: 'run,step_size,step,x,y,loss', minCsvLines: 5 });
    const main = page.locator(`${figure} .step-size-paths-main`);
    const label = await main.getAttribute('aria-label');
    await main.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowRight');
    assert.notEqual(await main.getAttribute('aria-label'), label, 'arrow keys did not move the start');
    const picture = await canvasChecksum(page, figure);
    await page.locator(`${figure} input[name="learning-rate"]`).focus();
    await page.keyboard.press('PageUp');
    assert.notEqual(await canvasChecksum(page, figure), picture, 'the keyboard did not change the step');
    await page.locator(`${figure} button[data-action="reset"]`).focus();
    await page.keyboard.press('Enter');
    assert.match(await page.locator(`${figure} .demo-readout`).textContent(), /^Step 0 of/);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    assert.match(await page.locator(`${figure} .demo-readout`).textContent(), /^Step 1 of/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('reduced motion shows the whole run instead of animating', async () => {
    const { context, page, figure } = await openDemo('step-size-paths', '', { reducedMotion: 'reduce' });
    await page.locator(`${figure} button[data-action="reset"]`).click();
    await page.locator(`${figure} button[data-action="play-pause"]`).click();
    assert.match(await page.locator(`${figure} .demo-readout`).textContent(), /^Step 100 of 100/);
    await context.close();
  });
});

describe('learning curves', () => {
  const finished = async (page, figure, epochs) => page.waitForFunction(
    ([selector, count]) => (document.querySelector(selector)?.textContent.match(new RegExp(`at epoch ${count}(?!\\d)`, 'g')) || []).length === 5,
    [`${figure} .learning-curves-legend`, epochs], { timeout: 20_000 });

  test('trains across frames and draws five curves; the controls change them', async () => {
    const { context, page, problems, figure } = await openDemo('learning-curves');
    await finished(page, figure, 40);
    assert.ok(await distinctColours(page, figure) > 4, 'the chart is blank');
    const frameMs = Number(await page.locator(figure).getAttribute('data-last-frame-ms'));
    console.log(`learning-curves: last training frame took ${frameMs} ms`);
    let picture = await canvasChecksum(page, figure);
    await dragSlider(page, `${figure} input[name="learning-rate"]`, 0.9);
    await finished(page, figure, 40);
    assert.notEqual(await canvasChecksum(page, figure), picture, 'your rate changed nothing');
    picture = await canvasChecksum(page, figure);
    await setRange(page, `${figure} input[name="epochs"]`, 10);
    await finished(page, figure, 10);
    assert.notEqual(await canvasChecksum(page, figure), picture, 'the epochs changed nothing');
    await page.locator(`${figure} button[data-action="reset"]`).click();
    assert.match(await page.locator(`${figure} .learning-curves-legend`).textContent(), /at epoch 0/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a URL with settings restores them, and bad ones get a message', async () => {
    const { id } = demoPlacement('learning-curves');
    const good = await openDemo('learning-curves', `?${id}.lr=0.5&${id}.epochs=15`);
    assert.equal(await good.page.locator(`${good.figure} output`).first().textContent(), '0.5');
    await finished(good.page, good.figure, 15);
    await good.context.close();
    const bad = await openDemo('learning-curves', `?${id}.lr=1e400&${id}.epochs=-3`);
    const message = await bad.page.locator(`${bad.figure} .demo-message`).textContent();
    for (const key of ['lr', 'epochs']) assert.ok(message.includes(`“${key}”`), message);
    await finished(bad.page, bad.figure, 5);
    assert.deepEqual(bad.problems, []);
    await bad.context.close();
  });

  test('exports and keyboard', async () => {
    const { context, page, problems, figure } = await openDemo('learning-curves');
    await finished(page, figure, 40);
    await assertExports(page, figure, {
      csvHeader: 'curve,learning_rate,epoch,train_loss,train_accuracy', minCsvLines: 5,
    });
    await page.locator(`${figure} button[data-action="reset"]`).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    assert.match(await page.locator(`${figure} .learning-curves-legend`).textContent(), /at epoch 1(?!\d)/);
    await page.locator(`${figure} input[name="epochs"]`).focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.locator(`${figure} input[name="epochs"]`).inputValue(), '35');
    await finished(page, figure, 35);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
