// The learning-rate schedules, used as a student would: it draws, every slider changes the picture,
// play animates and pause stops, a link restores its settings, its exports are valid files, and
// the keyboard alone operates it; with reduced motion, play jumps to the end instead of animating.

const DEMO = 'lr-schedules';
const READY = (figure) => document.querySelector(`${figure} .demo-readout`)?.textContent.startsWith('Step');
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, launchBrowser, openRecordedPage, builtPages, distDir, canvasChecksum, distinctColours, pageContaining,
} from './harness.mjs';

const FIGURE = `figure[data-demo="${DEMO}"]`;
let browser;
let server;
let demoPage;

before(async () => {
  browser = await launchBrowser();
  server = await startServer();
  demoPage = pageContaining(`data-demo="${DEMO}"`);
});
after(async () => { await server?.close(); await browser?.close(); });

/** Opens the demo's page (with `query` appended) and waits until the demo is live and ready. */
async function openDemo(query = '', options = {}) {
  assert.ok(demoPage, `no built page holds the ${DEMO} demo`);
  const recorded = await openRecordedPage(browser, server.origin, options);
  await recorded.page.goto(server.base + demoPage + query);
  await recorded.page.waitForSelector(`${FIGURE}.demo-live canvas`, { timeout: 10_000 });
  await recorded.page.waitForFunction(READY, FIGURE, { timeout: 10_000 });
  await recorded.page.locator(FIGURE).scrollIntoViewIfNeeded();
  return recorded;
}

async function figureId(page) {
  return page.locator(FIGURE).getAttribute('id');
}

async function dragSlider(page, selector, fraction) {
  const box = await page.locator(selector).boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * fraction, y, { steps: 8 });
  await page.mouse.up();
}

/** Clicks an export button and returns the downloaded file's name and bytes. */
async function download(page, action) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`${FIGURE} button[data-action="${action}"]`).click(),
  ]);
  const stream = await file.createReadStream();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

async function assertExports(page, csvHeader) {
  const csv = await download(page, 'export-csv');
  const text = csv.bytes.toString('utf8');
  assert.ok(csv.name.endsWith('.csv'), csv.name);
  assert.ok(text.startsWith(csvHeader), text.slice(0, 80));
  assert.ok(text.trim().split('\n').length > 2, 'the CSV has no rows');
  assert.ok(!/NaN|inf/i.test(text), 'the CSV holds a number that is not one');
  const svg = await download(page, 'export-svg');
  const drawing = svg.bytes.toString('utf8');
  assert.ok(drawing.startsWith('<svg'), drawing.slice(0, 60));
  assert.ok(!drawing.includes('NaN'));
  const png = await download(page, 'export-png');
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.bytes.length > 2000, `a ${png.bytes.length}-byte PNG is blank`);
}

/** Focuses `selector` and checks the focus ring shows when it is reached by keyboard. */
async function assertFocusVisible(page, selector) {
  const outline = await page.$eval(selector, (element) => {
    const style = getComputedStyle(element);
    return { width: parseFloat(style.outlineWidth), style: style.outlineStyle };
  });
  assert.ok(outline.width >= 2 && outline.style !== 'none', `no visible focus on ${selector}: ${JSON.stringify(outline)}`);
}

test('the schedules draw a picture that is not blank', async () => {
  const { context, page, problems } = await openDemo();
  const colours = await distinctColours(page, FIGURE);
  assert.ok(colours > 20, `only ${colours} distinct colours`);
  assert.equal(await page.locator(`${FIGURE} ul.demo-legend li`).count(), 4);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every slider changes the picture and shows its value', async () => {
  const { context, page, problems } = await openDemo();
  for (const name of ['lr', 'drop', 'every', 'k-exp', 'k-inv']) {
    const slider = `${FIGURE} input[name="${name}"]`;
    const before = await canvasChecksum(page, FIGURE);
    const shownBefore = await page.locator(`${slider} + output`).textContent();
    await dragSlider(page, slider, 0.15);
    await page.waitForTimeout(50);
    assert.notEqual(await canvasChecksum(page, FIGURE), before, `${name} did not change the picture`);
    const shown = await page.locator(`${slider} + output`).textContent();
    assert.notEqual(shown, shownBefore, `${name} shows no new value`);
    assert.ok(!/NaN|inf/.test(shown), shown);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('play animates the runs and pause stops them', async () => {
  const { context, page, problems } = await openDemo();
  const playPause = page.locator(`${FIGURE} button[data-action="play-pause"]`);
  await page.locator(`${FIGURE} button[data-action="reset"]`).click();
  const atStart = await canvasChecksum(page, FIGURE);
  await playPause.click();
  await page.waitForTimeout(300);
  assert.notEqual(await canvasChecksum(page, FIGURE), atStart, 'play did not change the picture');
  await playPause.click();
  await page.waitForTimeout(100);
  const paused = await canvasChecksum(page, FIGURE);
  await page.waitForTimeout(400);
  assert.equal(await canvasChecksum(page, FIGURE), paused, 'the picture still changes after pause');
  assert.equal(await playPause.getAttribute('aria-pressed'), 'false');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with reduced motion, play shows the whole run at once', async () => {
  const { context, page, problems } = await openDemo('', { reducedMotion: 'reduce' });
  await page.locator(`${FIGURE} button[data-action="reset"]`).click();
  await page.locator(`${FIGURE} button[data-action="play-pause"]`).click();
  assert.equal(await page.locator(`${FIGURE} .demo-readout`).textContent(), 'Step 300 of 300');
  assert.equal(await page.locator(`${FIGURE} button[data-action="play-pause"]`).getAttribute('aria-pressed'), 'false');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link with settings restores them, and a diverging rate says so', async () => {
  const first = await openDemo();
  const id = await figureId(first.page);
  await first.context.close();
  const { context, page, problems } = await openDemo(`?${id}.lr=0.02&${id}.every=30&${id}.k-inv=2`);
  assert.equal(await page.locator(`${FIGURE} input[name="lr"] + output`).textContent(), '0.02');
  assert.equal(await page.locator(`${FIGURE} input[name="every"] + output`).textContent(), '30');
  assert.equal(await page.locator(`${FIGURE} input[name="k-inv"] + output`).textContent(), '2');
  assert.deepEqual(problems, []);
  await context.close();
  const wild = await openDemo(`?${id}.lr=0.5&${id}.drop=abc`);
  const message = await wild.page.locator(`${FIGURE} .demo-message`).textContent();
  assert.match(message, /drop/);
  assert.match(message, /diverged at step \d+/);
  assert.ok(!/NaN|inf/.test(await wild.page.locator(FIGURE).textContent()));
  await wild.context.close();
});

test('exports are valid CSV, SVG and PNG files', async () => {
  const { context, page, problems } = await openDemo();
  await assertExports(page, 'schedule,step,learning_rate,loss,x,y');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard alone operates it', async () => {
  const { context, page, problems } = await openDemo();
  const slider = `${FIGURE} input[name="k-exp"]`;
  await page.focus(slider);
  const before = await canvasChecksum(page, FIGURE);
  await page.keyboard.press('End');
  assert.equal(await page.locator(`${slider} + output`).textContent(), '1');
  assert.notEqual(await canvasChecksum(page, FIGURE), before);
  await page.focus(`${FIGURE} button[data-action="reset"]`);
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(`${FIGURE} .demo-readout`).textContent(), 'Step 0 of 300');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'step');
  await assertFocusVisible(page, `${FIGURE} button[data-action="step"]`);
  await page.keyboard.press(' ');
  assert.equal(await page.locator(`${FIGURE} .demo-readout`).textContent(), 'Step 1 of 300');
  assert.deepEqual(problems, []);
  await context.close();
});
