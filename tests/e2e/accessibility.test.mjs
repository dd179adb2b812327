// Accessibility of every built page, in the light and the dark colour scheme, with the demos live:
//  - text contrast meets WCAG 2.1 AA (4.5:1, or 3:1 for large text) for every visible text node
//    against the background it is actually drawn on;
//  - every control (input, select, button, textarea, summary) has a non-empty accessible name in the
//    browser's own accessibility tree;
//  - Tab reaches each focusable element with a visible outline or ring of at least 3:1 against what
//    is around it;
//  - under `prefers-reduced-motion: reduce` nothing moves on its own: no demo plays, animation frames
//    stop soon after load (and after pressing play), and CSS animations and transitions are off;
//  - axe-core's rules, which add what we did not think of, find nothing serious or critical on any
//    page, light and dark, phone and desktop.
// Text drawn on canvases is out of the browser's reach; crates/downhill-plots/src/contrast.rs checks
// the charts' colours natively.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { testSite, openRecordedPage, builtPages, checkedPages, languageFolders, mountEveryDemo } from './harness.mjs';

// axe-core, pinned in tests/package.json. The site's content policy allows no inline script, so axe
// cannot go into the page as a <script> holding its source (page.addScriptTag({ content }) is
// blocked, and the harness reports the violation). page.evaluate(source) instead hands the source
// to Chromium over the DevTools protocol, which runs it in the page's own world without the policy
// applying to it, after the page has loaded as a reader gets it; axe then defines `window.axe`.
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_FAILING_IMPACTS = new Set(['serious', 'critical']);

const SCHEMES = ['light', 'dark'];
const CONTROL_ROLES = new Set([
  'button', 'togglebutton', 'checkbox', 'radio', 'slider', 'combobox', 'listbox', 'textbox',
  'searchbox', 'spinbutton', 'switch', 'disclosuretriangle', 'popupbutton',
]);

const site = testSite();

/** Opens a page in `scheme` and brings every demo on it to life, scrolling to each in turn. */
async function openPage(pagePath, options = {}) {
  const recorded = await openRecordedPage(site.browser, site.server.origin, options);
  await recorded.page.goto(site.server.base + pagePath, { waitUntil: 'load' });
  await mountEveryDemo(recorded.page);
  // Demos that load data (the digits) fill in their text a moment later.
  await recorded.page.waitForTimeout(500);
  return recorded;
}

/**
 * Runs in the page: every visible text node with its colour, effective background, size and the
 * contrast it has. Colours are composited the way the browser paints them: the text colour's alpha
 * and the opacity of every ancestor over the stack of ancestor backgrounds, ending on the canvas
 * (white in light, the dark scheme's canvas colour otherwise: the page's own background is opaque).
 */
const MEASURE_TEXT_CONTRAST = () => {
  const parse = (colour) => {
    const match = colour.match(/rgba?\(([^)]+)\)/) || colour.match(/color\(srgb ([^)]+)\)/);
    if (!match) return null;
    const parts = match[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    const scale = colour.startsWith('color(') ? 255 : 1;
    return { r: parts[0] * scale, g: parts[1] * scale, b: parts[2] * scale, a: parts.length > 3 ? parts[3] : 1 };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const luminance = ({ r, g, b }) => {
    const channel = (value) => {
      const v = value / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const ratio = (a, b) => {
    const [la, lb] = [luminance(a), luminance(b)];
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  };
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  const canvasColour = dark ? { r: 18, g: 18, b: 18, a: 1 } : { r: 255, g: 255, b: 255, a: 1 };

  /** The background under `element`: its own and its ancestors' colours, composited; `unknown` when
   * an image or gradient is among them, since its colour cannot be read. */
  const backgroundOf = (element) => {
    const layers = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage !== 'none') return { unknown: `background image on ${node.tagName}` };
      const colour = parse(style.backgroundColor);
      if (colour && colour.a > 0) {
        layers.push(colour);
        if (colour.a >= 1) break;
      }
    }
    return layers.reverse().reduce((under, layer) => over(layer, under), canvasColour);
  };
  /** Under SVG text the background is whatever is painted beneath it in the same picture (a chart's
   * white panel, a band): the filled rectangles before it in document order whose box holds the
   * middle of the text, over the page behind the SVG. (Other shapes' boxes are too rough a guide.) */
  const svgBackgroundOf = (element, box) => {
    const svg = element.closest('svg');
    const below = backgroundOf(svg.parentElement);
    if (below.unknown) return below;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const layers = [];
    for (const rect of svg.querySelectorAll('rect')) {
      if (!(rect.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      if (rect.closest('symbol, defs, clipPath, mask, marker, pattern')) continue;
      const area = rect.getBoundingClientRect();
      if (x < area.left || x > area.right || y < area.top || y > area.bottom) continue;
      const style = getComputedStyle(rect);
      const fill = parse(style.fill);
      if (!fill) continue;
      const alpha = fill.a * parseFloat(style.fillOpacity) * opacityOf(rect);
      if (alpha > 0) layers.push({ ...fill, a: alpha });
    }
    return layers.reduce((under, layer) => over(layer, under), below);
  };
  const opacityOf = (element) => {
    let opacity = 1;
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      opacity *= parseFloat(getComputedStyle(node).opacity);
    }
    return opacity;
  };
  const describe = (element) => {
    const classes = element.classList.length ? '.' + [...element.classList].join('.') : '';
    return `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}${classes}`;
  };

  const results = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (!text) continue;
    let element = node.parentElement;
    if (!element) continue;
    // An option's text is drawn by its select (only the chosen one shows).
    if (element.tagName === 'OPTION') {
      const select = element.closest('select');
      if (!select || select.selectedOptions[0] !== element) continue;
      element = select;
    }
    if (element.closest('script, style, template, noscript, title')) continue;
    // SVG symbols and definitions are drawn only where a <use> points at them (the still library).
    if (element.closest('symbol, defs, clipPath, mask, marker, pattern')) continue;
    if (!element.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    // Visually hidden text (a 1x1 clipped box for screen readers) and empty boxes are not seen.
    if (box.width < 2 || box.height < 2) continue;
    const style = getComputedStyle(element);
    if (style.clip !== 'auto' && style.position === 'absolute') continue;
    // Disabled controls and their labels are exempt from the contrast minimum (WCAG 1.4.3).
    const control = element.closest('label')?.control || element.closest('button, input, select, textarea');
    if (control?.disabled) continue;
    const opacity = opacityOf(element);
    if (opacity === 0) continue;
    const inSvg = element instanceof SVGElement;
    const background = inSvg ? svgBackgroundOf(element, box) : backgroundOf(element);
    const ink = parse(inSvg ? style.fill : style.color);
    const where = `${describe(element)} "${text.slice(0, 40)}"`;
    if (background.unknown || !ink) {
      results.push({ where, unknown: background.unknown || `unreadable colour ${inSvg ? style.fill : style.color}` });
      continue;
    }
    // Opacity fades the text towards what is under the element; the background stays as painted
    // beneath (the element's own background fades too, but it is part of `background` only when
    // opaque, and then the fade shows the ancestors through it: a small error towards more contrast).
    const seen = over({ ...ink, a: ink.a * opacity }, background);
    const size = parseFloat(style.fontSize);
    const bold = parseInt(style.fontWeight, 10) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    results.push({
      where,
      ratio: ratio(seen, background),
      needed: large ? 3 : 4.5,
      ink: `rgb(${Math.round(seen.r)},${Math.round(seen.g)},${Math.round(seen.b)})`,
      background: `rgb(${Math.round(background.r)},${Math.round(background.g)},${Math.round(background.b)})`,
    });
  }
  return results;
};

/** The focused element, whether it draws an outline or a ring, and that ring's contrast. */
const FOCUS_STATE = () => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  // A mark on the element object itself (not an attribute, so the page is unchanged).
  const seenBefore = element.__accessibilityTestSeen === true;
  element.__accessibilityTestSeen = true;
  const style = getComputedStyle(element);
  const parse = (colour) => {
    const match = colour.match(/rgba?\(([^)]+)\)/);
    if (!match) return null;
    const parts = match[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  };
  const luminance = ({ r, g, b }) => {
    const channel = (value) => {
      const v = value / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  // What the ring is drawn on: the nearest opaque background among the parents (the outline sits
  // outside the element, so the element's own background does not count).
  let background = matchMedia('(prefers-color-scheme: dark)').matches ? { r: 18, g: 18, b: 18 } : { r: 255, g: 255, b: 255 };
  for (let node = element.parentElement; node; node = node.parentElement) {
    const colour = parse(getComputedStyle(node).backgroundColor);
    if (colour && colour.a >= 1) { background = colour; break; }
  }
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const ringed = style.boxShadow !== 'none';
  const ringColour = outlined ? parse(style.outlineColor) : null;
  let contrast = null;
  if (ringColour) {
    const [a, b] = [luminance(ringColour), luminance(background)];
    contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  const box = element.getBoundingClientRect();
  const kind = element.tagName.toLowerCase() + (element.type ? `[type=${element.type}]` : '')
    + (element.getAttribute('role') ? `[role=${element.getAttribute('role')}]` : '');
  return {
    seenBefore,
    kind,
    description: `${kind}${element.id ? '#' + element.id : ''}${element.name ? `[name=${element.name}]` : ''}`
      + `${element.dataset?.action ? `[data-action=${element.dataset.action}]` : ''} "${(element.textContent || '').trim().slice(0, 30)}"`,
    shown: (outlined || ringed) && box.width > 0 && box.height > 0,
    contrast,
  };
};

// A phone has no hover (what hover reveals on a desktop may show all the time there) and narrower
// layouts with their own short labels, so contrast is measured on both.
const DEVICES = {
  desktop: {},
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
};

for (const scheme of SCHEMES) {
  for (const [device, deviceOptions] of Object.entries(DEVICES)) test(`text on every page meets WCAG AA contrast (${scheme}, ${device})`, async () => {
    const failures = [];
    const unknown = [];
    let measured = 0;
    for (const pagePath of checkedPages()) {
      const { context, page, problems } = await openPage(pagePath, { colorScheme: scheme, ...deviceOptions });
      for (const result of await page.evaluate(MEASURE_TEXT_CONTRAST)) {
        if (result.unknown) { unknown.push(`${pagePath}: ${result.where}: ${result.unknown}`); continue; }
        measured += 1;
        if (result.ratio < result.needed) {
          failures.push(`${pagePath}: ${result.where}: ${result.ink} on ${result.background} is `
            + `${result.ratio.toFixed(2)}:1, needs ${result.needed}:1`);
        }
      }
      assert.deepEqual(problems, [], pagePath);
      await context.close();
    }
    assert.ok(measured > 200, `only ${measured} text nodes measured`);
    assert.deepEqual(unknown, [], 'text whose background could not be read');
    assert.deepEqual([...new Set(failures)], []);
  });

  test(`every control has an accessible name (${scheme})`, async () => {
    const nameless = [];
    let named = 0;
    for (const pagePath of checkedPages()) {
      const { context, page } = await openPage(pagePath, { colorScheme: scheme });
      const session = await context.newCDPSession(page);
      const { nodes } = await session.send('Accessibility.getFullAXTree');
      const controls = nodes.filter((node) => !node.ignored && CONTROL_ROLES.has(String(node.role?.value).toLowerCase()));
      for (const node of controls) {
        const name = String(node.name?.value ?? '').trim();
        if (name) { named += 1; continue; }
        const { object } = await session.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId });
        const { result } = await session.send('Runtime.callFunctionOn', {
          objectId: object.objectId, returnByValue: true,
          functionDeclaration: 'function () { return this.outerHTML.slice(0, 160); }',
        });
        nameless.push(`${pagePath}: ${node.role.value} ${result.value}`);
      }
      // The tree must hold every rendered control of the page, or the check above proves little.
      const rendered = await page.evaluate(() => [...document.querySelectorAll('input, select, button, textarea, summary')]
        .filter((element) => element.type !== 'hidden' && element.checkVisibility()).length);
      assert.ok(controls.length >= rendered, `${pagePath}: ${controls.length} controls in the tree, ${rendered} on the page`);
      await context.close();
    }
    assert.ok(named > 50, `only ${named} named controls found`);
    assert.deepEqual(nameless, []);
  });

  test(`Tab shows a visible focus ring on every focusable element (${scheme})`, async () => {
    const failures = [];
    const kinds = new Set();
    for (const pagePath of checkedPages()) {
      const { context, page } = await openPage(pagePath, { colorScheme: scheme });
      for (let press = 0; press < 800; press += 1) {
        await page.keyboard.press('Tab');
        const state = await page.evaluate(FOCUS_STATE);
        if (!state) { if (press > 0) break; continue; }
        // Back at an element seen before: the tour of the page is complete.
        if (state.seenBefore) break;
        kinds.add(state.kind);
        if (!state.shown) failures.push(`${pagePath}: no focus ring on ${state.description}`);
        else if (state.contrast !== null && state.contrast < 3) {
          failures.push(`${pagePath}: focus ring on ${state.description} is ${state.contrast.toFixed(2)}:1 against its surroundings`);
        }
      }
      await context.close();
    }
    for (const kind of ['a', 'button[type=button]', 'input[type=range]', 'select[type=select-one]', 'input[type=checkbox]']) {
      assert.ok(kinds.has(kind), `Tab never reached a ${kind}; reached ${[...kinds].join(', ')}`);
    }
    assert.deepEqual(failures, []);
  });
}

/** Every axe violation on the open page, one entry per element: impact, rule, element, advice. */
async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
    return violations.flatMap((violation) => violation.nodes.map((node) => ({
      impact: node.impact || violation.impact,
      rule: violation.id,
      where: `${node.target.join(' ')}: ${violation.help}`,
    })));
  });
}

// Every English page and, in each other language, its home page and its lesson with the most demos
// (harness.mjs, checkedPages): every language's words, `lang` and type go through axe.
for (const scheme of SCHEMES) {
  for (const [device, deviceOptions] of Object.entries(DEVICES)) test(`axe finds nothing serious or critical on any page (${scheme}, ${device})`, async () => {
    const failing = [];
    const byRule = new Map();
    const languages = new Set();
    for (const pagePath of checkedPages()) {
      const { context, page, problems } = await openPage(pagePath, { colorScheme: scheme, ...deviceOptions });
      languages.add(await page.evaluate(() => document.documentElement.lang));
      for (const violation of await axeViolations(page)) {
        const key = `${violation.impact} ${violation.rule}`;
        byRule.set(key, (byRule.get(key) || 0) + 1);
        if (AXE_FAILING_IMPACTS.has(violation.impact)) failing.push(`${pagePath}: ${key}: ${violation.where}`);
      }
      assert.deepEqual(problems, [], `${pagePath}: injecting axe or running it broke the page`);
      await context.close();
    }
    // Moderate and minor findings do not fail the test, but are worth seeing.
    for (const [key, count] of byRule) console.log(`# axe (${scheme}, ${device}): ${key} on ${count} elements`);
    assert.deepEqual([...languages].filter((language) => !language), [], 'a page has no lang');
    assert.equal(languages.size, 1 + languageFolders().length, `languages checked: ${[...languages].join(', ')}`);
    assert.deepEqual(failing, []);
  });
}

/** Counts requestAnimationFrame calls; installed before the page's own scripts run. */
const COUNT_ANIMATION_FRAMES = () => {
  window.__animationFrames = 0;
  const request = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => { window.__animationFrames += 1; return request(callback); };
};

async function framesDuring(page, milliseconds) {
  const before = await page.evaluate(() => window.__animationFrames);
  await page.waitForTimeout(milliseconds);
  return (await page.evaluate(() => window.__animationFrames)) - before;
}

/** Waits up to `limit` ms for a quiet second with no animation frame asked for; returns the last count. */
async function settles(page, limit) {
  const deadline = Date.now() + limit;
  let frames = await framesDuring(page, 1000);
  while (frames > 0 && Date.now() < deadline) frames = await framesDuring(page, 1000);
  return frames;
}

test('under reduced motion nothing animates on its own, and play does not start an animation', async () => {
  // The English lessons: a translation runs the same demos.
  const pagesWithDemos = builtPages().filter((pagePath) => pagePath !== 'index.html' && !pagePath.includes('/'));
  let playButtons = 0;
  for (const pagePath of pagesWithDemos) {
    const recorded = await openRecordedPage(site.browser, site.server.origin, { reducedMotion: 'reduce' });
    await recorded.context.addInitScript(COUNT_ANIMATION_FRAMES);
    const { page } = recorded;
    await page.goto(site.server.base + pagePath, { waitUntil: 'load' });
    await mountEveryDemo(page);
    // A demo may compute its first picture over a few frames (the learning curves train, and under
    // reduced motion draw once, at the end); then everything must be still, with no demo playing.
    assert.equal(await settles(page, 15_000), 0, `${pagePath}: animation frames go on after load`);
    const playing = await page.$$eval('button[aria-pressed="true"][data-action="play-pause"]',
      (buttons) => buttons.map((button) => button.closest('figure')?.dataset.demo));
    assert.deepEqual(playing, [], `${pagePath}: a demo plays by itself`);

    // CSS: no running animation or transition longer than the reduced-motion rule's 0.01 ms.
    const moving = await page.evaluate(() => {
      const long = [];
      for (const element of document.querySelectorAll('*')) {
        const style = getComputedStyle(element);
        const durations = `${style.transitionDuration},${style.animationDuration}`.split(',')
          .map((value) => parseFloat(value) * (value.trim().endsWith('ms') ? 1 : 1000));
        if (durations.some((milliseconds) => milliseconds > 0.011)) long.push(element.tagName + '.' + element.className);
      }
      return long.slice(0, 5);
    });
    assert.deepEqual(moving, [], `${pagePath}: transitions or animations under reduced motion`);

    // Pressing play jumps to the end (or trains without drawing every step) and then stops.
    const buttons = page.locator('figure[data-demo] button[data-action="play-pause"]');
    const count = await buttons.count();
    playButtons += count;
    for (let index = 0; index < count; index += 1) {
      await buttons.nth(index).scrollIntoViewIfNeeded();
      await buttons.nth(index).click();
    }
    assert.equal(await settles(page, 20_000), 0, `${pagePath}: after play, animation frames never stop`);
    assert.deepEqual(recorded.problems, [], pagePath);
    await recorded.context.close();
  }
  assert.ok(playButtons > 3, `only ${playButtons} play buttons pressed`);
});
