// The app is organization-neutral: another organization's content in the
// same schema gives another site, and content is only ever shown as text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { useSite } from './support/fixture.mjs';
import { ROOT, publish } from './support/site.mjs';

const env = useSite();
const otherOrg = publish(`${ROOT}tests/fixtures/other-org`);

function serveOtherOrg() {
  env.server.overlays.set('/data/', otherOrg);
}

describe('another organization', () => {
  test('its JSON gives its own site, menus, pages and paging', async () => {
    serveOtherOrg();
    const site = await env.open('/');
    assert.equal(await site.heading(), 'Nordic Coastal Research Council');
    assert.equal(await site.page.title(), 'NCR');
    assert.equal(await site.page.evaluate(() => document.documentElement.lang), 'en-GB');
    assert.equal((await site.page.locator('.tagline').textContent()).trim(), 'Science for the northern seas');
    const buttons = await site.nav().locator('.menu-button').allTextContents();
    assert.deepEqual(buttons, ['Programmes', 'Members', 'About']);
    assert.equal(await site.page.getByText('OSCE').count(), 0, 'nothing of the bundled organization shows');

    await site.goto('/news');
    assert.equal(await site.page.locator('main article').count(), 2, 'two per page');
    assert.match(await site.page.locator('.pager').innerText(), /Page 1 of 2/);
    await site.page.getByRole('link', { name: 'Older →' }).click();
    await site.page.waitForURL((u) => u.pathname === '/news/page/2');
    await site.expectHeading('News');
    assert.deepEqual(
      (await site.page.locator('main article h2').allTextContents()).map((t) => t.trim()),
      ['Undated notice'],
    );
    await site.page.getByRole('link', { name: '← Newer' }).click();
    await site.page.waitForURL((u) => u.search === '');
    assert.match(await site.page.locator('.pager').innerText(), /Page 1 of 2/);

    // Two filters at once: combined from each term's positions in the list.
    await site.goto('/news?country=norway&field=fisheries');
    assert.match(await site.page.locator('.results-summary').innerText(), /^1 article filed under /);
    assert.deepEqual(
      (await site.page.locator('main article h2').allTextContents()).map((t) => t.trim()),
      ['River survey begins'],
    );
    await site.goto('/news?country=norway&structure=tromso-station');
    assert.deepEqual(
      (await site.page.locator('main article h2').allTextContents()).map((t) => t.trim()),
      ['Tide gauges installed in Vestfjord'],
    );
    await site.goto('/news?country=iceland&field=fisheries');
    assert.equal(await site.page.getByText('No news matches these filters.').count(), 1);

    await site.goto('/news/river-survey-begins');
    const article = site.page.locator('main article');
    assert.equal((await article.locator('time').textContent()).trim(), '2 March 2026');
    assert.equal(await article.getByText('Issued on').count(), 1);
    assert.equal((await article.locator('.article-body h2').textContent()).trim(), 'Where');
    assert.deepEqual(await article.locator('.article-body ul li').allTextContents(), ['Alta', 'Tana']);
    assert.equal((await article.locator('figcaption').textContent()).trim(), 'Survey lead');

    await site.goto('/countries/iceland');
    assert.equal(await site.heading(), 'Iceland');
    assert.deepEqual(await site.breadcrumbSteps(), ['Home', 'Members', 'Iceland']);
    await site.goto('/structures');
    assert.equal(await site.heading(), 'Organization');
    await site.page.close();
  });

  test('markup in content is shown as text, never run', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const site = JSON.parse(readFileSync(`${ROOT}tests/fixtures/other-org/site.json`, 'utf8'));
    site.site.title = hostile;
    site.taxonomies.countries.terms[0].note = hostile;
    const news = {
      articles: [{ slug: 'x', title: hostile, lead: hostile, body: [{ type: 'paragraph', text: hostile }] }],
    };
    env.server.overlays.set('/data/', publish({ site, news }));
    const page = await env.open('/');
    assert.equal(await page.heading(), hostile);
    await page.goto('/news/x');
    assert.equal(await page.heading(), hostile);
    assert.equal((await page.page.locator('.lead').textContent()), hostile);
    await page.goto('/countries/norway');
    assert.equal(await page.page.locator('.term-note').textContent(), hostile);
    assert.equal(await page.page.locator('main img, main script').count(), 0);
    assert.equal(await page.page.evaluate(() => window.__pwned), undefined);
    await page.page.close();
  });
});
