// The service worker: offline reading and safe updates. Plain JS, no
// dependencies. scripts/offline-manifest.mjs puts `const VERSION = '…'`
// and `const READ_BUDGET = …` in front of this file and writes the list it
// precaches.
//
// - Install saves the build's precache list (app shell, then data most
//   needed first, within the offline budget) into one cache per version,
//   checking every file against its SRI hash: a file from another build,
//   an error page or a truncated body fails the install, which the
//   browser retries later, resuming where it stopped.
// - The new version waits until the page asks it to take over (the
//   reader's "Reload"), then deletes the older versions' caches. Pages are
//   answered from one version's cache only, so code and data never mix
//   builds.
// - Navigations to app routes get the app shell, so deep links open
//   offline (embeds: the network first). Data not precached is saved as it
//   is read, in a cache of its own kept within READ_BUDGET bytes (what the
//   precache left of the offline budget, a fifth of it at least): past it,
//   the files read longest ago go first.
// - `offline.json` (answered by this worker, not a file) lists the data it
//   has saved, for the app's "Available offline" page.

const SCOPE = new URL(self.registration.scope);
const PREFIX = `newsroom:${SCOPE.pathname}:`;
const CACHE = PREFIX + VERSION;
const READ = `${CACHE}:read`;
const MANIFEST = `precache-${VERSION}.json`;
const CONTENTS = 'offline.json';
const DATA = 'data/';
// Embeds load inside partners' pages: the host's own answer carries the
// headers that allow it (CSP frame-ancestors), so it comes first.
const EMBEDS = 'embed/';
const PARALLEL = 6;

const href = (path) => new URL(path, SCOPE).href;

/** Whether a response may be kept: a complete, successful, same-origin
 * answer, and not the HTML page a host sends for a missing file. */
function cacheable(response, path) {
  if (response.status !== 200 || response.type !== 'basic') return false;
  const type = response.headers.get('content-type') ?? '';
  const page = path === '' || /\.html$/.test(path);
  return page || !type.startsWith('text/html');
}

async function precache() {
  const cache = await caches.open(CACHE);
  const listing = await fetch(href(MANIFEST), { cache: 'no-cache' });
  if (!cacheable(listing, MANIFEST)) {
    throw new Error(`${MANIFEST} answered ${listing.status}`);
  }
  const manifest = await listing.clone().json();
  // An install that failed part-way left verified files behind: keep them.
  const saved = new Set((await cache.keys()).map((request) => request.url));
  const queue = manifest.files.filter((file) => !saved.has(href(file.url)));
  const save = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const request = new Request(href(file.url), { cache: 'no-cache', integrity: file.integrity });
      const response = await fetch(request);
      if (!cacheable(response, file.url)) {
        throw new Error(`${file.url} answered ${response.status}`);
      }
      await cache.put(request.url, response);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, save));
  // Last, so a cache holding the list is complete.
  await cache.put(href(MANIFEST), listing);
}

async function dropOldVersions() {
  for (const key of await caches.keys()) {
    if (key.startsWith(PREFIX) && key !== CACHE && key !== READ) await caches.delete(key);
  }
  await self.clients.claim();
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(dropOldVersions());
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'skip-waiting') self.skipWaiting();
});

/** The page navigations get: the app renders the route (`shell.html`). */
const SHELL = 'shell.html';

/** An app route: no file extension in its last segment. */
const isPage = (path) => !/\.[^/]*$/.test(path) || path === 'index.html';

async function appShell(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(href(SHELL))) ?? fetch(request);
}

async function embedPage(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cache = await caches.open(CACHE);
    const shell = await cache.match(href(SHELL));
    if (shell) return shell;
    throw error;
  }
}

async function fromCache(event, path) {
  for (const name of [CACHE, READ]) {
    // `open` would create the cache: only look in one that exists.
    const cache = name === CACHE || (await caches.has(name)) ? await caches.open(name) : null;
    const hit = await cache?.match(event.request, { ignoreVary: true });
    if (hit) return hit;
  }
  const response = await fetch(event.request);
  if (path.startsWith(DATA) && cacheable(response, path)) {
    event.waitUntil(keepRead(event.request.url, response.clone()));
  }
  return response;
}

const SIZE = 'x-newsroom-bytes';
// The size of each file saved as read, oldest first (a worker that
// restarts reads them back once from the cache).
let reading = null;
function readSizes(cache) {
  reading ??= (async () => {
    const sizes = new Map();
    for (const request of await cache.keys()) {
      const saved = await cache.match(request);
      sizes.set(request.url, Number(saved?.headers.get(SIZE)) || 0);
    }
    return sizes;
  })();
  return reading;
}

/** Saves a file read online, then drops the files read longest ago while
 * the total is over READ_BUDGET. */
async function keepRead(url, response) {
  const body = await response.arrayBuffer();
  const headers = new Headers(response.headers);
  headers.set(SIZE, String(body.byteLength));
  const cache = await caches.open(READ);
  const sizes = await readSizes(cache);
  await cache.put(url, new Response(body, { status: 200, headers }));
  sizes.delete(url);
  sizes.set(url, body.byteLength);
  let total = 0;
  for (const bytes of sizes.values()) total += bytes;
  for (const [old, bytes] of sizes) {
    if (total <= READ_BUDGET || old === url) break;
    await cache.delete(old);
    sizes.delete(old);
    total -= bytes;
  }
}

/** The data this version has saved, most needed first, then what was
 * saved as read. */
async function contents() {
  const cache = await caches.open(CACHE);
  const listed = await cache.match(href(MANIFEST));
  const order = listed ? (await listed.json()).files.map((file) => file.url) : [];
  const saved = new Set();
  const read = (await caches.has(READ)) ? await (await caches.open(READ)).keys() : [];
  for (const request of [...(await cache.keys()), ...read]) {
    const path = request.url.slice(SCOPE.href.length);
    if (request.url.startsWith(SCOPE.href) && path.startsWith(DATA)) saved.add(path);
  }
  const files = [...new Set([...order.filter((path) => saved.has(path)), ...saved])];
  return new Response(JSON.stringify({ version: VERSION, files }), {
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const target = new URL(request.url);
  if (target.origin !== SCOPE.origin || !target.pathname.startsWith(SCOPE.pathname)) return;
  const path = target.pathname.slice(SCOPE.pathname.length);
  if (path === CONTENTS) {
    event.respondWith(contents());
  } else if (request.mode === 'navigate') {
    if (path.startsWith(EMBEDS)) event.respondWith(embedPage(request));
    else if (isPage(path)) event.respondWith(appShell(request));
  } else {
    event.respondWith(fromCache(event, path));
  }
});
