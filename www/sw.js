// The site's service worker: it keeps a copy of the site's own files so that, after a first visit,
// the course still reads and its demos still run with the network cut (on a train, in a lecture
// hall with bad wifi). `boot.js` registers it with the site's folder as its scope, so it works at a
// domain's root or under any sub-path, and never touches another origin's requests.
//
// The wasm module and its glue have content-hashed names (`downhill-web-<hash>.js` and
// `..._bg.wasm`), written by the renderer into every page's head. A new build's module is saved
// beside the old one, which stays as long as a saved page still names it: a page saved from an
// older build then still finds the module built with it offline, and the cache holds at most one
// module per saved page.
//
// Strategy: network first, saved copy when the network fails. Every successful fetch of one of our
// files overwrites its saved copy, so a reader who is online always gets the newest build and never
// a mix of old and new files, and a reader who goes offline gets the last build they saw. A pure
// cache-first worker would need a build hash in this file to ever notice a new build; Trunk copies
// this file as written, so we would have no such hash.

// Translations live in language folders (`ru/`, `zh/`, `uk/`), each page naming the shared files
// through `../`. Installing saves the English course; the first page a reader opens in another
// language saves that language's whole course too, and a new version of this worker saves again
// every language the old one had saved, so a language read once stays readable offline.

// Bump when the way this worker saves files changes; activation deletes every other version's cache.
// Version 2: the wasm module has content-hashed names, named by each page.
// Version 3: language folders, saved once a page of theirs is opened.
const CACHE_VERSION = 3;
const CACHE_PREFIX = 'downhill-';
const CACHE_NAME = `${CACHE_PREFIX}v${CACHE_VERSION}`;

// The files every page needs, relative to this worker's folder. The pages the home page links to,
// and the wasm module it names, are added to these at install time, so the whole course works
// offline after one visit.
const SHELL = [
  './',
  'index.html',
  'boot.js',
  'site.css',
  'demos.css',
  'favicon.svg',
  'fonts/downhill-math.woff2',
  'data/digits.csv.gz',
];

self.addEventListener('install', (event) => {
  event.waitUntil(saveSite().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
      .map((name) => caches.delete(name)));
    // Take over the page that registered us, so what it fetches from now on (the digits, say) is
    // saved without waiting for a reload.
    await self.clients.claim();
  })());
});

// The page that registered us sends the files it loaded before we were running (its own HTML,
// whatever its demos fetched), so they are saved too.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'save' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((url) => typeof url === 'string' && isOurs(new URL(url, self.registration.scope)))
    .slice(0, 200);
  const folders = new Set(urls.map(languageFolderOf).filter((folder) => folder !== null));
  event.waitUntil(saveEach(urls)
    .then(() => Promise.all([...folders].map((folder) => saveLanguage(folder))))
    .then(dropUnusedModules));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !isOurs(new URL(request.url))) return;
  event.respondWith(networkFirst(request));
});

/** Whether `url` is one of our files: same origin and inside our scope. */
function isOurs(url) {
  return url.origin === self.location.origin && url.href.startsWith(self.registration.scope);
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE_NAME);
  try {
    const response = await fetch(request);
    // A redirected response cannot answer a later navigation, so only direct answers are saved.
    if (response.ok && response.type === 'basic' && !response.redirected) {
      await cache.put(withoutSearch(request.url), response.clone());
    }
    return response;
  } catch (networkError) {
    // Demo settings live in the query string (`?demo-1.lr=0.3`), so a page is saved once under its
    // plain address and found again whatever settings a link carries.
    const saved = await cache.match(withoutSearch(request.url));
    if (saved) return saved;
    if (request.mode === 'navigate') {
      return new Response('You are offline, and this page was not saved on an earlier visit. '
        + 'It will open once the network is back.', {
        status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      });
    }
    throw networkError;
  }
}

function withoutSearch(url) {
  const plain = new URL(url);
  plain.search = '';
  plain.hash = '';
  return plain.href;
}

/**
 * The folder of the translation that page `url` belongs to (`<scope>ru/`), or null for an English
 * page or any file that is not a page. A language folder is one level below the scope and holds
 * pages named `slug.html`.
 */
function languageFolderOf(url) {
  const address = new URL(url, self.registration.scope);
  const inside = withoutSearch(address.href).slice(self.registration.scope.length);
  const match = inside.match(/^([a-z]{2,8}(?:-[a-z0-9]+)*)\/(?:[a-z0-9-]+\.html)?$/);
  return match ? new URL(`${match[1]}/`, self.registration.scope).href : null;
}

/**
 * Saves a translation: its home page, every lesson that home page links to, and their stills
 * (the module and shared files are the English course's, saved at install).
 */
async function saveLanguage(folder, { replace = false } = {}) {
  const home = new URL('index.html', folder).href;
  const pages = [home];
  try {
    const response = await fetch(home, { cache: 'no-cache' });
    if (!response.ok) return;
    const html = await response.text();
    for (const match of html.matchAll(/href="([a-z0-9-]+\.html)"/g)) pages.push(new URL(match[1], folder).href);
  } catch {
    return;
  }
  await saveEach([...new Set(pages)], { replace });
  await saveEach(await stillsOf(pages), { replace });
}

/** The language folders any of our caches holds a page of, so a new worker saves them again. */
async function savedLanguageFolders() {
  const folders = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith(CACHE_PREFIX)) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const folder = languageFolderOf(request.url);
      if (folder !== null) folders.add(folder);
    }
  }
  return [...folders];
}

/** Saves the shell, every page the home page links to, and the demo stills those pages show. */
async function saveSite() {
  const scope = self.registration.scope;
  const urls = SHELL.map((path) => new URL(path, scope).href);
  const pages = [];
  try {
    const home = await fetch(new URL('index.html', scope), { cache: 'no-cache' });
    if (home.ok) {
      const html = await home.text();
      for (const match of html.matchAll(/href="([a-z0-9-]+\.html)"/g)) {
        pages.push(new URL(match[1], scope).href);
      }
      urls.push(...modulesNamedIn(html, scope));
    }
  } catch {
    // Offline while installing: the shell list alone is tried, and install retries on a later visit.
  }
  // A new version of this worker saves the whole site afresh, with the languages read before.
  const languages = await savedLanguageFolders();
  await saveEach([...new Set([...urls, ...pages])], { replace: true });
  await saveEach(await stillsOf(pages), { replace: true });
  await Promise.all(languages.map((folder) => saveLanguage(folder, { replace: true })));
  await dropUnusedModules();
}

/** The addresses of the wasm module and glue a page's HTML names (see wasm_module.rs). */
function modulesNamedIn(html, pageUrl) {
  return [...html.matchAll(/<meta name="downhill-(?:module|wasm)" content="([^"]+)">/g)]
    .map((match) => new URL(match[1], pageUrl).href);
}

const MODULE_FILE = /\/downhill-web(?:-[0-9a-f]+)?(?:\.js|_bg\.wasm)$/;

/** Deletes every saved module file that no saved page names any more (an older build's). */
async function dropUnusedModules() {
  const cache = await caches.open(CACHE_NAME);
  const saved = await cache.keys();
  const named = new Set();
  for (const request of saved) {
    const response = await cache.match(request);
    if (!response || !(response.headers.get('Content-Type') || '').startsWith('text/html')) continue;
    for (const url of modulesNamedIn(await response.text(), request.url)) named.add(url);
  }
  await Promise.all(saved
    .filter((request) => MODULE_FILE.test(new URL(request.url).pathname) && !named.has(request.url))
    .map((request) => cache.delete(request)));
}

/**
 * The demo stills (`stills/*.svg`, light and dark) the saved `pages` show, read from their saved
 * copies. Without them a page opened offline for the first time would show broken pictures until
 * its demos start, and for good with scripts off.
 */
async function stillsOf(pages) {
  const cache = await caches.open(CACHE_NAME);
  const stills = new Set();
  for (const page of pages) {
    const saved = await cache.match(page);
    if (!saved) continue;
    const html = await saved.text();
    // A translated page names the shared stills through `../`.
    for (const match of html.matchAll(/(?:src|srcset)="((?:\.\.\/)?stills\/[a-z0-9-]+\.svg)"/g)) {
      stills.add(new URL(match[1], page).href);
    }
  }
  return [...stills];
}

/**
 * Fetches and saves each URL not saved yet; one missing file does not stop the others. A file
 * already saved is left alone: a page's fetch may have saved a newer copy meanwhile, and an older
 * one fetched here must not overwrite it.
 */
async function saveEach(urls, { replace = false } = {}) {
  const cache = await caches.open(CACHE_NAME);
  const isSaved = async (key) => !replace && (await cache.match(key)) !== undefined;
  await Promise.all(urls.map(async (url) => {
    const key = withoutSearch(url);
    try {
      if (await isSaved(key)) return;
      const response = await fetch(url, { cache: 'no-cache' });
      if (response.ok && !response.redirected && !(await isSaved(key))) await cache.put(key, response);
    } catch {
      // Leave this file to be saved the next time it is fetched.
    }
  }));
}
