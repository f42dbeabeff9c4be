// Accessibility: axe-core (WCAG 2.0–2.2 A and AA rules) on every page type,
// in the light and the dark theme, inside the real app, and each page's
// outline (headings and landmarks). What axe cannot judge (keyboard use,
// focus, layout at 320 px and 200% zoom) is in keyboard.test.mjs and
// menu.test.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { useSite } from './support/fixture.mjs';
import { DIST, loadContent } from './support/site.mjs';

// Faults are injected at the server for the error state.
const env = useSite({ serviceWorkers: 'block' });
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const { site: siteData } = loadContent();
const newest = JSON.parse(readFileSync(join(DIST, 'data/news/page-1.json'), 'utf8')).items[0];
const term = (kind) => siteData.taxonomies[kind].terms[0].slug;

const PAGES = [
  ['home', '/'],
  ['news list', '/news'],
  ['filtered news list', `/news?field=${term('fields')}`],
  ['article', `/news/${newest.slug}`],
  ['fields index', '/fields'],
  ['a field', `/fields/${term('fields')}`],
  ['a meeting', `/meetings/${term('meetings')}`],
  ['a topic', `/our-work/${term('topics')}`],
  ['countries index', '/countries'],
  ['a country', `/countries/${term('countries')}`],
  ['a partner', `/partners/${term('partners')}`],
  ['structures index', '/structures'],
  ['a structure', `/structures/${term('structures')}`],
  ['search results', '/search?q=election'],
  ['search, no results', '/search?q=zzzzqqq'],
  ['not found', '/no/such/page'],
  ['offline page', '/offline'],
  ['embed builder', '/embed'],
  ['embedded article', `/embed/news/${newest.slug}`],
  ['embedded headlines', '/embed/news?limit=3'],
  ['embedded search', '/embed/search?q=election'],
];

/** Violations of the WCAG A and AA rules on the page as it is now. */
async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }),
  );
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const scheme of ['light', 'dark']) {
  describe(`axe, ${scheme} theme`, () => {
    for (const [name, path] of PAGES) {
      test(`${name} (${path})`, async () => {
        const site = await env.open(null);
        await site.page.emulateMedia({ colorScheme: scheme });
        await site.goto(path);
        if (path.startsWith('/search')) await site.page.locator('.search-answer[aria-busy=false]').waitFor();
        assert.deepEqual(await violations(site.page), []);
        await site.page.close();
      });
    }

    test('a load error, with its Retry', async () => {
      env.allowed = [/status of 500/];
      env.server.faults.set('/data/site.json', (req, res) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('boom');
      });
      const site = await env.open(null);
      await site.page.emulateMedia({ colorScheme: scheme });
      await site.goto('/news');
      assert.deepEqual(await violations(site.page), []);
      await site.page.close();
    });

    test('the offline and update notices, and the crash screen', async () => {
      const site = await env.open(null);
      await site.page.emulateMedia({ colorScheme: scheme });
      await site.goto(`/news/${newest.slug}`);
      await site.page.context().setOffline(true);
      await site.page.locator('.offline-notice').waitFor();
      // The update prompt shows only when a new build waits: show it as is.
      await site.page.evaluate(() => { document.querySelector('.update-notice').hidden = false; });
      assert.deepEqual(await violations(site.page), [], 'notices shown');
      await site.page.context().setOffline(false);
      await site.page.evaluate(() => dispatchEvent(new Event('newsroom:crashed')));
      await site.page.getByRole('alertdialog', { name: 'Something went wrong' }).waitFor();
      assert.deepEqual(await violations(site.page), [], 'crash screen');
      await site.page.close();
    });

    test('an open menu panel and the search suggestions', async () => {
      const site = await env.open(null);
      await site.page.emulateMedia({ colorScheme: scheme });
      await site.goto('/');
      await site.menuButton(siteData.menu[0].label).click();
      assert.deepEqual(await violations(site.page), [], 'menu open');
      await site.menuButton(siteData.menu[0].label).click();
      const box = site.page.getByRole('banner').getByRole('searchbox', { name: 'Search', exact: true });
      await box.fill('elect');
      await site.page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first().waitFor();
      assert.deepEqual(await violations(site.page), [], 'suggestions shown');
      await site.page.close();
    });
  });
}

describe('outline', () => {
  for (const [name, path] of PAGES) {
    test(`${name}: one h1, headings in order, landmarks each once (${path})`, async () => {
      const site = await env.open(path);
      if (path.startsWith('/search')) await site.page.locator('.search-answer[aria-busy=false]').waitFor();
      const embed = path.startsWith('/embed/');
      const outline = await site.page.evaluate(() => ({
        lang: document.documentElement.lang,
        levels: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
          .filter((h) => h.getClientRects().length > 0)
          .map((h) => Number(h.tagName[1])),
        main: document.querySelectorAll('main').length,
        banner: document.querySelectorAll('body > header, body > * > header:not(main header, article header)').length,
        footer: document.querySelectorAll('body > footer, body > * > footer:not(main footer, article footer)').length,
        navs: [...document.querySelectorAll('nav')].map((n) => n.getAttribute('aria-label')),
      }));
      assert.ok(outline.lang, 'lang is set');
      assert.equal(outline.levels.filter((l) => l === 1).length, 1, `one h1 in ${outline.levels}`);
      assert.equal(outline.levels[0], 1, `the h1 comes first: ${outline.levels}`);
      outline.levels.forEach((level, i) => {
        if (i > 0) assert.ok(level <= outline.levels[i - 1] + 1, `no level skipped: ${outline.levels}`);
      });
      assert.equal(outline.main, 1, 'one main');
      if (!embed) {
        assert.equal(outline.banner, 1, 'one site header');
        assert.equal(outline.footer, 1, 'one site footer');
        assert.ok(outline.navs.includes('Main'), `a nav labelled Main: ${outline.navs}`);
        assert.equal(new Set(outline.navs).size, outline.navs.length, `every nav has its own label: ${outline.navs}`);
      }
      // axe's best-practice rules on the same: landmarks unique and top-level.
      await site.page.evaluate(AXE);
      const rules = ['landmark-one-main', 'landmark-unique', 'landmark-no-duplicate-banner', 'landmark-no-duplicate-contentinfo',
        'landmark-banner-is-top-level', 'landmark-contentinfo-is-top-level', 'landmark-main-is-top-level', 'page-has-heading-one', 'heading-order'];
      const result = await site.page.evaluate((r) => window.axe.run(document, { runOnly: { type: 'rule', values: r } }), rules);
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), []);
      await site.page.close();
    });
  }
});
