// Every page is real HTML: read with JavaScript off, by a link-preview
// scraper and a feed reader (real npm clients, no JavaScript run), against
// the built site on a static host that answers unknown paths with 404.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ogs from 'open-graph-scraper';
import Parser from 'rss-parser';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './support/browser.mjs';
import { useSite } from './support/fixture.mjs';
import { startServer } from './support/server.mjs';
import { DIST, corpus, loadContent, prerendered } from './support/site.mjs';

const content = loadContent();
const newest = [...content.news.articles].sort((a, b) => (b.issued_on ?? '').localeCompare(a.issued_on ?? ''))[0];
const site = content.site;
const publicUrl = site.site.url.replace(/\/$/, '');

describe('prerendered pages', () => {
  let server;
  let browser;
  let noJs;
  before(async () => {
    server = await startServer({ root: DIST, mode: '404' });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    noJs = await browser.newContext({ javaScriptEnabled: false });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('with JavaScript off, an article, a term page and the news list read fully and their links work', async () => {
    const page = await noJs.newPage();
    const response = await page.goto(server.url(`/news/${newest.slug}`));
    assert.equal(response.status(), 200);
    assert.equal((await page.locator('main h1').textContent()).trim(), newest.title);
    assert.ok((await page.locator('main .lead').textContent()).includes(newest.lead.slice(0, 40)));
    // The breadcrumb's News link opens the prerendered list.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'News' }).click();
    assert.equal((await page.locator('main h1').textContent()).trim(), 'News');
    assert.ok(await page.getByRole('link', { name: newest.title }).count() >= 1);
    const field = site.taxonomies.fields.terms[0];
    const term = await page.goto(server.url(`/fields/${field.slug}`));
    assert.equal(term.status(), 200);
    assert.equal((await page.locator('main h1').textContent()).trim(), field.name);
    // Every menu entry is in the page, though no script opens its panel.
    const links = await page.locator('.site-nav .menu-panel a').count();
    assert.ok(links > 50, `${links} menu links in the page`);
    await page.close();
  });

  test('an unknown path answers 404 with the not-found page', async () => {
    const page = await noJs.newPage();
    const response = await page.goto(server.url('/no/such/page'));
    assert.equal(response.status(), 404);
    assert.equal((await page.locator('main h1').textContent()).trim(), 'Page not found');
    await page.close();
  });

  test('a link-preview scraper gets an article\'s title, description, type and URL', async () => {
    const { result } = await ogs({ url: server.url(`/news/${newest.slug}`) });
    assert.equal(result.ogType, 'article');
    assert.ok(result.ogTitle.startsWith(newest.title), result.ogTitle);
    assert.equal(result.ogDescription, newest.lead);
    assert.equal(result.ogUrl, `${publicUrl}/news/${newest.slug}`);
    assert.equal(result.ogSiteName, site.site.name);
  });

  test('a feed reader reads the news feed, whose items are the articles', async () => {
    const feed = await new Parser().parseURL(server.url('/feed.xml'));
    assert.ok(feed.items.length >= 1);
    assert.equal(feed.items[0].title, newest.title);
    assert.equal(feed.items[0].link, `${publicUrl}/news/${newest.slug}`);
  });

  // A country the newest article is about, with its own page and feed.
  const country = () => site.taxonomies.countries.terms.find((t) => t.slug === newest.tags.countries[0]);

  test('a link-preview scraper gets a term page\'s title, description, type and URL', async () => {
    const term = country();
    const { result } = await ogs({ url: server.url(`/countries/${term.slug}`) });
    assert.equal(result.ogType, 'website');
    assert.ok(result.ogTitle.startsWith(term.name), result.ogTitle);
    assert.ok(result.ogDescription.includes(term.name) || result.ogDescription === term.summary, result.ogDescription);
    assert.equal(result.ogUrl, `${publicUrl}/countries/${term.slug}`);
  });

  test('a feed reader reads a term\'s feed, announced by its page, whose items are its articles', async () => {
    const term = country();
    const html = await (await fetch(server.url(`/countries/${term.slug}`))).text();
    const href = html.match(new RegExp(`<link rel="alternate" type="application/rss\\+xml" title="[^"]*${term.name}" href="([^"]+)">`))?.[1];
    assert.equal(href, `/countries/${term.slug}/feed.xml`);
    const feed = await new Parser().parseURL(server.url(href));
    const expected = content.news.articles
      .filter((a) => a.tags?.countries?.includes(term.slug))
      .map((a) => `${publicUrl}/news/${a.slug}`)
      .sort();
    assert.deepEqual(feed.items.map((i) => i.link).sort(), expected);
    assert.ok(feed.title.includes(term.name), feed.title);
  });

  test('every prerendered page has its own title and a description, and listed pages a canonical URL', () => {
    const pages = readdirSync(DIST, { recursive: true }).filter((f) => f.endsWith('.html') && f !== 'shell.html');
    assert.ok(pages.length > 100, `${pages.length} pages`);
    for (const file of pages) {
      const html = readFileSync(join(DIST, file), 'utf8');
      const title = html.match(/<title>([^<]*)<\/title>/)?.[1] ?? '';
      assert.ok(title && title !== 'Loading…', `${file}: title ${JSON.stringify(title)}`);
      assert.match(html, /<meta name="description" content="[^"]+">/, file);
      if (!html.includes('content="noindex"')) assert.match(html, /<link rel="canonical" href="https:\/\/[^"]+">/, file);
    }
  });

  test('the sitemap lists each page once, and each answers 200', async () => {
    const index = readFileSync(join(DIST, 'sitemap.xml'), 'utf8');
    const files = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(publicUrl, ''));
    const urls = files.flatMap((f) => [...readFileSync(join(DIST, f), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(publicUrl, '') || '/'));
    assert.equal(new Set(urls).size, urls.length, 'no URL twice');
    assert.ok(urls.includes(`/news/${newest.slug}`));
    for (const path of urls) {
      const res = await fetch(server.url(path));
      assert.equal(res.status, 200, path);
    }
  });
});

describe('the app taking over a prerendered page', () => {
  // A first visit: no service worker answers with the shell.
  const env = useSite({ mode: '404', serviceWorkers: 'block' });
  let reader;
  before(async () => {
    reader = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  });
  after(async () => reader?.close());

  /** What a reader sees in the page's main landmark, JavaScript off. */
  async function prerenderedMain(path) {
    const context = await reader.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(env.server.url(path));
    const text = await page.locator('main').innerText();
    await context.close();
    return text;
  }

  for (const [name, path] of [
    ['an article', () => `/news/${newest.slug}`],
    ['a term page', () => `/fields/${site.taxonomies.fields.terms[0].slug}`],
    ['the home page', () => '/'],
  ]) {
    test(`${name}: the app shows what the prerendered page showed, with no layout shift`, async () => {
      const tab = await env.open(null);
      await tab.page.addInitScript(() => {
        window.__shift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await tab.goto(path());
      assert.equal(await tab.page.locator('[data-prerendered]').count(), 0, 'taken over');
      assert.equal(await tab.page.locator('main').innerText(), await prerenderedMain(path()));
      // Shifts are reported after the frame that made them.
      await tab.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100))));
      assert.equal(await tab.page.evaluate(() => window.__shift), 0, 'cumulative layout shift');
      await tab.page.close();
    });
  }

  test('after the takeover, links route in the browser and the menu is the app\'s', async () => {
    const tab = await env.open(`/news/${newest.slug}`);
    await tab.page.evaluate(() => { window.__samePage = true; });
    await tab.page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'News' }).click();
    await tab.page.waitForURL(/\/news$/);
    await tab.ready();
    assert.equal(await tab.heading(), 'News');
    assert.equal(await tab.page.evaluate(() => window.__samePage), true, 'no full page load');
    const button = tab.page.locator('.menu-button').first();
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    await tab.page.keyboard.press('Escape');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    await tab.page.close();
  });

  /** The app's code files a page has requested so far. */
  const appCode = (requests) => requests.filter((path) => /(^|\/)(app-[0-9a-f]+\.js|newsroom-[0-9a-f]+(_bg\.wasm|\.js))$/.test(path));

  test('a page that reads on its own loads no app code until the reader moves, then the app takes over', async () => {
    const tab = await env.open(null);
    const requests = [];
    tab.page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await tab.page.goto(env.server.url(`/news/${newest.slug}`));
    await tab.page.waitForLoadState('load');
    await tab.page.waitForTimeout(1000);
    assert.deepEqual(appCode(requests), [], 'nothing of the app before the reader does anything');
    assert.equal(await tab.page.locator('[data-prerendered]').count(), 1);
    await tab.page.mouse.move(10, 10);
    await tab.page.locator('[data-prerendered]').waitFor({ state: 'detached' });
    assert.equal(appCode(requests).filter((p) => p.endsWith('.wasm')).length, 1, 'the wasm, once');
    assert.equal(await tab.heading(), newest.title.trim());
    await tab.page.close();
  });

  test('the search page starts the app at once: results need it', async () => {
    const tab = await env.open(null);
    const word = newest.title.split(/\s+/).find((w) => /^[A-Za-z]{5,}$/.test(w));
    await tab.page.goto(env.server.url(`/search?q=${encodeURIComponent(word)}`));
    // No interaction at all.
    await tab.page.locator('[data-prerendered]').waitFor({ state: 'detached' });
    await tab.page.getByRole('link', { name: newest.title.trim() }).first().waitFor();
    await tab.page.close();
  });

  test('an embed opened with other options than its prerendered page shows nothing of that page; with the same, it shows at once', async () => {
    const tab = await env.open(null);
    // The app never comes: what shows is the prerendered page alone.
    await tab.page.route(/\.wasm$/, (route) => route.abort());
    env.allowed = [/ERR_FAILED/, /Failed to fetch/];
    const field = site.taxonomies.fields.terms[0].slug;
    await tab.page.goto(env.server.url(`/embed/news?field=${field}&limit=3`));
    await tab.page.waitForLoadState('load');
    const heading = tab.page.locator('main h1').first();
    assert.equal(await heading.count(), 1, 'the prerendered headlines are in the page');
    assert.equal(await heading.isVisible(), false, 'but not shown: they are not the ones asked for');
    await tab.page.goto(env.server.url('/embed/news?limit=5'));
    await tab.page.locator('main h1').first().waitFor({ state: 'visible' });
    await tab.page.close();
  });

  test('a menu section opened before the app started stays open after the takeover', async () => {
    const tab = await env.open(null);
    await tab.page.goto(env.server.url(`/news/${newest.slug}`));
    await tab.page.waitForLoadState('load');
    const button = tab.page.locator('.menu-button').nth(1);
    const name = (await button.textContent()).trim();
    // The press opens the section (the page's own script) and starts the app.
    await button.click();
    await tab.page.locator('[data-prerendered]').waitFor({ state: 'detached' });
    const now = tab.nav().getByRole('button', { name, exact: true });
    assert.equal(await now.getAttribute('aria-expanded'), 'true');
    assert.ok(await tab.page.locator(`#${await now.getAttribute('aria-controls')}`).isVisible());
    // It is the app's now: Escape closes it and focus returns to its button.
    await tab.page.keyboard.press('Escape');
    assert.equal(await now.getAttribute('aria-expanded'), 'false');
    assert.equal(await tab.page.evaluate(() => document.activeElement?.textContent?.trim()), name);
    await tab.page.close();
  });

  test('before the app runs, the menu\'s sections open and close', async () => {
    const tab = await env.open(null);
    // Hold the app back: its wasm never arrives.
    await tab.page.route(/_bg\.wasm$/, () => {});
    await tab.page.goto(env.server.url(`/news/${newest.slug}`));
    await tab.page.waitForLoadState('domcontentloaded');
    assert.equal(await tab.page.locator('[data-prerendered]').count(), 1);
    const button = tab.page.locator('.menu-button').first();
    const panel = tab.page.locator(`#${await button.getAttribute('aria-controls')}`);
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    assert.ok(await panel.isVisible());
    assert.ok(await panel.getByRole('link').count() > 1);
    await tab.page.keyboard.press('Escape');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.ok(!(await panel.isVisible()));
    await tab.page.close();
  });
});

describe('a larger archive, prerendered', () => {
  let server;
  let browser;
  let data;
  before(async () => {
    data = corpus(45);
    server = await startServer({ root: prerendered(data), mode: '404' });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('with JavaScript off, "Older" and "Newer" page through the news list, and a term\'s list pages too', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url('/news'));
    const first = await page.locator('main article h2').allTextContents();
    assert.ok(first.length > 1, 'a full first page');
    await page.getByRole('link', { name: 'Older →' }).click();
    assert.equal(new URL(page.url()).pathname, '/news/page/2');
    const second = await page.locator('main article h2').allTextContents();
    assert.ok(second.length > 0 && !second.some((t) => first.includes(t)), 'page 2 lists other articles');
    assert.match(await page.locator('.pager').innerText(), /Page 2 of \d+/);
    await page.getByRole('link', { name: '← Newer' }).click();
    assert.deepEqual(await page.locator('main article h2').allTextContents(), first);
    // A term's list is a file too: the country with the most news.
    const countries = join(data, 'news', 'countries');
    const [busiest] = readdirSync(countries, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map(({ name: slug }) => slug)
      .map((slug) => ({ slug, total: JSON.parse(readFileSync(join(countries, slug, 'page-1.json'), 'utf8')).total }))
      .sort((a, b) => b.total - a.total);
    assert.ok(busiest?.total > 0, 'some country has news');
    const response = await page.goto(server.url(`/countries/${busiest.slug}/news`));
    assert.equal(response.status(), 200);
    assert.ok((await page.locator('main article').count()) >= 1);
    await context.close();
  });
});
