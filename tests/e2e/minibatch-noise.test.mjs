// Minibatch noise, used as a student would: after the digits load it draws a cloud, the batch-size
// slider tightens it, new batches redraw it, a link restores its settings, its exports are valid
// files, and the keyboard alone operates it.

const DEMO = 'minibatch-noise';
const READY = (figure) => !document.querySelector(`${figure} input[name="batch"]`)?.disabled;
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

/** The typical angle the readout reports, in degrees. */
async function typicalAngle(page) {
  const text = await page.locator(`${FIGURE} .demo-readout`).textContent();
  const match = text.match(/Typical angle to the full gradient: (\d+)°/);
  assert.ok(match, text);
  return Number(match[1]);
}

test('the cloud draws a picture that is not blank', async () => {
  const { context, page, problems } = await openDemo();
  const colours = await distinctColours(page, FIGURE);
  assert.ok(colours > 20, `only ${colours} distinct colours`);
  const label = await page.locator(`${FIGURE} [role="img"]`).getAttribute('aria-label');
  assert.match(label, /100 batches of 4 examples/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bigger batch tightens the cloud, and new batches redraw it', async () => {
  const { context, page, problems } = await openDemo();
  const slider = `${FIGURE} input[name="batch"]`;
  const before = await canvasChecksum(page, FIGURE);
  const wideAngle = await typicalAngle(page);
  await dragSlider(page, slider, 1.0);
  await page.waitForTimeout(100);
  assert.equal(await page.locator(`${FIGURE} output`).textContent(), '512');
  assert.notEqual(await canvasChecksum(page, FIGURE), before, 'the slider did not change the picture');
  assert.ok(await typicalAngle(page) < wideAngle, 'the cloud did not tighten');
  const afterSlider = await canvasChecksum(page, FIGURE);
  await page.locator(`${FIGURE} button[data-action="new-batches"]`).click();
  assert.notEqual(await canvasChecksum(page, FIGURE), afterSlider, 'new batches did not redraw');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link with settings restores them, and a bad one says so', async () => {
  const first = await openDemo();
  const id = await figureId(first.page);
  await first.context.close();
  const { context, page, problems } = await openDemo(`?${id}.batch=64&${id}.seed=9`);
  assert.equal(await page.locator(`${FIGURE} output`).textContent(), '64');
  assert.equal(await page.locator(`${FIGURE} input[name="batch"]`).inputValue(), '6');
  assert.deepEqual(problems, []);
  await context.close();
  const bad = await openDemo(`?${id}.batch=1e309`);
  assert.match(await bad.page.locator(`${FIGURE} .demo-message`).textContent(), /batch/);
  assert.equal(await bad.page.locator(`${FIGURE} output`).textContent(), '4');
  await bad.context.close();
});

test('exports are valid CSV, SVG and PNG files', async () => {
  const { context, page, problems } = await openDemo();
  await assertExports(page, 'batch,batch_size,along_full_gradient,rest_signed');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard alone operates it', async () => {
  const { context, page, problems } = await openDemo();
  const slider = `${FIGURE} input[name="batch"]`;
  await page.focus(slider);
  const before = await canvasChecksum(page, FIGURE);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.locator(`${FIGURE} output`).textContent(), '1');
  assert.notEqual(await canvasChecksum(page, FIGURE), before);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'new-batches');
  await assertFocusVisible(page, `${FIGURE} button[data-action="new-batches"]`);
  const beforeBatches = await canvasChecksum(page, FIGURE);
  await page.keyboard.press('Enter');
  assert.notEqual(await canvasChecksum(page, FIGURE), beforeBatches);
  assert.deepEqual(problems, []);
  await context.close();
});
