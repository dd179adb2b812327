// The training dashboard of lesson 6, used as a student would: it loads the digits and draws; every
// control changes the picture; a link with settings restores them; the exports are valid files; the
// keyboard alone can train, step and run a sanity check; and a slider move redraws within budget.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testSite, canvasChecksum, distinctColours, assertExports, assertFocusVisible, tabTo } from './harness.mjs';

const FIGURE = 'figure[data-demo="training-dashboard"]';
// Ready once the digits are in and the run is set up: the readout names the epoch.
const site = testSite({
  demo: 'training-dashboard',
  ready: ({ figure }) => document.querySelector(`${figure} .training-dashboard-readout`)?.textContent.startsWith('Epoch'),
  readyTimeout: 15_000,
});

async function readout(page) {
  return page.locator(`${FIGURE} .training-dashboard-readout`).textContent();
}

/** Stops the run so the picture holds still, and returns its checksum. */
async function pausedChecksum(page) {
  const playPause = page.locator(`${FIGURE} button[data-action="play-pause"]`);
  if (await playPause.getAttribute('aria-pressed') === 'true') await playPause.click();
  await page.waitForTimeout(50);
  return canvasChecksum(page, FIGURE);
}

test('the dashboard draws a picture that is not blank, and play trains', async () => {
  const { context, page, problems } = await site.openDemo();
  assert.ok(await distinctColours(page, FIGURE) > 20, 'the dashboard canvas looks blank');
  assert.match(await readout(page), /^Epoch 0 of 20/);
  const label = await page.locator(`${FIGURE} [role="img"]`).getAttribute('aria-label');
  assert.match(label, /not trained yet/);
  const atStart = await canvasChecksum(page, FIGURE);
  await page.locator(`${FIGURE} button[data-action="play-pause"]`).click();
  await page.waitForTimeout(1500);
  assert.notEqual(await pausedChecksum(page), atStart, 'play did not change the picture');
  assert.doesNotMatch(await readout(page), /^Epoch 0 of/);
  assert.match(await page.locator(`${FIGURE} [role="img"]`).getAttribute('aria-label'), /after \d+ of 20 epochs/);
  assert.doesNotMatch(await page.locator(FIGURE).textContent(), /NaN|Infinity/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('each control changes the picture', async () => {
  const { context, page, problems } = await site.openDemo();
  await page.locator(`${FIGURE} button[data-action="step"]`).click();
  const sliders = ['learning-rate', 'reg', 'batch', 'epochs'];
  for (const name of sliders) {
    const before = await pausedChecksum(page);
    const slider = page.locator(`${FIGURE} input[type="range"][name="${name}"]`);
    const valueBefore = await slider.inputValue();
    const box = await slider.boundingBox();
    await page.mouse.click(box.x + box.width * 0.15, box.y + box.height / 2);
    await page.waitForTimeout(200);
    assert.notEqual(await slider.inputValue(), valueBefore, `the ${name} slider did not move`);
    assert.notEqual(await pausedChecksum(page), before, `moving ${name} did not change the picture`);
    const shown = await page.locator(`${FIGURE} output[for$="-${name}"]`).textContent();
    assert.ok(shown.trim().length > 0 && !/NaN/.test(shown), `${name} shows "${shown}"`);
  }
  for (const [name, value] of [['loss', 'svm'], ['data', 'tiny']]) {
    const before = await pausedChecksum(page);
    await page.locator(`${FIGURE} select[name="${name}"]`).selectOption(value);
    await page.waitForTimeout(300);
    assert.notEqual(await pausedChecksum(page), before, `choosing ${name} ${value} did not change the picture`);
  }
  const before = await pausedChecksum(page);
  await page.locator(`${FIGURE} input[name="log"]`).check();
  assert.notEqual(await pausedChecksum(page), before, 'the log scale did not change the picture');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link with settings restores them, and a mangled one is reported politely', async () => {
  const probe = await site.openDemo();
  const { id } = probe;
  await probe.context.close();
  const { context, page, problems } = await site.openDemo({
    query: `?${id}.loss=svm&${id}.lr=0.01&${id}.reg=0&${id}.batch=full&${id}.epochs=50&${id}.log=true`,
  });
  assert.equal(await page.locator(`${FIGURE} select[name="loss"]`).inputValue(), 'svm');
  assert.equal(await page.locator(`${FIGURE} output[for$="-learning-rate"]`).textContent(), '0.01');
  assert.equal(await page.locator(`${FIGURE} output[for$="-reg"]`).textContent(), '0 (off)');
  assert.match(await page.locator(`${FIGURE} output[for$="-batch"]`).textContent(), /^full/);
  assert.equal(await page.locator(`${FIGURE} input[name="log"]`).isChecked(), true);
  assert.match(await readout(page), /^Epoch 0 of 50 · step 0 of 50/);
  assert.deepEqual(problems, []);
  await context.close();

  const mangled = await site.openDemo({
    query: `?${id}.lr=1e309&${id}.batch=seven&${id}.loss=%3Cb%3Ehinge%3C/b%3E`,
  });
  const message = await mangled.page.locator(`${FIGURE} .demo-message`).textContent();
  assert.match(message, /“lr”/);
  assert.match(message, /“batch”/);
  assert.match(message, /“loss”/);
  assert.equal(await mangled.page.locator(`${FIGURE} .demo-message b`).count(), 0, 'URL text became HTML');
  await mangled.page.locator(`${FIGURE} button[data-action="step"]`).click();
  assert.match(await readout(mangled.page), /^Epoch 1 of 20/);
  assert.deepEqual(mangled.problems, []);
  await mangled.context.close();
});

test('the exports are valid files', async () => {
  const { context, page, problems } = await site.openDemo();
  await page.locator(`${FIGURE} button[data-action="step"]`).click();
  await assertExports(page, FIGURE, {
    csvName: 'training-dashboard-softmax.csv',
    csvHeader: 'step,epoch,batch_loss,update_ratio,epoch_end,train_loss,train_accuracy,validation_accuracy',
    csvLines: 1 + 108, // one epoch of batches of 10 over 1,077 digits is 108 steps
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard alone can train, change a setting and run a sanity check', async () => {
  const { context, page, problems } = await site.openDemo();
  // Tab from the learning-rate slider through the controls to the buttons, never touching the mouse.
  await page.locator(`${FIGURE} input[name="learning-rate"]`).focus();
  await page.keyboard.press('ArrowLeft');
  await page.waitForTimeout(100);
  assert.equal(await page.locator(`${FIGURE} output[for$="-learning-rate"]`).textContent(), '0.0794');
  await tabTo(page, `${FIGURE} button[data-action="play-pause"]`, { limit: 12 });
  await assertFocusVisible(page);
  await page.keyboard.press('Space');
  await page.waitForTimeout(200);
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.match(await readout(page), /^Epoch \d/);
  await page.locator(`${FIGURE} button[data-action="check-initial-loss"]`).focus();
  await page.keyboard.press('Enter');
  assert.match(await page.locator(`${FIGURE} .training-dashboard-results`).textContent(), /ln 10 ≈ 2\.3026\) ✓/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a slider move redraws, and how long it takes is reported', async () => {
  const { context, page, problems } = await site.openDemo();
  await page.locator(`${FIGURE} button[data-action="step"]`).click();
  // Each input event restarts the run and redraws synchronously; measure that main-thread time.
  const timings = await page.evaluate((selector) => {
    const slider = document.querySelector(`${selector} input[name="learning-rate"]`);
    const pause = document.querySelector(`${selector} button[data-action="play-pause"]`);
    const times = [];
    for (let index = 0; index < 30; index += 1) {
      slider.value = String(-3 + (index % 10) * 0.3);
      const start = performance.now();
      slider.dispatchEvent(new Event('input'));
      times.push(performance.now() - start);
    }
    if (pause.getAttribute('aria-pressed') === 'true') pause.click();
    times.sort((a, b) => a - b);
    return { median: times[15], p95: times[28] };
  }, FIGURE);
  console.log(`training-dashboard slider to picture: median ${timings.median.toFixed(2)} ms, p95 ${timings.p95.toFixed(2)} ms`);
  // Timings are reported, not asserted: a busy machine must not fail the suite (issue 6's budgets
  // are held by the benchmark harness). What is asserted is that the moves did restart the run.
  assert.ok(Number.isFinite(timings.p95));
  assert.match(await readout(page), /^Epoch [\d.]+ of 20/);
  assert.deepEqual(problems, []);
  await context.close();
});
