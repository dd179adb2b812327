// Every page of the built site loads cleanly: no console error, no failed request, nothing fetched
// from another origin, under the strict content policy, and also when hosted under a sub-path.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openRecordedPage, builtPages } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the build wrote a home page and at least one lesson', () => {
  const pages = builtPages();
  assert.ok(pages.includes('index.html'), `pages: ${pages.join(', ')}`);
  assert.ok(pages.length >= 2, `only ${pages.length} page(s): ${pages.join(', ')}`);
});

for (const prefix of ['/', '/course/downhill/']) {
  test(`every page loads with no error and no foreign request, served under ${prefix}`, async () => {
    const server = await startServer(undefined, prefix);
    try {
      for (const pagePath of builtPages()) {
        const { context, page, problems } = await openRecordedPage(browser, server.origin);
        const response = await page.goto(server.base + pagePath, { waitUntil: 'load' });
        assert.equal(response.status(), 200, pagePath);
        // Give the wasm time to start on pages with demos, so its errors are seen too.
        await page.waitForTimeout(page.url().endsWith('index.html') ? 100 : 700);
        const title = await page.title();
        assert.ok(title.length > 0, `${pagePath} has no title`);
        assert.deepEqual(problems, [], `${pagePath} under ${prefix}`);
        await context.close();
      }
    } finally {
      await server.close();
    }
  });
}

test('a link to a page that does not exist is a 404, not the home page', async () => {
  const server = await startServer();
  try {
    const response = await fetch(server.base + 'no-such-lesson.html');
    assert.equal(response.status, 404);
  } finally {
    await server.close();
  }
});
