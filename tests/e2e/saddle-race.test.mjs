// The saddle-point race, used as a student would: it draws, the step-size slider moved with real
// mouse input changes the picture, play animates it and pause stops it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, launchBrowser, openRecordedPage, builtPages, distDir, canvasChecksum, distinctColours, pageContaining,
} from './harness.mjs';

// A lesson can hold several races; the tests drive the first, by its id.
let FIGURE = 'figure[data-demo="saddle-race"]';
let browser;
let server;
let racePage;

before(async () => {
  browser = await launchBrowser();
  server = await startServer();
  racePage = pageContaining('data-demo="saddle-race"');
});
after(async () => { await server?.close(); await browser?.close(); });

async function openRace() {
  assert.ok(racePage, 'no built page holds the saddle-race demo');
  const recorded = await openRecordedPage(browser, server.origin);
  await recorded.page.goto(server.base + racePage);
  const id = await recorded.page.locator('figure[data-demo="saddle-race"]').first().getAttribute('id');
  FIGURE = `#${id}`;
  await recorded.page.waitForSelector(`${FIGURE}.demo-live canvas`, { timeout: 10_000 });
  await recorded.page.locator(FIGURE).scrollIntoViewIfNeeded();
  return recorded;
}

async function dragSlider(page, selector, fraction) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  const box = await page.locator(selector).boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * fraction, y, { steps: 8 });
  await page.mouse.up();
}

test('the race draws a picture that is not blank', async () => {
  const { context, page, problems } = await openRace();
  const colours = await distinctColours(page, FIGURE);
  assert.ok(colours > 20, `only ${colours} distinct colours on the race's canvases`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('moving the step-size slider with the mouse changes the paths', async () => {
  const { context, page, problems } = await openRace();
  const slider = `${FIGURE} input[type="range"][name="learning-rate"]`;
  const valueBefore = await page.locator(slider).inputValue();
  const pixelsBefore = await canvasChecksum(page, FIGURE);
  await dragSlider(page, slider, 0.9);
  await page.waitForTimeout(100);
  const valueAfter = await page.locator(slider).inputValue();
  assert.notEqual(valueAfter, valueBefore, 'the drag did not move the slider');
  assert.notEqual(await canvasChecksum(page, FIGURE), pixelsBefore, 'the picture did not change');
  const shown = await page.locator(`${FIGURE} output[for]`).first().textContent();
  assert.ok(shown.trim().length > 0, 'the slider shows no value');
  assert.deepEqual(problems, []);
  await context.close();
});

test('play animates the race and pause stops it', async () => {
  const { context, page, problems } = await openRace();
  const playPause = page.locator(`${FIGURE} button[data-action="play-pause"]`);
  await page.locator(`${FIGURE} button[data-action="reset"]`).click();
  const atStart = await canvasChecksum(page, FIGURE);
  await playPause.click();
  await page.waitForTimeout(400);
  const playing = await canvasChecksum(page, FIGURE);
  assert.notEqual(playing, atStart, 'play did not change the picture');
  await playPause.click();
  await page.waitForTimeout(100);
  const paused = await canvasChecksum(page, FIGURE);
  await page.waitForTimeout(500);
  assert.equal(await canvasChecksum(page, FIGURE), paused, 'the picture still changes after pause');
  assert.equal(await playPause.getAttribute('aria-pressed'), 'false');
  assert.deepEqual(problems, []);
  await context.close();
});

test('reset after play leaves no trace of the run on the picture or the loss chart', async () => {
  const { context, page, problems } = await openRace();
  // A different step size changes the number of steps, so the loss chart's axis is redrawn too.
  await page.locator(`${FIGURE} input[name="learning-rate"]`).focus();
  await page.keyboard.press('ArrowRight');
  await page.locator(`${FIGURE} button[data-action="reset"]`).click();
  await page.waitForTimeout(100);
  const atStart = await canvasChecksum(page, FIGURE);
  await page.locator(`${FIGURE} button[data-action="play-pause"]`).click();
  await page.waitForTimeout(2500);
  await page.locator(`${FIGURE} button[data-action="reset"]`).click();
  await page.waitForTimeout(100);
  assert.equal(await canvasChecksum(page, FIGURE), atStart, 'the canvases still show ink from before the reset');
  assert.deepEqual(problems, []);
  await context.close();
});
