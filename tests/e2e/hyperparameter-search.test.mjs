// Random against grid search, used as a student would: it draws, the trial slider and the new-seed
// button change the picture, a link restores its settings, its exports are valid files, and the
// keyboard alone operates it.

const DEMO = 'hyperparameter-search';
const READY = (figure) => document.querySelector(`${figure} .hyperparameter-search-grid`)?.textContent.length > 0;
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

test('the search draws a picture that is not blank', async () => {
  const { context, page, problems } = await openDemo();
  const colours = await distinctColours(page, FIGURE);
  assert.ok(colours > 20, `only ${colours} distinct colours`);
  const label = await page.locator(`${FIGURE} [role="img"]`).getAttribute('aria-label');
  assert.match(label, /Grid: 3 learning rates tried/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the trial slider and the new-seed button each change the picture', async () => {
  const { context, page, problems } = await openDemo();
  const slider = `${FIGURE} input[name="per-axis"]`;
  const before = await canvasChecksum(page, FIGURE);
  await dragSlider(page, slider, 0.95);
  await page.waitForTimeout(100);
  const afterSlider = await canvasChecksum(page, FIGURE);
  assert.notEqual(afterSlider, before, 'the slider did not change the picture');
  assert.match(await page.locator(`${FIGURE} output`).textContent(), /^\d+ \(\d+ × \d+ grid\)$/);
  await page.locator(`${FIGURE} button[data-action="new-seed"]`).click();
  assert.notEqual(await canvasChecksum(page, FIGURE), afterSlider, 'a new seed did not redraw');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link with settings restores them, and a bad one says so', async () => {
  const first = await openDemo();
  const id = await figureId(first.page);
  await first.context.close();
  const { context, page, problems } = await openDemo(`?${id}.per-axis=6&${id}.seed=42`);
  assert.equal(await page.locator(`${FIGURE} input[name="per-axis"]`).inputValue(), '6');
  assert.equal(await page.locator(`${FIGURE} output`).textContent(), '36 (6 × 6 grid)');
  assert.deepEqual(problems, []);
  await context.close();
  const bad = await openDemo(`?${id}.per-axis=<img src=x>&${id}.seed=-1`);
  const message = await bad.page.locator(`${FIGURE} .demo-message`).textContent();
  assert.match(message, /per-axis/);
  assert.equal(await bad.page.locator(`${FIGURE} .demo-message img`).count(), 0);
  assert.equal(await bad.page.locator(`${FIGURE} output`).textContent(), '9 (3 × 3 grid)');
  await bad.context.close();
});

test('exports are valid CSV, SVG and PNG files', async () => {
  const { context, page, problems } = await openDemo();
  await assertExports(page, 'search,trial,learning_rate,reg,loss');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard alone operates it', async () => {
  const { context, page, problems } = await openDemo();
  const slider = `${FIGURE} input[name="per-axis"]`;
  await page.focus(slider);
  const before = await canvasChecksum(page, FIGURE);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator(slider).inputValue(), '5');
  assert.notEqual(await canvasChecksum(page, FIGURE), before);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.dataset.action);
  assert.equal(focused, 'new-seed');
  await assertFocusVisible(page, `${FIGURE} button[data-action="new-seed"]`);
  const beforeSeed = await canvasChecksum(page, FIGURE);
  await page.keyboard.press('Enter');
  assert.notEqual(await canvasChecksum(page, FIGURE), beforeSeed, 'Enter on the button did nothing');
  assert.deepEqual(problems, []);
  await context.close();
});
