// Every page is real HTML: read with JavaScript off, by a link-preview
// scraper and a feed reader (real npm clients, no JavaScript run), against
// the built site on a static host that answers unknown paths with 404.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ogs from 'open-graph-scraper';
import Parser from 'rss-parser';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { DIST, loadContent } from './support/site.mjs';

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
