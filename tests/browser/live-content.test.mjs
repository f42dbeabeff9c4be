// Content edits while the site is served (scripts/live-content.mjs, which
// scripts/serve.sh runs beside trunk): on a copy of the built site and of
// the content, served by a static host, read in Chromium with JavaScript
// off (the prerendered pages) and through the data files the app fetches.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { DIST, ROOT, slugify } from './support/site.mjs';

const work = mkdtempSync(join(tmpdir(), 'newsroom-live-'));
const content = join(work, 'content');
const site = join(work, 'site');
const newsFile = join(content, 'news.json');

/** Saves the article list as an editor does: a new file renamed into place. */
function saveNews(edit) {
  const news = JSON.parse(readFileSync(newsFile, 'utf8'));
  edit(news.articles);
  writeFileSync(`${newsFile}.tmp`, JSON.stringify(news, null, 2));
  cpSync(`${newsFile}.tmp`, newsFile);
  rmSync(`${newsFile}.tmp`);
}

const workerVersion = () => readFileSync(join(site, 'sw.js'), 'utf8').match(/^const VERSION = '([0-9a-f]+)'/)[1];

describe('content edits while the site is served', () => {
  let live;
  let lines = [];
  let server;
  let browser;
  let reader;
  let first;

  /** Waits for the watcher's next line matching `re` after the lines seen so far. */
  const nextLine = (re, seen = lines.length) =>
    new Promise((found, fail) => {
      const started = Date.now();
      const look = setInterval(() => {
        const line = lines.slice(seen).find((l) => re.test(l));
        if (line) {
          clearInterval(look);
          found(line);
        } else if (Date.now() - started > 120_000) {
          clearInterval(look);
          fail(new Error(`no line matching ${re} within 120 s; the watcher said:\n${lines.join('\n')}`));
        }
      }, 50);
    });

  /** The page at `path` as a reader without JavaScript gets it. */
  async function read(path) {
    const page = await reader.newPage();
    const response = await page.goto(server.url(path));
    const found = {
      status: response.status(),
      h1: (await page.locator('main h1').first().textContent()).trim(),
      lead: (await page.locator('main .lead').count()) ? (await page.locator('main .lead').textContent()).trim() : null,
      links: await page.locator('main a').evaluateAll((as) => as.map((a) => a.textContent.trim())),
    };
    await page.close();
    return found;
  }

  before(async () => {
    cpSync(join(ROOT, 'content'), content, { recursive: true });
    cpSync(DIST, site, { recursive: true });
    first = JSON.parse(readFileSync(newsFile, 'utf8')).articles[0];
    first.slug ??= slugify(first.title);
    live = spawn(process.execPath, [join(ROOT, 'scripts/live-content.mjs'), content, site], {
      cwd: ROOT,
      env: { ...process.env, NEWSROOM_BUILD_CACHE: join(work, 'cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk) => lines.push(...chunk.toString().split('\n').filter(Boolean));
    live.stdout.on('data', collect);
    live.stderr.on('data', collect);
    await nextLine(/^live-content: watching /, 0);
    server = await startServer({ root: site, mode: '404' });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    reader = await browser.newContext({ javaScriptEnabled: false });
  });

  after(async () => {
    live?.kill();
    await browser?.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test('an edited article shows in the served site, with a new service worker version', async () => {
    const version = workerVersion();
    const seen = lines.length;
    saveNews((articles) => {
      articles[0].lead = 'A lead edited while the site is served.';
    });
    await nextLine(/the site served is updated in/, seen);
    const page = await read(`/news/${first.slug}`);
    assert.equal(page.status, 200);
    assert.equal(page.lead, 'A lead edited while the site is served.');
    const data = JSON.parse(readFileSync(join(site, `data/articles/${first.slug}.json`), 'utf8'));
    assert.equal(data.lead, 'A lead edited while the site is served.');
    assert.notEqual(workerVersion(), version, 'a new service worker, so readers get the update');
    // The compressed copies follow: the new service worker's are not older
    // than it; the page has none (the host compresses pages as it sends).
    await nextLine(/compressed copies updated/, seen);
    const worker = join(site, 'sw.js');
    for (const ext of ['.br', '.gz']) assert.ok(statSync(worker + ext).mtimeMs >= statSync(worker).mtimeMs, `sw.js${ext}`);
    const html = join(site, `news/${first.slug}/index.html`);
    assert.ok(!existsSync(`${html}.br`) && !existsSync(`${html}.gz`));
  });

  test('an added article gets its page and joins the news list; pages it does not touch stay as they were', async () => {
    const untouched = join(site, `news/${first.slug}/index.html`);
    const before = statSync(untouched).mtimeMs;
    const seen = lines.length;
    saveNews((articles) => {
      articles.unshift({ ...articles[0], slug: 'added-while-served', title: 'Added while served', issued_on: '2031-01-01' });
    });
    await nextLine(/the site served is updated in/, seen);
    const page = await read('/news/added-while-served');
    assert.equal(page.status, 200);
    assert.equal(page.h1, 'Added while served');
    assert.ok((await read('/news')).links.includes('Added while served'), 'the news list links to it');
    assert.equal(statSync(untouched).mtimeMs, before, 'the other article\'s page is not written again');
    const summary = lines.slice(seen).find((l) => /newsroom-prerender: \d+ pages, \d+ rendered/.test(l));
    const [, total, rendered] = summary.match(/(\d+) pages, (\d+) rendered/).map(Number);
    assert.ok(rendered < total, `only the pages that changed are rendered: ${summary}`);
    await nextLine(/compressed copies updated/, seen);
  });

  test('a broken edit prints the check that failed (file, JSON path, reason) and the last good site stays served', async () => {
    const version = workerVersion();
    const seen = lines.length;
    saveNews((articles) => {
      articles[0].issued_on = '2031-13-45';
      articles[0].title = 'Never published';
    });
    const verdict = await nextLine(/does not pass the checks/, seen);
    assert.match(verdict, /the site served is still the last good one/);
    assert.ok(
      lines.slice(seen).some((l) => /news\.json \$\.articles\[0\]\.issued_on: invalid date "2031-13-45"/.test(l)),
      lines.slice(seen).join('\n'),
    );
    assert.equal((await read('/news/added-while-served')).h1, 'Added while served');
    assert.equal(workerVersion(), version);
  });

  test('a removed article leaves no page, data file or compressed copy behind', async () => {
    const seen = lines.length;
    saveNews((articles) => {
      articles.shift();
    });
    await nextLine(/compressed copies updated/, seen);
    assert.equal((await read('/news/added-while-served')).status, 404);
    for (const file of ['news/added-while-served/index.html', 'data/articles/added-while-served.json']) {
      for (const copy of ['', '.br', '.gz']) assert.ok(!existsSync(join(site, file + copy)), `${file}${copy} is gone`);
    }
    assert.ok(!(await read('/news')).links.includes('Added while served'));
  });
});
