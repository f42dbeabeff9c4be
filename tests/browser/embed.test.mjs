// Embeds in a partner's page: a host page on another site (localhost on
// another port, against the app on 127.0.0.1) frames an article, a
// headline list and the search embed, and sizes them with public/embed.js.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './support/browser.mjs';
import { useSite } from './support/fixture.mjs';
import { EmbedFrame } from './support/pages.mjs';
import { startServer } from './support/server.mjs';
import { DIST, loadContent } from './support/site.mjs';

const env = useSite();
const { site: siteData, news } = loadContent();
const article = news.articles[0];
const newest = JSON.parse(readFileSync(join(DIST, 'data/news/page-1.json'), 'utf8')).items;

let partner;
let stranger;
const partnerDir = mkdtempSync(join(tmpdir(), 'newsroom-partner-'));
const strangerDir = mkdtempSync(join(tmpdir(), 'newsroom-stranger-'));
before(async () => {
  for (const dir of [partnerDir, strangerDir]) writeFileSync(join(dir, '404.html'), '<!doctype html><title>Not found</title>');
  partner = await startServer({ root: partnerDir, mode: '404' });
  stranger = await startServer({ root: strangerDir, mode: '404' });
});
after(async () => {
  await partner?.close();
  await stranger?.close();
});

/** The partner's site is another site: `localhost`, not 127.0.0.1. */
const partnerUrl = (path) => partner.url(path).replace('127.0.0.1', 'localhost');
const strangerUrl = (path) => stranger.url(path).replace('127.0.0.1', 'localhost');

/** Writes a partner page framing the given embeds (id → app path) with
 * the host script; returns its URL. */
function writePartnerPage(name, frames, extra = '') {
  const iframes = Object.entries(frames)
    .map(([id, path]) => `<iframe id="${id}" data-newsroom-embed title="${id}" src="${env.server.url(path)}" style="width:100%;border:0"></iframe>`)
    .join('\n');
  writeFileSync(
    join(partnerDir, `${name}.html`),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Partner</title><link rel="icon" href="data:,"><body style="margin:0"><h1>Partner page</h1>${iframes}${extra}<script src="${env.server.url('/embed.js')}"></script></body></html>`,
  );
  return partnerUrl(`/${name}.html`);
}

/** A partner page as `writePartnerPage` writes it, opened. */
async function partnerPage(name, frames, extra = '') {
  const url = writePartnerPage(name, frames, extra);
  const page = await env.browser.newPage();
  await page.goto(url);
  return page;
}

describe('embeds in a partner page', () => {
  test('article, headlines and search render without the site chrome, each with its source link', async () => {
    const page = await partnerPage('all', {
      article: `/embed/news/${article.slug}`,
      headlines: '/embed/news?limit=3',
      search: '/embed/search',
    });
    for (const id of ['article', 'headlines', 'search']) {
      const frame = new EmbedFrame(page, id);
      await frame.ready();
      assert.equal(await frame.chrome(), 0, `${id}: no header, menu or footer`);
      const source = frame.locator('.embed-source a');
      assert.equal((await source.textContent()).trim(), siteData.site.name);
      const expected = { article: `/news/${article.slug}`, headlines: '/news', search: '/search' }[id];
      assert.equal(new URL(await source.evaluate((a) => a.href)).pathname, expected, `${id} links to its full page`);
    }
    const art = new EmbedFrame(page, 'article');
    assert.equal(await art.heading(), article.title);
    assert.ok((await art.locator('.article-body p').count()) > 0, 'the body is shown');
    const heads = new EmbedFrame(page, 'headlines');
    assert.equal(await heads.heading(), 'Latest news');
    const titles = (await heads.locator('.embed-headlines a').allTextContents()).map((t) => t.trim());
    assert.deepEqual(titles, newest.slice(0, 3).map((a) => a.title));
    await page.close();
  });

  test('the frame takes its content height, and follows it when the content changes', async () => {
    const page = await partnerPage('height', { search: '/embed/search', headlines: '/embed/news?limit=1' });
    const search = new EmbedFrame(page, 'search');
    await search.ready();
    const before = await search.waitForFit();
    assert.ok(before > 60 && before !== 150, `sized to its content, not the default 150 px: ${before}`);
    const word = article.title.split(' ').find((w) => w.length > 5);
    await search.locator('input[type=search]').fill(word);
    await search.locator('input[type=search]').press('Enter');
    await search.locator('.search-results li').first().waitFor();
    const grown = await search.waitForFit((h) => h > before + 40);
    assert.ok(grown > before + 40, `grows with the results: ${before} → ${grown}`);
    // Another frame on the same page keeps its own height.
    const heads = new EmbedFrame(page, 'headlines');
    await heads.ready();
    assert.notEqual(await heads.waitForFit(), grown);
    await page.close();
  });

  test('links open in the top window by default and in a new tab with target=_blank', async () => {
    const page = await partnerPage('links', { headlines: '/embed/news?limit=2', blank: '/embed/news?limit=2&target=_blank' });
    const blank = new EmbedFrame(page, 'blank');
    await blank.ready();
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      blank.locator('.embed-headlines a').first().click(),
    ]);
    await tab.waitForURL((u) => u.pathname === `/news/${newest[0].slug}`);
    assert.equal(page.url(), partnerUrl('/links.html'), 'the partner page stays');
    await tab.close();

    const heads = new EmbedFrame(page, 'headlines');
    await heads.ready();
    await heads.locator('.embed-headlines a').first().click();
    await page.waitForURL(env.server.url(`/news/${newest[0].slug}`));
    await page.locator('main h1').waitFor();
    assert.equal((await page.locator('main h1').textContent()).trim(), newest[0].title, 'the full article opens in the top window');
    await page.close();
  });

  test('a height message from another origin or window changes nothing', async () => {
    writeFileSync(
      join(strangerDir, 'forge.html'),
      `<!doctype html><script>addEventListener('message', (e) => { if (e.data === 'forge') parent.postMessage({ type: 'newsroom:height', height: 7 }, '*'); });</script>`,
    );
    const page = await partnerPage('forged', { article: `/embed/news/${article.slug}` }, `<iframe id="stranger" data-newsroom-embed src="${strangerUrl('/forge.html')}"></iframe>`);
    const frame = new EmbedFrame(page, 'article');
    await frame.ready();
    const height = await frame.waitForFit();
    // From the partner page itself, and from a stranger's frame (even one
    // marked as an embed).
    await page.evaluate(() => postMessage({ type: 'newsroom:height', height: 7 }, '*'));
    await page.frameLocator('#stranger').locator('script').evaluate(() => postMessage('forge', '*'));
    await page.evaluate(() => document.querySelector('#stranger').contentWindow.postMessage('forge', '*'));
    await page.waitForTimeout(300);
    assert.equal(await frame.frameHeight(), height, 'the embed keeps its height');
    assert.notEqual(await page.locator('#stranger').evaluate((f) => f.style.height), '7px');
    await page.close();
  });

  test('an invalid theme or accent changes nothing; valid ones apply', async () => {
    const page = await partnerPage('themes', {
      plain: `/embed/news/${article.slug}?theme=light`,
      hostile: `/embed/news/${article.slug}?theme=purple&accent=${encodeURIComponent('red;background:url(https://x.invalid/)')}&target=javascript:alert(1)`,
      dark: `/embed/news/${article.slug}?theme=dark&accent=%23ff0000`,
    });
    const look = async (id) => {
      const frame = new EmbedFrame(page, id);
      await frame.ready();
      return frame.locator('html').evaluate((html) => ({
        theme: html.getAttribute('data-theme'),
        style: html.getAttribute('style') ?? '',
        accent: getComputedStyle(html).getPropertyValue('--accent').trim(),
        background: getComputedStyle(document.body).backgroundColor,
        bodyImage: getComputedStyle(document.body).backgroundImage,
        link: getComputedStyle(document.querySelector('.embed-source a')).color,
      }));
    };
    const plain = await look('plain');
    const hostile = await look('hostile');
    assert.equal(hostile.theme, null);
    assert.equal(hostile.style, '', 'nothing from the URL reaches a style');
    assert.equal(hostile.bodyImage, 'none');
    // The hostile frame follows the system setting (light here): as plain.
    assert.deepEqual({ ...hostile, theme: 'light' }, plain);
    const dark = await look('dark');
    assert.equal(dark.theme, 'dark');
    assert.equal(dark.accent, '#ff0000');
    assert.equal(dark.link, 'rgb(255, 0, 0)');
    assert.notEqual(dark.background, plain.background, 'dark theme applies');
    await page.close();
  });

  test('in a browser that partitions storage, an embed works beside the site worker and registers none', async () => {
    // Chromium launched by Playwright refuses service workers in a
    // cross-site frame; one started by hand partitions storage instead.
    const profile = mkdtempSync(join(tmpdir(), 'newsroom-cdp-'));
    const chromiumProcess = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--headless', ...CHROMIUM_ARGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    try {
      const endpoint = await new Promise((ok, fail) => {
        let log = '';
        const timer = setTimeout(() => fail(new Error(`Chromium did not start:\n${log}`)), 30_000);
        chromiumProcess.stderr.on('data', (d) => {
          log += d;
          const m = log.match(/DevTools listening on (ws:\S+)/);
          if (m) {
            clearTimeout(timer);
            ok(m[1]);
          }
        });
      });
      const browser = await chromium.connectOverCDP(endpoint);
      const context = browser.contexts()[0];
      // A reader of the site has its worker...
      const top = await context.newPage();
      await top.goto(env.server.url('/'));
      await top.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
      // ...and then meets an embed on a partner's site.
      const page = await context.newPage();
      await page.goto(writePartnerPage('partitioned', { article: `/embed/news/${article.slug}` }));
      const frame = new EmbedFrame(page, 'article');
      await frame.ready();
      assert.equal(await frame.heading(), article.title);
      await frame.waitForFit();
      await page.waitForTimeout(500);
      const inFrame = await frame.locator('html').evaluate(async () => ({
        registration: Boolean(await navigator.serviceWorker.getRegistration()),
        controlled: navigator.serviceWorker.controller !== null,
      }));
      assert.deepEqual(inFrame, { registration: false, controlled: false }, 'the frame neither sees the site worker nor registers one');
      assert.equal(await frame.locator('.app-notices').count(), 0, 'no notices over the partner page');
      await browser.close();
    } finally {
      const exited = new Promise((ok) => (chromiumProcess.exitCode !== null ? ok() : chromiumProcess.once('exit', ok)));
      // The whole process group: helper processes would go on writing into
      // the profile after the main one has gone.
      try {
        process.kill(-chromiumProcess.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await exited;
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
  });
});

describe('the embed builder', () => {
  test('builds the snippet from the choices, previews it, and copies it', async () => {
    const site = await env.open('/embed');
    await site.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
    assert.equal(await site.heading(), 'Embed our news');
    const code = site.page.getByRole('textbox', { name: 'HTML to copy' });
    const field = siteData.taxonomies.fields.terms.find((t) => t.name === 'Elections');
    await site.page.getByLabel('Fields of work').selectOption(field.slug);
    await site.page.getByLabel('Headlines shown').fill('4');
    await site.page.getByLabel('Headlines shown').dispatchEvent('change');
    await site.page.getByLabel('Colours').selectOption('dark');
    const snippet = await code.inputValue();
    const src = `${env.server.origin}/embed/news?field=${field.slug}&limit=4&theme=dark`;
    assert.ok(snippet.includes(`src="${src.replaceAll('&', '&amp;')}"`), snippet);
    assert.ok(snippet.includes(`<script src="${env.server.origin}/embed.js" async></script>`), snippet);
    const preview = site.page.locator('iframe.embed-preview');
    await site.page.waitForFunction((s) => document.querySelector('iframe.embed-preview')?.src === s, src);
    const frame = new EmbedFrame(site.page, null, preview);
    await frame.ready();
    assert.equal(await frame.heading(), 'Latest news: Elections');
    await frame.waitForFit();

    await site.page.getByRole('radio', { name: 'One article' }).check();
    assert.ok((await code.inputValue()).includes(`/embed/news/${newest[0].slug}?theme=dark`));
    await site.page.getByRole('button', { name: 'Copy the HTML' }).click();
    await site.page.getByText('Copied.').waitFor();
    assert.equal(await site.page.evaluate(() => navigator.clipboard.readText()), await code.inputValue());
    await site.page.close();
  });
});
