// Pages, routing and content of the built app against the bundled data.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useSite } from './support/fixture.mjs';
import { loadContent, titleOf } from './support/site.mjs';

// Faults are injected at the server, so no service worker answers instead.
const env = useSite({ serviceWorkers: 'block' });
const { site: siteData, news } = loadContent();
const seedArticle = news.articles[0];
const siteName = siteData.site.name;

function menuLinks(nodes, out = []) {
  for (const node of nodes) {
    if (node.link) out.push(node);
    menuLinks(node.children ?? [], out);
  }
  return out;
}

function hrefOf(link) {
  const segment = { fields: 'fields', meetings: 'meetings', topics: 'our-work', countries: 'countries', partners: 'partners', structures: 'structures' }[link.kind];
  return link.slug ? `/${segment}/${link.slug}` : `/${segment}`;
}

describe('pages', () => {
  test('home shows the latest news and a way into each section', async () => {
    const site = await env.open('/');
    assert.equal(await site.heading(), siteData.site.title);
    assert.equal(await site.page.title(), siteName);
    const latest = site.page.getByRole('region', { name: 'Latest news' });
    assert.equal(await latest.getByRole('link', { name: seedArticle.title }).count(), 1);
    const explore = site.page.getByRole('region', { name: 'Explore' });
    for (const name of ['Our work', 'Countries', 'Structures and institutions']) {
      assert.equal(await explore.getByRole('heading', { name }).count(), 1, name);
    }
    assert.equal(await explore.getByRole('link', { name: 'Fields of work' }).count(), 1, 'duplicates are shown once');
    await site.follow('Fields of work');
    assert.equal(new URL(site.page.url()).pathname, '/fields');
    await site.page.close();
  });

  test('every menu entry opens its page with its h1, document title and breadcrumb', async () => {
    const site = await env.open('/');
    // Panels are built when first opened; once built they stay.
    for (const button of await site.nav().locator('.menu-button').all()) await button.click();
    const seen = new Set();
    for (const node of menuLinks(siteData.menu)) {
      const href = hrefOf(node.link);
      if (seen.has(href)) continue;
      seen.add(href);
      const title = titleOf(siteData, node.link);
      // In-app navigation through the menu's own link, as a reader would.
      const clicked = await site.page.evaluate((h) => {
        const a = [...document.querySelectorAll('nav[aria-label=Main] a')].find((x) => x.getAttribute('href') === h);
        a?.click();
        return Boolean(a);
      }, href);
      assert.ok(clicked, `the menu links to ${href}`);
      await site.expectHeading(title);
      assert.equal(new URL(site.page.url()).pathname, href);
      assert.equal(await site.page.title(), `${title} – ${siteName}`, `document title of ${href}`);
      const steps = await site.breadcrumbSteps();
      assert.equal(steps[0], 'Home', `breadcrumb of ${href}`);
      assert.equal(steps.at(-1), title);
      const news = site.page.getByRole('region', { name: 'News' });
      assert.equal(await news.count(), 1, `${href} has a news section`);
    }
    assert.ok(seen.size > 120, `visited ${seen.size} pages`);
    await site.page.close();
  });

  test('a group page lists its sub-entries; Finland carries its note', async () => {
    const site = await env.open('/structures/secretariat');
    const sub = site.page.getByRole('region', { name: 'In this section' });
    assert.equal(await sub.getByRole('link').count(), 12);
    assert.deepEqual(await site.breadcrumbSteps(), ['Home', 'Structures and institutions', 'Secretariat']);
    await site.goto('/countries/finland');
    assert.equal(await site.heading(), 'Finland');
    assert.equal((await site.page.locator('.term-note').textContent()).trim(), 'OSCE Chairpersonship 2025');
    assert.equal(await site.page.getByText('No news yet.').count(), 1);
    await site.goto('/countries');
    assert.equal(await site.heading(), 'Countries');
    assert.equal(await site.page.locator('main').getByRole('link', { name: 'Türkiye' }).count(), 1);
    await site.page.close();
  });

  test('the article page shows title, lead once, issuers and body', async () => {
    const site = await env.open(`/news/${seedArticle.slug}`);
    assert.equal(await site.heading(), seedArticle.title);
    assert.equal(await site.page.title(), `${seedArticle.title} – ${siteName}`);
    const main = site.page.locator('main');
    const text = await main.innerText();
    assert.equal(text.split(seedArticle.lead).length - 1, 1, 'the lead appears once');
    assert.equal(await main.getByText('Issued on').count(), 0, 'no date, no label');
    assert.equal(await main.getByText('Issued by').count(), 1);
    const secretariat = main.getByRole('link', { name: 'OSCE Secretariat', exact: true });
    assert.equal(await secretariat.getAttribute('href'), '/structures/secretariat');
    const tntd = main.locator('.article-meta').getByRole('link', { name: 'Transnational Threats Department' });
    assert.equal(await tntd.getAttribute('href'), '/structures/transnational-threats-department');
    const paragraphs = (await main.locator('.article-body p').allTextContents()).map((p) => p.trim());
    const body = seedArticle.body.map((b) => b.text);
    assert.deepEqual(paragraphs, body.slice(1), 'body after the lead, every paragraph');
    assert.ok(text.includes('Lejla Čopelj'));
    const tags = site.page.locator('.article-tags');
    for (const name of ['Countering terrorism', 'Bosnia and Herzegovina', 'Mission to Bosnia and Herzegovina']) {
      assert.equal(await tags.getByRole('link', { name, exact: true }).count(), 1, name);
    }
    assert.deepEqual(await site.breadcrumbSteps(), ['Home', 'News', seedArticle.title]);
    await site.page.close();
  });

  test('the seed article is listed on its four tagged pages', async () => {
    const site = await env.open('/');
    for (const path of [
      '/fields/countering-terrorism',
      '/countries/bosnia-and-herzegovina',
      '/structures/transnational-threats-department',
      '/structures/mission-to-bosnia-and-herzegovina',
    ]) {
      await site.goto(path);
      const news = site.page.getByRole('region', { name: 'News' });
      assert.equal(await news.getByRole('link', { name: seedArticle.title }).count(), 1, path);
    }
    await site.page.close();
  });

  test('the news list filters by query parameters', async () => {
    const site = await env.open('/news?field=countering-terrorism&country=bosnia-and-herzegovina');
    assert.equal(await site.heading(), 'News');
    assert.equal(await site.page.getByRole('link', { name: seedArticle.title }).count(), 1);
    assert.match(await site.page.locator('.results-summary').textContent(), /1 article filed under Countering terrorism and Bosnia and Herzegovina/);
    assert.equal(await site.page.getByLabel('Fields of work').inputValue(), 'countering-terrorism');

    await site.goto('/news?field=arms-control');
    assert.equal(await site.page.getByText('No news matches these filters.').count(), 1);

    await site.goto('/news?country=atlantis');
    assert.match(await site.page.locator('.notice').textContent(), /Countries has no entry “atlantis”/);

    await site.goto('/news?page=zero');
    assert.match(await site.page.locator('.notice').textContent(), /“zero” is not a page number/);

    // The filter form navigates to the filtered URL.
    await site.goto('/news');
    await site.page.getByLabel('Countries').selectOption('bosnia-and-herzegovina');
    await site.page.getByRole('button', { name: 'Apply filters' }).click();
    await site.page.waitForURL((u) => u.pathname === '/countries/bosnia-and-herzegovina/news');
    // A term's list is a route of its own: its page loads anew.
    await site.ready();
    assert.equal(await site.page.getByLabel('Countries').inputValue(), 'bosnia-and-herzegovina');
    assert.equal(await site.page.getByRole('link', { name: seedArticle.title }).count(), 1);
    await site.page.close();
  });

  test('unknown paths and slugs show not found inside the layout', async () => {
    const site = await env.open('/no/such/page');
    assert.equal(await site.heading(), 'Page not found');
    assert.match(await site.page.locator('main').innerText(), /There is no page at \/no\/such\/page/);
    assert.equal(await site.nav().count(), 1, 'the menu is still there');
    assert.equal(await site.page.title(), `Page not found – ${siteName}`);
    await site.goto('/news/no-such-article');
    assert.equal(await site.heading(), 'Page not found');
    assert.match(await site.page.locator('main').innerText(), /no article “no-such-article”/);
    await site.goto('/countries/atlantis');
    assert.equal(await site.heading(), 'Page not found');
    await site.follow('Go to the home page');
    assert.equal(await site.heading(), siteData.site.title);
    await site.page.close();
  });

  test('back and forward move between pages', async () => {
    const site = await env.open('/');
    await site.follow(seedArticle.title);
    await site.follow('Countering terrorism');
    await site.expectHeading('Countering terrorism');
    await site.page.goBack();
    await site.expectHeading(seedArticle.title);
    await site.page.goBack();
    await site.expectHeading(siteData.site.title);
    await site.page.goForward();
    await site.expectHeading(seedArticle.title);
    await site.page.goForward();
    await site.expectHeading('Countering terrorism');
    await site.page.close();
  });

  test('a page fetches only its own data, and pages already seen never fetch again', async () => {
    const site = await env.open('/');
    env.server.requests.length = 0;
    await site.follow(seedArticle.title);
    await site.page.goBack();
    await site.expectHeading(siteData.site.title);
    await site.page.goForward();
    await site.expectHeading(seedArticle.title);
    await site.page.goBack();
    await site.expectHeading(siteData.site.title);
    const data = env.server.requests.filter((p) => p.startsWith('/data/'));
    assert.deepEqual(data, [`/data/articles/${seedArticle.slug}.json`]);
    await site.page.close();
  });

  test('a deep link survives a reload', async () => {
    const site = await env.open('/structures/mission-to-bosnia-and-herzegovina');
    await site.page.reload();
    await site.ready();
    assert.equal(await site.heading(), 'Mission to Bosnia and Herzegovina');
    await site.page.close();
  });

  test('skip link moves focus to the page heading', async () => {
    const site = await env.open('/news');
    await site.page.keyboard.press('Tab');
    assert.equal(await site.focusedText(), 'Skip to main content');
    await site.page.keyboard.press('Enter');
    assert.equal(await site.page.evaluate(() => document.activeElement.tagName), 'H1');
    await site.page.close();
  });
});

describe('content loading failures', () => {
  test('a server error names the file and Retry recovers', async () => {
    env.allowed = [/status of 500/];
    env.server.faults.set('/data/site.json', (req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    });
    const site = await env.open('/news');
    assert.equal(await site.heading(), 'Content could not be loaded');
    const alert = site.page.getByRole('alert');
    assert.match(await alert.innerText(), /Could not download data\/site\.json: the server answered 500/);
    env.server.faults.clear();
    await site.page.getByRole('button', { name: 'Retry' }).click();
    await site.expectHeading('News');
    assert.equal(await site.nav().count(), 1);
    await site.page.close();
  });

  test('malformed JSON names the file and what is wrong', async () => {
    env.server.faults.set('/data/site.json', (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"site": {"name": 1}}');
    });
    const site = await env.open('/');
    assert.equal(await site.heading(), 'Content could not be loaded');
    assert.match(await site.page.getByRole('alert').innerText(), /data\/site\.json is not valid content: invalid type/);
    assert.equal(await site.page.getByRole('button', { name: 'Retry' }).count(), 1);
    await site.page.close();
  });

  test('a broken article file fails only that page, and Retry fetches it again', async () => {
    const file = `/data/articles/${seedArticle.slug}.json`;
    env.server.faults.set(file, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"title": ');
    });
    const site = await env.open(`/news/${seedArticle.slug}`);
    assert.equal(await site.heading(), 'Article could not be loaded');
    assert.match(await site.page.getByRole('alert').innerText(), new RegExp(`data/articles/${seedArticle.slug}\\.json is not valid content`));
    assert.equal(await site.nav().count(), 1, 'the rest of the site still works');
    env.server.faults.clear();
    await site.page.getByRole('button', { name: 'Retry' }).click();
    await site.expectHeading(seedArticle.title);
    await site.page.close();
  });

  test('a host that never answers gets a timeout naming the file, and Retry recovers', { timeout: 60_000 }, async () => {
    const file = `/data/articles/${seedArticle.slug}.json`;
    const hanging = [];
    env.server.faults.set(file, (req, res) => {
      hanging.push(res);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"title": "');
      // ...and nothing more, ever.
    });
    env.allowed = [/Failed to load resource/];
    const site = await env.open(null);
    await site.page.goto(env.server.url(file.replace('/data/articles/', '/news/').replace('.json', '')));
    await site.wake();
    const alert = site.page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    assert.match(await alert.innerText(), new RegExp(`Could not download data/articles/${seedArticle.slug}\\.json: .*no complete answer within 15 seconds`));
    assert.equal(await site.heading(), 'Article could not be loaded');
    for (const res of hanging) res.destroy();
    env.server.faults.clear();
    await site.page.getByRole('button', { name: 'Retry' }).click();
    await site.expectHeading(seedArticle.title);
    await site.page.close();
  });

  test('a response cut off mid-way and a file too large are named, not shown half', async () => {
    const file = `/data/articles/${seedArticle.slug}.json`;
    env.server.faults.set(file, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 5000 });
      res.write('{"title": "A beginning');
      setTimeout(() => res.destroy(), 50);
    });
    env.allowed = [/Failed to load resource/];
    const site = await env.open(`/news/${seedArticle.slug}`);
    assert.equal(await site.heading(), 'Article could not be loaded');
    assert.match(await site.page.getByRole('alert').innerText(), new RegExp(`data/articles/${seedArticle.slug}\\.json`));
    assert.equal(await site.page.getByText('A beginning').count(), 0);

    env.server.faults.set('/data/news/page-1.json', (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 80 << 20 });
      const chunk = Buffer.alloc(1 << 20, 32);
      let sent = 0;
      const more = () => {
        while (sent < 80 && res.write(chunk)) sent += 1;
        if (sent < 80) res.once('drain', () => { sent += 1; more(); });
        else res.end();
      };
      res.on('error', () => {});
      more();
    });
    await site.goto('/news');
    assert.match(await site.page.getByRole('alert').innerText(), /data\/news\/page-1\.json is not valid content: it is 80 MB, more than the 64 MB a file may be/);
    assert.equal(await site.nav().count(), 1, 'the rest of the site still works');
    await site.page.close();
  });

  test('a failed news list keeps the page and names the file', async () => {
    env.allowed = [/status of 503/];
    env.server.faults.set('/data/news/page-1.json', (req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('busy');
    });
    const site = await env.open('/');
    assert.equal(await site.heading(), siteData.site.title);
    assert.match(await site.page.getByRole('alert').innerText(), /Could not download data\/news\/page-1\.json: the server answered 503/);
    env.server.faults.clear();
    await site.page.getByRole('button', { name: 'Retry' }).click();
    await site.page.getByRole('link', { name: seedArticle.title, exact: true }).waitFor();
    assert.equal(await site.page.getByRole('alert').count(), 0);
    await site.page.close();
  });
});

describe('a crash', () => {
  for (const [how, raise] of [
    ['a panic the app announces', () => dispatchEvent(new Event('newsroom:crashed'))],
    ['a wasm trap', () => dispatchEvent(new ErrorEvent('error', { error: new WebAssembly.RuntimeError('unreachable') }))],
  ]) {
    test(`after ${how}, the page says something went wrong and Reload brings it back`, async () => {
      const site = await env.open('/news');
      await site.page.evaluate(raise);
      const screen = site.page.getByRole('alertdialog', { name: 'Something went wrong' });
      await screen.waitFor();
      assert.equal(await site.focusedText(), 'Reload', 'focus moves to Reload');
      assert.equal(await site.page.locator('main').evaluate((m) => m.closest('[inert]') !== null), true, 'the stopped page is inert');
      await Promise.all([site.page.waitForEvent('load'), screen.getByRole('button', { name: 'Reload' }).click()]);
      await site.ready();
      assert.equal(await site.heading(), 'News');
      assert.equal(await screen.count(), 0);
      await site.page.close();
    });
  }
});
