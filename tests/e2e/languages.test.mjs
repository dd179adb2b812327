// The course in every language: each page of each language opens cleanly with the right
// `<html lang>` and its hreflang alternates, and the language switcher lands on the same page, at
// the same section, with the demos' settings, by mouse and by keyboard, on a phone and a desktop,
// and, without JavaScript, as plain links to the same page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { testSite, openRecordedPage, builtPages, languageFolders, pageContaining, distDir } from './harness.mjs';

const site = testSite();

/** `code -> html_lang` of every language, English included, from lessons/languages.toml. */
function htmlLangs() {
  const toml = fs.readFileSync(path.resolve(import.meta.dirname, '../../lessons/languages.toml'), 'utf8');
  const langs = { en: 'en' };
  for (const block of toml.split('[[language]]').slice(1)) {
    const code = block.match(/^code = "([^"]+)"/m)?.[1];
    const lang = block.match(/^html_lang = "([^"]+)"/m)?.[1];
    if (code && lang) langs[code] = lang;
  }
  return langs;
}

/** The language code of a built page from its folder. */
const languageOf = (pagePath) => (pagePath.includes('/') ? pagePath.split('/')[0] : 'en');
/** A page's file name inside its language folder. */
const fileOf = (pagePath) => pagePath.split('/').pop();

test('every language listed is built, with the same pages as English', () => {
  const langs = htmlLangs();
  assert.deepEqual(languageFolders().sort(), Object.keys(langs).filter((code) => code !== 'en').sort());
  const english = builtPages().filter((name) => !name.includes('/'));
  for (const folder of languageFolders()) {
    const translated = builtPages().filter((name) => name.startsWith(`${folder}/`)).map(fileOf);
    assert.deepEqual(translated, english, `${folder}/ does not have the English pages`);
  }
});

test('every page of every language opens cleanly with its lang, alternates and switcher', async () => {
  const langs = htmlLangs();
  const pages = builtPages();
  for (const pagePath of pages) {
    const { context, page, problems } = await openRecordedPage(site.browser, site.server.origin);
    const response = await page.goto(site.server.base + pagePath, { waitUntil: 'load' });
    assert.equal(response.status(), 200, pagePath);
    await page.waitForTimeout(pagePath.endsWith('index.html') ? 100 : 600);
    const head = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      alternates: [...document.querySelectorAll('link[rel="alternate"][hreflang]')]
        .map((link) => [link.hreflang, link.href]),
      switcher: [...document.querySelectorAll('nav.language-switcher a')]
        .map((link) => [link.lang, link.getAttribute('aria-current'), link.href]),
    }));
    assert.equal(head.lang, langs[languageOf(pagePath)], `${pagePath}: <html lang>`);
    // One alternate per language and x-default, each the same file in its language's folder.
    const expected = Object.entries(langs).map(([code, lang]) => [lang, code === 'en' ? fileOf(pagePath) : `${code}/${fileOf(pagePath)}`]);
    expected.push(['x-default', fileOf(pagePath)]);
    assert.deepEqual(head.alternates.map(([lang, href]) => [lang, href.slice(site.server.base.length)]), expected,
      `${pagePath}: hreflang alternates`);
    for (const [, href] of head.alternates) assert.ok(pages.includes(href.slice(site.server.base.length)), `${pagePath}: ${href} is not built`);
    // The switcher: every language once, the page's own marked as current.
    assert.equal(head.switcher.length, Object.keys(langs).length, `${pagePath}: switcher links`);
    assert.deepEqual(head.switcher.filter(([, current]) => current === 'page').map(([lang]) => lang),
      [langs[languageOf(pagePath)]], `${pagePath}: the current language`);
    assert.deepEqual(problems, [], pagePath);
    await context.close();
  }
});

/** The first English lesson with at least four sections. */
function lessonWithSections() {
  return builtPages().find((name) => !name.includes('/') && name !== 'index.html'
    && (fs.readFileSync(path.join(distDir(), name), 'utf8').match(/<h2 id=/g) || []).length >= 4);
}

test('the switcher lands on the same page at the same section, in every direction', async () => {
  const lesson = lessonWithSections();
  assert.ok(lesson, 'no lesson with four sections');
  const langs = htmlLangs();
  const codes = ['en', ...languageFolders()];
  const folderOf = (code) => (code === 'en' ? '' : `${code}/`);
  const { context, page, problems } = await openRecordedPage(site.browser, site.server.origin);
  try {
    for (const [index, fromCode] of codes.entries()) {
      const toCode = codes[(index + 1) % codes.length];
      const [from, to] = [folderOf(fromCode), folderOf(toCode)];
      await page.goto(site.server.base + from + lesson, { waitUntil: 'load' });
      // The reader follows the contents to the third section.
      const tocLink = page.locator('nav.toc > ol > li > a').nth(2);
      const section = (await tocLink.getAttribute('href')).slice(1);
      await tocLink.click();
      await page.waitForFunction((id) => location.hash === `#${id}`, section);
      await page.locator(`nav.language-switcher a[hreflang="${langs[toCode]}"]`).click();
      await page.waitForURL((url) => url.pathname.endsWith(`/${to}${lesson}`));
      const landed = new URL(page.url());
      assert.equal(landed.hash, `#${section}`, `${from}${lesson} -> ${to}: the section was lost`);
      // The browser scrolled to it: the heading is on screen in the new language.
      await page.waitForFunction((id) => {
        const box = document.getElementById(id)?.getBoundingClientRect();
        return box && box.top >= -2 && box.top < innerHeight;
      }, section, { timeout: 5_000 });
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the demos keep their settings across the switcher, which works by keyboard', async () => {
  const racePage = pageContaining('data-demo="saddle-race"');
  const [first] = languageFolders();
  assert.ok(racePage && first, 'no race page or no translation');
  const { context, page, problems } = await openRecordedPage(site.browser, site.server.origin);
  try {
    await page.goto(`${site.server.base}${first}/${racePage}`, { waitUntil: 'load' });
    const id = await page.locator('figure[data-demo="saddle-race"]').first().getAttribute('id');
    await page.goto(`${site.server.base}${first}/${racePage}?${id}.speed=5`, { waitUntil: 'load' });
    await page.waitForSelector(`#${id}.demo-live canvas`, { timeout: 10_000 });
    // Leaving a page while it still loads aborts its requests, which would read as failures.
    await page.waitForLoadState('networkidle');
    // Tab from the top of the page to the English link of the switcher, and press Enter.
    await page.evaluate(() => window.scrollTo(0, 0));
    let focused = '';
    for (let press = 0; press < 30 && focused !== 'en'; press += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement?.closest('nav.language-switcher') ? document.activeElement.lang : ''));
    }
    assert.equal(focused, 'en', 'Tab never reached the switcher');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.endsWith(`/${racePage}`) && !url.pathname.includes(`/${first}/`));
    assert.equal(new URL(page.url()).search, `?${id}.speed=5`, 'the demo settings were lost');
    await page.waitForSelector(`#${id}.demo-live canvas`, { timeout: 10_000 });
    assert.equal(await page.locator(`#${id} input[name="speed"]`).inputValue(), '5');
    // Following the switcher leaves the translated page; a request of that page still in flight
    // (its module or icon, one folder up) is aborted by the browser, which no reader sees as a fault.
    assert.deepEqual(problems.filter((problem) => !problem.endsWith('(net::ERR_ABORTED)')), []);
  } finally {
    await context.close();
  }
});

test('without JavaScript the switcher is plain links to the same page', async () => {
  const lesson = lessonWithSections();
  const [first] = languageFolders();
  const { context, page, problems } = await openRecordedPage(site.browser, site.server.origin, { javaScriptEnabled: false });
  try {
    await page.goto(`${site.server.base}${lesson}#${await firstSectionOf(lesson)}`, { waitUntil: 'load' });
    const link = page.locator(`nav.language-switcher a[hreflang="${htmlLangs()[first]}"]`);
    // Plain: the page in the other language, not the section (that needs the script).
    assert.equal(await link.getAttribute('href'), `${first}/${lesson}`);
    await link.click();
    await page.waitForURL((url) => url.pathname.endsWith(`/${first}/${lesson}`));
    assert.equal(await page.evaluate(() => document.documentElement.lang), htmlLangs()[first]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

async function firstSectionOf(lesson) {
  return fs.readFileSync(path.join(distDir(), lesson), 'utf8').match(/<h2 id="([^"]+)"/)[1];
}

test('the switcher fits a 390 px phone in every language, light and dark', async () => {
  const lesson = lessonWithSections();
  for (const colorScheme of ['light', 'dark']) {
    for (const folder of ['', ...languageFolders().map((code) => `${code}/`)]) {
      const { context, page, problems } = await openRecordedPage(site.browser, site.server.origin, {
        viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme,
      });
      await page.goto(site.server.base + folder + lesson, { waitUntil: 'load' });
      const layout = await page.evaluate(() => ({
        pageWidth: document.documentElement.scrollWidth,
        links: [...document.querySelectorAll('nav.language-switcher a')].map((link) => {
          const box = link.getBoundingClientRect();
          return { left: box.left, right: box.right, height: box.height };
        }),
      }));
      assert.ok(layout.pageWidth <= 390, `${folder}${lesson} (${colorScheme}): the page is ${layout.pageWidth} px wide`);
      for (const link of layout.links) {
        assert.ok(link.left >= 0 && link.right <= 390, `${folder}${lesson}: a switcher link is off screen`);
        // WCAG 2.5.8: a target at least 24 px high.
        assert.ok(link.height >= 24, `${folder}${lesson}: a switcher link is ${link.height} px high`);
      }
      assert.deepEqual(problems, [], `${folder}${lesson}`);
      await context.close();
    }
  }
});
