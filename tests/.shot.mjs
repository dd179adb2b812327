import { startServer, launchBrowser } from './e2e/harness.mjs';
const server = await startServer();
const browser = await launchBrowser();
const jobs = [
  ['gradient-descent.html', false, 'light', 1280, 900, 'gd-nojs-desktop'],
  ['before-and-during-training.html', false, 'dark', 390, 844, 'bdt-nojs-phone-dark'],
  ['blindfolded-hiker.html', true, 'dark', 1280, 900, 'hiker-js-dark'],
  ['parameter-updates.html', true, 'light', 390, 844, 'pu-js-phone'],
];
for (const [page, js, scheme, w, h, name] of jobs) {
  const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: w, height: h }, colorScheme: scheme });
  const p = await context.newPage();
  await p.goto(server.origin + '/' + page);
  const fig = p.locator('figure[data-demo]').nth(js ? 0 : 1);
  await fig.scrollIntoViewIfNeeded();
  await p.waitForTimeout(js ? 3000 : 800);
  await p.screenshot({ path: `/tmp/shots/${name}.png` });
  await context.close();
}
await browser.close(); server.close();
