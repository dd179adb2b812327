// Without JavaScript every demo figure shows its still: a picture file (stills/*.svg) that loads,
// never the description-only fallback, and the dark version for readers who prefer a dark scheme.
// The site is served under a sub-path, as a teacher might host it, so the stills' relative paths
// are tested where a root-relative path would break.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, openRecordedPage, builtPages, distDir } from './harness.mjs';

const PREFIX = '/course/downhill/';
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** The built pages that hold at least one demo figure. */
function pagesWithDemos() {
  return builtPages().filter((name) => fs.readFileSync(path.join(distDir(), name), 'utf8').includes('data-demo="'));
}

/** Every demo figure of the open page: its demo, whether it fell back to text, and its picture. */
async function demoFigures(page) {
  return page.$$eval('figure[data-demo]', (figures) => figures.map((figure) => {
    const image = figure.querySelector('.demo-still img');
    return {
      demo: figure.dataset.demo,
      fallbackText: figure.querySelector('.demo-fallback-text') !== null,
      complete: image ? image.complete : false,
      naturalWidth: image ? image.naturalWidth : 0,
      source: image ? image.currentSrc : '',
      alt: image ? image.alt : '',
    };
  }));
}

test('the build shows a demo on several pages', () => {
  assert.ok(pagesWithDemos().length >= 3, `pages with demos: ${pagesWithDemos().join(', ')}`);
});

for (const colorScheme of ['light', 'dark']) {
  test(`without scripts every demo figure shows a loaded still (${colorScheme} scheme)`, async () => {
    const server = await startServer(distDir(), PREFIX);
    try {
      for (const pagePath of pagesWithDemos()) {
        const { context, page, problems } = await openRecordedPage(browser, server.origin, {
          javaScriptEnabled: false, colorScheme,
        });
        await page.goto(server.base + pagePath, { waitUntil: 'load' });
        const figures = await demoFigures(page);
        assert.ok(figures.length > 0, `${pagePath}: no demo figure`);
        for (const figure of figures) {
          const where = `${pagePath}: ${figure.demo}`;
          assert.equal(figure.fallbackText, false, `${where} shows only its description`);
          assert.ok(figure.complete && figure.naturalWidth > 0, `${where}: the still did not load (${figure.source})`);
          assert.ok(figure.source.startsWith(`${server.base}stills/`), `${where}: ${figure.source}`);
          assert.ok(figure.alt.length > 20, `${where}: no text alternative`);
          if (colorScheme === 'light') {
            assert.ok(!figure.source.endsWith('-dark.svg'), `${where}: the dark still in the light scheme`);
          }
        }
        if (colorScheme === 'dark') {
          // Demos drawn with a dark look offer it; the landscapes read on either background.
          const darkSources = await page.$$eval('figure[data-demo] source', (sources) => sources.length);
          const darkShown = figures.filter((figure) => figure.source.endsWith('-dark.svg')).length;
          assert.equal(darkShown, darkSources, `${pagePath}: a dark still was offered but not shown`);
        }
        assert.deepEqual(problems, [], pagePath);
        await context.close();
      }
    } finally {
      await server.close();
    }
  });
}

test('every still file the pages name was written, and no page carries a still inline', () => {
  for (const pagePath of pagesWithDemos()) {
    const html = fs.readFileSync(path.join(distDir(), pagePath), 'utf8');
    // A translated page (ru/...) names the shared stills one folder up.
    const named = [...html.matchAll(/(?:src|srcset)="((?:\.\.\/)*stills\/[^"]+)"/g)].map((match) => match[1]);
    assert.ok(named.length > 0, `${pagePath} names no still`);
    for (const file of named) {
      assert.ok(fs.existsSync(path.join(distDir(), path.dirname(pagePath), file)), `${pagePath}: ${file} was not written`);
    }
    assert.ok(!html.includes('<symbol'), `${pagePath} still carries an inline still`);
  }
});
