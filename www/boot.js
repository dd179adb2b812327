// Every page loads this one small module. It starts the demos (only on pages that have one, so a
// page of plain text never downloads the wasm), registers the service worker that keeps the site
// readable offline, lets the keyboard reach formulas too wide for the screen, carries the reader's
// section and demo settings into the language switcher's links and, under `trunk serve`, reloads
// the page when Trunk rebuilds. It is a file rather than inline script because the site's content
// policy allows scripts from its own origin only.

startLiveReload();
startDemos();
startOfflineCopy();
focusWideFormulas();
carrySettingsAcrossLanguages();

// Trunk's development server rewrites the placeholder in every HTML response it serves; on any
// other server the placeholder stays as written. Returns the WebSocket path under `trunk serve`,
// null elsewhere.
function trunkWebSocketBase() {
  const meta = document.querySelector('meta[name="downhill-trunk-ws"]');
  const base = meta ? meta.getAttribute('content') : null;
  return !base || base.startsWith('{{') ? null : base;
}

// On any other server nothing connects anywhere.
function startLiveReload() {
  const base = trunkWebSocketBase();
  if (base === null) return;
  const protocol = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${protocol}://${location.host}${base}.well-known/trunk/ws`;
  const connect = (reloadWhenOpen) => {
    const socket = new WebSocket(url);
    socket.onopen = () => { if (reloadWhenOpen) location.reload(); };
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'reload') location.reload();
      if (message.type === 'buildFailure') console.warn('Trunk build failed:', message.data && message.data.reason);
    };
    // Trunk restarted or the machine slept: try again in a while and reload once it is back.
    socket.onclose = () => setTimeout(() => connect(true), 2000);
  };
  connect(false);
}

async function startDemos() {
  const figures = document.querySelectorAll('figure[data-demo]');
  if (figures.length === 0) return;
  try {
    // Marks on the performance timeline let the speed harness split a page's start into loading
    // the module and mounting the demos.
    performance.mark('downhill-boot');
    const module = moduleOfThisPage();
    const wasm = await import(module.script);
    const exports = await wasm.default({ module_or_path: module.wasm });
    exposeMemorySize(exports.memory);
    performance.mark('downhill-wasm-ready');
    wasm.mount_when_near();
    performance.mark('downhill-mounted');
  } catch (error) {
    // The static figures stay; say why they did not come alive instead of failing silently.
    for (const figure of figures) {
      figure.classList.add('demo-failed');
      const note = document.createElement('p');
      note.className = 'demo-message';
      note.setAttribute('role', 'status');
      note.textContent = `${pageWords('downhill-demo-failed')} (${error})`;
      figure.append(note);
    }
    console.error(error);
  }
}

// A sentence of the page's frame in the page's language, which the renderer writes into the head
// from lessons/<code>/site.toml (boot.js itself is one file for every language).
function pageWords(name) {
  return document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') || '';
}

// The language switcher's links (data-switch-language) lead to the same page in another language.
// Without scripts they are plain links to its top; here each one takes along, at the moment it is
// followed, copied or opened in a new tab, the page's query (the demos' settings: a translated page
// has the same demos in the same order, so `demo-2.lr` means the same there) and its fragment (the
// section the reader went to from the contents or a link: anchors are the same in every language,
// the build checks it).
function carrySettingsAcrossLanguages() {
  const links = document.querySelectorAll('a[data-switch-language]');
  const update = (link) => {
    const target = new URL(link.getAttribute('href').split(/[?#]/)[0], location.href);
    target.search = location.search;
    target.hash = location.hash;
    link.href = target.href;
  };
  for (const link of links) {
    for (const type of ['pointerdown', 'focus', 'mouseenter', 'contextmenu', 'click']) {
      link.addEventListener(type, () => update(link));
    }
  }
}

// The wasm module and its glue have content-hashed names (Trunk's `filehash`), which only the build
// knows: the renderer writes them into each page's head, so a page always loads the module built
// with it, even when a cache still holds an older build's files (and this file is an older copy).
function moduleOfThisPage() {
  const named = (name) => {
    const file = document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');
    if (!file) throw new Error(`this page names no ${name}`);
    // Relative to the page, like every address in it (a translated page names `../` files).
    return new URL(file, document.baseURI).href;
  };
  return { script: named('downhill-module'), wasm: named('downhill-wasm') };
}

// A display formula wider than the column scrolls sideways inside its own box (site.css), and a
// keyboard user can scroll only what takes focus (WCAG 2.1.1). Which formulas are too wide depends on
// the screen (a few on a phone, none on a desktop), and a tab stop on every formula would give
// keyboard readers a dozen useless stops on some pages, so a formula is a tab stop exactly while it
// is wider than its box. Code listings and tables, fewer and often wide, are tab stops in the HTML
// itself. Checked when a box changes size (a new window width) and once the math font has
// arrived (the formulas' widths change, their boxes' do not); nothing runs on an idle page.
function focusWideFormulas() {
  const boxes = document.querySelectorAll('.math-display');
  if (boxes.length === 0 || !('ResizeObserver' in window)) return;
  const update = (box) => {
    if (box.scrollWidth > box.clientWidth) box.setAttribute('tabindex', '0');
    else box.removeAttribute('tabindex');
  };
  const observer = new ResizeObserver((entries) => entries.forEach((entry) => update(entry.target)));
  boxes.forEach((box) => observer.observe(box));
  document.fonts?.ready.then(() => boxes.forEach(update));
}

// The size of the wasm's linear memory, read-only, as `downhill.wasmMemoryBytes`: the soak
// (`cargo xtask soak`) watches it to show that long sessions do not leak. A getter over the live
// memory, because the buffer object is replaced each time the memory grows. Nothing else is exposed.
function exposeMemorySize(memory) {
  const readings = Object.freeze(Object.defineProperty({}, 'wasmMemoryBytes', {
    get: () => memory.buffer.byteLength,
    enumerable: true,
  }));
  Object.defineProperty(globalThis, 'downhill', { value: readings, enumerable: false });
}

// The service worker (sw.js, next to this file) saves the site's files so that it works offline
// after a first visit. Its scope is this file's folder, so the site works under any sub-path.
// Under `trunk serve` it would answer with saved files while live reload asks for fresh ones, so
// there it is not registered, and one left by an earlier build served at the same address is removed.
async function startOfflineCopy() {
  if (!('serviceWorker' in navigator)) return;
  const scope = new URL('./', import.meta.url).href;
  try {
    if (trunkWebSocketBase() !== null) {
      const registrations = await navigator.serviceWorker.getRegistrations();
      await Promise.all(registrations
        .filter((registration) => registration.scope === scope)
        .map((registration) => registration.unregister()));
      return;
    }
    // After the page has loaded, so saving the site never competes with the wasm for bandwidth.
    if (document.readyState !== 'complete') {
      await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
    }
    await navigator.serviceWorker.register(new URL('sw.js', import.meta.url), { scope, updateViaCache: 'none' });
    const registration = await navigator.serviceWorker.ready;
    // What this page fetched before the worker ran (its own HTML above all) is saved too.
    const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
    registration.active?.postMessage({ type: 'save', urls: [location.href, ...loaded] });
  } catch (error) {
    // Without the offline copy the site still works online; say why in the console only.
    console.warn('The offline copy of this site could not be set up:', error);
  }
}
