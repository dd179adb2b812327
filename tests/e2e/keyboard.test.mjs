// The saddle-point race from start to finish with the keyboard alone, as a reader without a mouse
// would use it: Tab to each control, arrows on sliders and on the focused picture, Space and Enter
// on buttons and checkboxes. Every step must change the picture, and every element focused on the
// way, the page's own links included, must show that it has focus.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testSite, canvasChecksum, tabTo } from './harness.mjs';

const site = testSite({ demo: 'saddle-race' });

async function changes(page, figure, action, what) {
  const before = await canvasChecksum(page, figure);
  await action();
  await page.waitForTimeout(80);
  assert.notEqual(await canvasChecksum(page, figure), before, `${what} did not change the picture`);
}

test('the race can be run from start to finish with the keyboard alone', async () => {
  // Left at the top of the page, so the tour below starts where a reader's first Tab does.
  const { context, page, problems, figure } = await site.openDemo({ scroll: false });
  try {
    const keyboard = page.keyboard;

    // From the top of the page into the demo: its picture first takes focus, and arrows move the start.
    await tabTo(page, `${figure} [tabindex="0"]`);
    await changes(page, figure, async () => {
      for (let press = 0; press < 4; press += 1) await keyboard.press('ArrowLeft');
      await keyboard.press('ArrowUp');
    }, 'arrow keys on the focused picture');

    // The step size: arrows on the slider.
    await tabTo(page, `${figure} input[type="range"][name="learning-rate"]`);
    const rateBefore = await page.locator(`${figure} input[name="learning-rate"]`).inputValue();
    await changes(page, figure, async () => {
      for (let press = 0; press < 10; press += 1) await keyboard.press('ArrowRight');
    }, 'arrow keys on the step-size slider');
    assert.notEqual(await page.locator(`${figure} input[name="learning-rate"]`).inputValue(), rateBefore);

    // Step with Enter, then play with Space and pause with Space.
    await tabTo(page, `${figure} button[data-action="step"]`);
    await changes(page, figure, async () => {
      for (let press = 0; press < 3; press += 1) await keyboard.press('Enter');
    }, 'Enter on Step');
    await tabTo(page, `${figure} button[data-action="play-pause"]`, { backwards: true });
    const playPause = page.locator(`${figure} button[data-action="play-pause"]`);
    await changes(page, figure, async () => {
      await keyboard.press('Space');
      await page.waitForTimeout(300);
    }, 'Space on Play');
    // Under reduced motion Play jumps to the end; otherwise the race plays until paused.
    await keyboard.press('Space');
    await page.waitForTimeout(100);
    assert.equal(await playPause.getAttribute('aria-pressed'), 'false', 'Space did not pause the race');
    const paused = await canvasChecksum(page, figure);
    await page.waitForTimeout(300);
    assert.equal(await canvasChecksum(page, figure), paused, 'the race moves after Space paused it');

    // Reset with Enter.
    await tabTo(page, `${figure} button[data-action="reset"]`);
    await changes(page, figure, () => keyboard.press('Enter'), 'Enter on Reset');
    assert.match(await page.locator(`${figure} .demo-readout`).first().textContent(), /^Step 0 /);

    // A racer switched on or off with Space on its checkbox.
    await tabTo(page, `${figure} input[type="checkbox"]`);
    await changes(page, figure, () => keyboard.press('Space'), 'Space on a racer\'s checkbox');

    // Back to the surface menu, where typing a surface's first letter chooses it (arrows on a
    // closed menu open it on some systems and change it on others).
    await tabTo(page, `${figure} select[name="surface"]`, { backwards: true });
    const surface = page.locator(`${figure} select[name="surface"]`);
    const letter = await surface.evaluate((select) => {
      const current = select.selectedOptions[0].textContent.trim()[0].toLowerCase();
      const other = [...select.options].find((option) => option.textContent.trim()[0].toLowerCase() !== current);
      return other.textContent.trim()[0].toLowerCase();
    });
    const surfaceBefore = await surface.inputValue();
    await changes(page, figure, () => keyboard.press(letter), `typing “${letter}” on the surface menu`);
    assert.notEqual(await surface.inputValue(), surfaceBefore);

    // Finally play the new race to its end: Play, then wait for the button to say Play again.
    await tabTo(page, `${figure} button[data-action="play-pause"]`);
    await keyboard.press('Enter');
    await page.waitForFunction((selector) =>
      /Step (\d+) of \1\b/.test(document.querySelector(selector)?.textContent ?? ''),
    `${figure} .demo-readout`, { timeout: 20_000 });
    assert.equal(await playPause.getAttribute('aria-pressed'), 'false', 'the race did not stop at its end');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
