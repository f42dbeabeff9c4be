// Offline reading and updates through the real service worker (sw.js built
// by scripts/offline-manifest.mjs), in headless Chromium. "Offline" is the
// browser's network switched off and the server dropping every connection.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { launch } from './support/browser.mjs';
import { useSite } from './support/fixture.mjs';
import { Offline, precacheOf } from './support/offline.mjs';
import { SearchBox, ResultsPage, SitePage } from './support/pages.mjs';
import { startServer } from './support/server.mjs';
import { DIST, assemble, corpus, manifest } from './support/site.mjs';

const env = useSite();
const archive = corpus(45);
const listed = (data, page) => JSON.parse(readFileSync(join(data, `news/page-${page}.json`), 'utf8'));
const newest = [1, 2, 3, 4, 5].flatMap((p) => listed(archive, p).items);

const servers = [];
after(() => Promise.all(servers.map((s) => s.close())));

/** A server of its own (another origin, so another service worker) over a
 * site folder, and a tab on it. */
async function siteOn(dir, path = '/') {
  const server = await startServer({ root: dir });
  servers.push(server);
  const site = new SitePage(await env.browser.newPage(), server);
  await site.goto(path);
  return { server, site, offline: new Offline(site) };
}

/** Waits for a condition of the test process, failing after 30 s. */
async function until(condition, what) {
  for (const start = Date.now(); !condition(); ) {
    if (Date.now() - start > 30_000) assert.fail(`timed out: ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

async function goOffline(site, server) {
  server.setDown(true);
  await site.page.context().setOffline(true);
}

async function goOnline(site, server) {
  server.setDown(false);
  await site.page.context().setOffline(false);
}

describe('offline reading', () => {
  test('after one visit, deep links, unread articles, the news list and search work offline', async () => {
    const dir = assemble(archive);
    const { server, site, offline } = await siteOn(dir, `/news/${newest[0].slug}`);
    await offline.controlled();
    const { files } = precacheOf(dir);
    const cached = Object.values(await offline.caches()).flat();
    for (const file of files) assert.ok(cached.includes(file.url), `${file.url} is saved`);

    await goOffline(site, server);
    try {
      await site.page.reload();
      await site.ready();
      assert.equal(await site.heading(), newest[0].title, 'a deep link reloads offline');
      assert.ok(await offline.offlineNotice().isVisible(), 'the reader is told they are offline');

      const unread = newest[17];
      await site.goto(`/news/${unread.slug}`);
      assert.equal(await site.heading(), unread.title, 'an article never opened opens offline');

      await site.goto('/news?page=3');
      const titles = await site.page.locator('main .article-card-title').allTextContents();
      assert.deepEqual(titles.map((t) => t.trim()), listed(archive, 3).items.map((a) => a.title));

      const word = unread.title.split(' ').find((w) => w.length > 5);
      await site.goto(`/search?q=${encodeURIComponent(word)}`);
      const results = new ResultsPage(site);
      assert.ok((await results.titles()).length > 0, `search for "${word}" answers offline`);
      const box = new SearchBox(site);
      await box.input.fill(word);
      await box.listbox.waitFor();
      assert.ok((await box.optionTexts()).length > 0, 'suggestions work offline');
    } finally {
      await goOnline(site, server);
    }
    await site.page.waitForFunction(() => navigator.onLine);
    assert.ok(await offline.offlineNotice().isHidden(), 'the notice goes when the network is back');
    await site.page.close();
  });

  test('offline, search answers from the saved part of its index and says results may be missing, until the network is back', async () => {
    const dir = assemble(archive);
    const { server, site, offline } = await siteOn(dir);
    await offline.controlled();
    // The word most titles share, so its first page of results spans
    // several chunks of documents.
    const counts = new Map();
    for (const a of newest) for (const w of new Set(a.title.toLowerCase().match(/\p{L}{5,}/gu))) counts.set(w, (counts.get(w) ?? 0) + 1);
    const word = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const results = new ResultsPage(site);
    const read = [];
    site.page.on('request', (r) => {
      const path = new URL(r.url()).pathname.slice(1);
      if (/^data\/search\/docs\//.test(path)) read.push(path);
    });
    await site.goto(`/search?q=${word}`);
    const all = await results.titles();
    assert.ok(new Set(read).size >= 2, `the first page of "${word}" reads several chunks of documents (${read})`);
    // One of them left out of the saved copy, as a budget would.
    const dropped = read[0];
    await site.page.evaluate(async (path) => {
      for (const name of await caches.keys()) await (await caches.open(name)).delete(new URL(path, document.baseURI).href);
    }, dropped);

    await goOffline(site, server);
    try {
      // Chromium logs the failed download itself.
      env.allowed = [/Failed to load resource: net::ERR_FAILED/];
      await site.page.reload();
      await site.ready();
      const shown = await results.titles();
      assert.ok(shown.length > 0 && shown.length < all.length, `some results, not all: ${shown.length} of ${all.length}`);
      assert.deepEqual(shown, all.filter((t) => shown.includes(t)), 'in the order they rank');
      const notice = results.incompleteNotice();
      assert.match(await notice.textContent(), /You are offline: these results come from the part of the search index saved on this device, so some may be missing\./);
      assert.equal(await site.page.locator('.search-answer [role=alert]').count(), 0, 'no failure in place of the results');
    } finally {
      await goOnline(site, server);
    }
    await results.incompleteNotice().waitFor({ state: 'detached' });
    assert.deepEqual(await results.titles(), all, 'back online, the query is answered again in full');
    await site.page.close();
  });

  test('beyond the budget, the newest articles are saved first and an unsaved one says what is available', async () => {
    // A budget that holds the app, the lists and the five newest articles.
    const all = precacheOf(assemble(archive));
    const fifth = all.files.findIndex((f) => f.url === `data/articles/${newest[4].slug}.json`);
    const bytes = all.files.slice(0, fifth + 1).reduce((sum, f) => sum + f.size, 0);
    const dir = assemble(archive, { budgetMb: (bytes + 100) / 1024 / 1024 });
    const saved = precacheOf(dir).files.filter((f) => f.url.startsWith('data/articles/')).map((f) => f.url);
    assert.deepEqual(
      saved,
      newest.slice(0, 5).map((a) => `data/articles/${a.slug}.json`),
      'the five newest articles, newest first',
    );

    const { server, site, offline } = await siteOn(dir);
    await offline.controlled();
    // Read one more online: it is saved as it is read.
    const read = newest[30];
    await site.goto(`/news/${read.slug}`);
    await goOffline(site, server);
    try {
      await site.goto(`/news/${read.slug}`);
      assert.equal(await site.heading(), read.title, 'an article read online opens offline');

      const missing = newest[20];
      // Chromium logs the failed download itself.
      env.allowed = [/Failed to load resource: net::ERR_FAILED/];
      await site.goto(`/news/${missing.slug}`);
      const choices = site.page.getByRole('region', { name: 'Available offline' });
      await choices.locator('.offline-count').waitFor();
      assert.match(await site.page.getByRole('alert').textContent(), new RegExp(`articles/${missing.slug}\\.json`));
      const offered = (await choices.locator('.article-card-title').allTextContents()).map((t) => t.trim());
      assert.deepEqual(offered, [...newest.slice(0, 5), read].map((a) => a.title));

      await site.goto('/offline');
      assert.equal(await site.heading(), 'Available offline');
      assert.equal((await site.page.locator('.offline-count').textContent()).trim(), '6 articles are saved on this device.');
      await site.follow(newest[3].title);
      assert.equal(await site.heading(), newest[3].title);
    } finally {
      await goOnline(site, server);
    }
    await site.page.close();
  });
});

describe('what is cached', () => {
  test('an error status or an HTML page in place of a file is never cached', async () => {
    const dir = assemble(archive, { budgetMb: 0 });
    const { server, site, offline } = await siteOn(dir);
    await offline.controlled();
    const [failing, html, fine] = newest.slice(10, 13).map((a) => `data/articles/${a.slug}.json`);
    server.faults.set(`/${failing}`, (req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    });
    server.faults.set(`/${html}`, (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>app</title>');
    });
    env.allowed = [/status of 500/];
    for (const article of newest.slice(10, 13)) await site.goto(`/news/${article.slug}`);
    const cached = Object.values(await offline.caches()).flat();
    assert.ok(cached.includes(fine), 'a good answer is saved as it is read');
    assert.ok(!cached.includes(failing), 'a 500 is not saved');
    assert.ok(!cached.includes(html), 'an HTML page in place of data is not saved');
    await site.page.close();
  });

  test('data saved as it is read stays within its budget, the files read longest ago going first', async () => {
    // No offline budget: the precache holds the app only, and reading may
    // keep nothing but the file read last.
    const dir = assemble(archive, { budgetMb: 0 });
    assert.match(readFileSync(join(dir, 'sw.js'), 'utf8'), /^const VERSION = '[0-9a-f]+';\nconst READ_BUDGET = 0;\n/);
    const { site, offline } = await siteOn(dir);
    await offline.controlled();
    const read = newest.slice(20, 23);
    for (const article of read) {
      await site.goto(`/news/${article.slug}`);
      await site.expectHeading(article.title);
    }
    const file = (a) => `data/articles/${a.slug}.json`;
    // Saving and dropping finish after the page has what it asked for.
    const settled = (cached) =>
      cached.includes(file(read[2])) && !cached.includes(file(read[0])) && !cached.includes(file(read[1]));
    let cached = [];
    for (const start = Date.now(); !settled(cached); ) {
      if (Date.now() - start > 30_000) assert.fail(`the last read kept, the older dropped; saved: ${cached.join(', ')}`);
      await new Promise((ok) => setTimeout(ok, 100));
      cached = Object.values(await offline.caches()).flat();
    }
    await site.page.close();
  });

  test('a failing file fails the install, which completes on a later visit', async () => {
    const dir = assemble(archive);
    const server = await startServer({ root: dir });
    servers.push(server);
    const target = `data/articles/${newest[40].slug}.json`;
    server.faults.set(`/${target}`, (req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Not found</title>');
    });
    const page = await env.browser.newPage();
    await page.goto(server.url('/'));
    // The install asks for the file, fails, and no worker becomes active.
    await until(() => server.requests.includes(`/${target}`), 'the install asks for the file');
    await page.waitForFunction(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return !r || (!r.installing && !r.waiting && !r.active);
    });
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
    server.faults.clear();
    const site = new SitePage(page, server);
    await site.goto('/');
    await new Offline(site).controlled();
    const cached = Object.values(await new Offline(site).caches()).flat();
    assert.ok(cached.includes(target), 'the file is saved once it answers');
    await page.close();
  });
});

describe('updates', () => {
  test('a new build shows a prompt; Reload switches every tab to it at once and removes the old cache', async () => {
    const dir = assemble(archive);
    const { server, site, offline } = await siteOn(dir, `/news/${newest[0].slug}`);
    await offline.controlled();
    const before = await offline.version();
    const other = new SitePage(await env.browser.newPage(), server);
    await other.goto('/news');

    // Build B: new code (renamed hashed files) and a changed article.
    const renamed = {};
    for (const name of readdirSync(dir)) {
      const m = name.match(/^(newsroom-)[0-9a-f]{12,16}(_bg\.wasm|\.js)$/);
      if (m) {
        renamed[name] = `${m[1]}b0b0b0b0b0b0b0b0${m[2]}`;
        renameSync(join(dir, name), join(dir, renamed[name]));
      }
    }
    // The pages (the shell and every prerendered one) and the loader
    // (start-<hash>.js, app-<hash>.js) name the code files.
    const pages = readdirSync(dir, { recursive: true }).filter((f) => /\.html$/.test(f) && !f.startsWith('data'));
    for (const page of [...pages, ...readdirSync(dir).filter((f) => /^(start|app)-.*\.js$/.test(f))]) {
      let html = readFileSync(join(dir, page), 'utf8');
      for (const [from, to] of Object.entries(renamed)) html = html.replaceAll(from, to);
      writeFileSync(join(dir, page), html);
    }
    const file = join(dir, `data/articles/${newest[0].slug}.json`);
    const article = JSON.parse(readFileSync(file, 'utf8'));
    article.title = `${article.title} (updated)`;
    writeFileSync(file, JSON.stringify(article));
    manifest(dir);

    // The tabs keep running build A while B installs in the background.
    await site.page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await offline.updateNotice().waitFor({ timeout: 60_000 });
    assert.match(await offline.updateNotice().textContent(), /A new version is available/);
    assert.equal(await site.heading(), newest[0].title.trim(), 'nothing changes before the reader chooses');
    assert.equal(await offline.version(), before);

    const requests = [];
    site.page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    other.page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    const otherReloaded = other.page.waitForEvent('load');
    await Promise.all([site.page.waitForEvent('load'), offline.updateNotice().getByRole('button', { name: 'Reload' }).click()]);
    await otherReloaded;
    await site.ready();
    await other.ready();
    assert.equal(await site.heading(), article.title, 'build B content');
    const code = requests.filter((p) => /newsroom-[0-9a-f]{12,16}[._]/.test(p));
    assert.ok(code.length >= 2, `the reloaded tabs load code: ${requests.join(', ')}`);
    assert.ok(code.every((p) => p.includes('b0b0b0b0b0b0b0b0')), `only build B code is loaded: ${code.join(', ')}`);
    const caches = await offline.caches();
    const after = await offline.version();
    assert.notEqual(after, before);
    // Build B's cache, and the one of what it saved as read if any.
    assert.ok(Object.keys(caches).every((name) => name.includes(after)), `only build B's caches are left: ${Object.keys(caches)}`);
    assert.ok(Object.values(caches).flat().some((p) => p.includes('b0b0b0b0b0b0b0b0')));
    await other.page.close();
    await site.page.close();
  });
});

describe('without service workers', () => {
  test('the site works online and the offline page says nothing is saved', async () => {
    const browser = await launch({ serviceWorkers: 'block' });
    try {
      const site = new SitePage(await browser.newPage(), env.server);
      await site.goto('/');
      await site.goto(`/news/${JSON.parse(readFileSync(join(DIST, 'data/news/page-1.json'), 'utf8')).items[0].slug}`);
      assert.equal(await site.page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
      await site.goto('/offline');
      assert.match(await site.page.locator('.offline-unavailable').textContent(), /Nothing is saved for offline reading/);
      const problems = browser.takeProblems();
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});

describe('installing', () => {
  test('the web app manifest names the site and its icons load at their sizes', async () => {
    const site = await env.open('/');
    const manifestUrl = await site.page.locator('link[rel=manifest]').evaluate((l) => l.href);
    const info = await site.page.evaluate(async (url) => {
      const m = await (await fetch(url)).json();
      const icons = [];
      for (const icon of m.icons) {
        const blob = await (await fetch(new URL(icon.src, url))).blob();
        const bitmap = await createImageBitmap(blob);
        icons.push({ sizes: icon.sizes, actual: `${bitmap.width}x${bitmap.height}`, type: blob.type });
      }
      return { ...m, icons, start: new URL(m.start_url, url).href };
    }, manifestUrl);
    const { site: meta } = JSON.parse(readFileSync(join(DIST, 'data/site.json'), 'utf8'));
    assert.equal(info.name, meta.title);
    assert.equal(info.short_name, meta.name);
    assert.equal(info.display, 'standalone');
    assert.match(info.theme_color, /^#[0-9a-f]{6}$/);
    assert.equal(info.start, env.server.url('/'));
    for (const size of ['192x192', '512x512']) {
      const icon = info.icons.find((i) => i.sizes === size);
      assert.ok(icon, `an icon of ${size}`);
      assert.equal(icon.actual, size);
      assert.equal(icon.type, 'image/png');
    }
    await site.page.close();
  });
});
