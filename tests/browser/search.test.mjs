// Site search in the browser: the header box with suggestions by keyboard,
// the results page with snippets, facets and URL state, and odd queries.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { useSite } from './support/fixture.mjs';
import { ResultsPage, SearchBox } from './support/pages.mjs';
import { DIST, loadContent } from './support/site.mjs';

// Faults are injected at the server, so no service worker answers instead.
const env = useSite({ serviceWorkers: 'block' });
const article = loadContent().news.articles[0];

describe('search box', () => {
  test('loads the index only when needed; / focuses the box', async () => {
    const site = await env.open('/');
    const box = new SearchBox(site);
    assert.equal(env.server.requests.some((p) => p.endsWith('search/root.bin')), false, 'not fetched for the first paint');
    await site.page.keyboard.press('/');
    assert.equal(await box.input.evaluate((el) => el === document.activeElement), true);
    await box.input.pressSequentially('x');
    for (let i = 0; !env.server.requests.some((p) => p.endsWith('search/root.bin')); i++) {
      assert.ok(i < 100, 'focusing the box fetches the index');
      await new Promise((ok) => setTimeout(ok, 50));
    }
    // Typing "/" in the box types it, it does not jump.
    await box.input.press('/');
    assert.equal(await box.input.inputValue(), 'x/');
    await site.page.close();
  });

  test('suggests as you type and picks by arrow keys', async () => {
    const site = await env.open('/');
    const box = new SearchBox(site);
    await box.input.focus();
    await box.input.pressSequentially('mission to s');
    await site.page.waitForFunction(() => document.querySelectorAll('#site-search-listbox [role=option]').length > 2);
    let texts = await box.optionTexts();
    assert.ok(texts.some((t) => t.startsWith('Mission to Serbia')), texts.join(' | '));
    assert.ok(texts.some((t) => t.startsWith('Mission to Skopje')), texts.join(' | '));
    await box.input.pressSequentially('e');
    await site.page.waitForFunction(() => ![...document.querySelectorAll('#site-search-listbox [role=option]')].some((o) => o.textContent.includes('Skopje')));
    texts = await box.optionTexts();
    assert.ok(texts[0].startsWith('Mission to Serbia'), 'each keystroke narrows the suggestions');
    assert.match(await site.page.locator('.site-search [role=status]').textContent(), /suggestion/);

    await box.input.press('ArrowDown');
    const first = box.options().first();
    assert.equal(await first.getAttribute('aria-selected'), 'true');
    assert.equal(await box.input.getAttribute('aria-activedescendant'), await first.getAttribute('id'));
    await box.input.press('ArrowUp');
    const last = box.options().last();
    assert.equal(await last.getAttribute('aria-selected'), 'true', 'ArrowUp wraps to the last option');
    assert.match(await last.textContent(), /All results for “mission to se”/);
    await box.input.press('ArrowDown');
    await box.input.press('Enter');
    await site.expectHeading('Mission to Serbia');
    assert.equal(new URL(site.page.url()).pathname, '/structures/mission-to-serbia');
    assert.equal(await box.input.inputValue(), '', 'the box empties after navigating');
    await site.page.close();
  });

  test('Escape closes the suggestions, then clears the box', async () => {
    const site = await env.open('/');
    const box = new SearchBox(site);
    await box.input.focus();
    await box.input.pressSequentially('copelj');
    await box.waitForOptions(2);
    assert.equal(await box.listbox.isVisible(), true);
    assert.match((await box.optionTexts())[0], /OSCE builds online/);
    await box.input.press('Escape');
    assert.equal(await box.listbox.isVisible(), false);
    await box.input.press('Escape');
    assert.equal(await box.input.inputValue(), '');
    await site.page.close();
  });
});

describe('results page', () => {
  test('Enter opens shareable results with marked snippets; back and forward step through queries', async () => {
    const site = await env.open('/');
    const box = new SearchBox(site);
    const results = new ResultsPage(site);
    await box.input.focus();
    await box.input.pressSequentially('sarajvo');
    await box.waitForOptions(2);
    await box.input.press('Enter');
    await site.page.waitForURL((u) => u.pathname === '/search');
    assert.equal(results.query(), 'sarajvo');
    assert.equal(await results.summary(), '1 result for “sarajvo”');
    assert.deepEqual(await results.titles(), [article.title]);
    assert.ok((await results.marks()).includes('Sarajevo'), 'the typo is marked where it matched');

    await site.page.getByRole('searchbox', { name: 'Search the site' }).fill('ČOPELJ');
    await site.page.getByRole('button', { name: 'Search', exact: true }).click();
    await site.page.waitForURL((u) => u.searchParams.get('q') === 'ČOPELJ');
    assert.equal(await results.summary(), '1 result for “ČOPELJ”');
    assert.deepEqual(await results.marks(), ['Čopelj']);

    await site.page.goBack();
    await site.page.waitForURL((u) => u.searchParams.get('q') === 'sarajvo');
    assert.equal(await results.summary(), '1 result for “sarajvo”');
    await site.page.goForward();
    await site.page.waitForURL((u) => u.searchParams.get('q') === 'ČOPELJ');
    assert.equal(await results.summary(), '1 result for “ČOPELJ”');
    await site.page.reload();
    assert.equal(await results.summary(), '1 result for “ČOPELJ”');
    assert.equal(await site.page.title(), 'Search: ČOPELJ – OSCE');
    await site.page.close();
  });

  test('the URL follows what is typed: one history entry per settled query, focus stays in the box', async () => {
    const site = await env.open('/search?q=sarajevo');
    const results = new ResultsPage(site);
    assert.deepEqual(await results.titles(), [article.title]);
    const input = site.page.getByRole('searchbox', { name: 'Search the site' });
    const entries = () => site.page.evaluate(() => history.length);
    const before = await entries();
    await input.click();
    await input.press('End');
    await input.press('Control+a');
    await input.pressSequentially('bosnia', { delay: 40 });
    await site.page.waitForURL((u) => u.searchParams.get('q') === 'bosnia');
    assert.ok((await results.titles()).length >= 2, 'results follow the typed query');
    assert.equal(await entries(), before + 1, 'a burst of typing adds one history entry');
    assert.equal(await site.page.evaluate(() => document.activeElement?.id), 'search-page-input');
    assert.equal(await input.inputValue(), 'bosnia');

    // A pause settles the query; typing again adds the next entry.
    await site.page.waitForTimeout(1500);
    await input.pressSequentially(' mission', { delay: 40 });
    await site.page.waitForURL((u) => u.searchParams.get('q') === 'bosnia mission');
    await results.settled();
    assert.equal(await entries(), before + 2);
    await input.press('Enter');
    assert.equal(await entries(), before + 2, 'Enter settles the typed query without a duplicate');

    await site.page.goBack();
    await site.page.waitForURL((u) => u.searchParams.get('q') === 'bosnia');
    assert.equal(await input.inputValue(), 'bosnia', 'Back puts the query back in the box');
    await results.settled();
    await site.page.goBack();
    await site.page.waitForURL((u) => u.searchParams.get('q') === 'sarajevo');
    assert.deepEqual(await results.titles(), [article.title]);
    assert.equal(await input.inputValue(), 'sarajevo');
    await site.page.close();
  });

  test('pages, prefixes, stems, acronyms and phrases', async () => {
    const site = await env.open('/search?q=turkiye');
    const results = new ResultsPage(site);
    assert.equal((await results.titles())[0], 'Türkiye');
    assert.equal(await site.page.locator('.search-result-title mark').first().textContent(), 'Türkiye');
    for (const q of ['radicaliz', 'workshops', 'VERLT', '"soft targets"', 'terorism']) {
      await site.goto(`/search?q=${encodeURIComponent(q)}`);
      assert.ok((await results.titles()).includes(article.title), q);
    }
    await site.goto(`/search?q=${encodeURIComponent('"targets soft"')}`);
    assert.match(await results.summary(), /^No results/);
    await site.page.close();
  });

  test('facets filter through the URL', async () => {
    const site = await env.open('/search?q=bosnia');
    const results = new ResultsPage(site);
    const all = await results.titles();
    assert.ok(all.length >= 2, all.join(' | '));
    const facets = site.page.getByRole('navigation', { name: 'Refine results' });
    await facets.getByRole('link', { name: /^News \(1\)$/ }).click();
    await site.page.waitForURL((u) => u.searchParams.get('type') === 'news');
    assert.deepEqual(await results.titles(), [article.title]);
    await facets.getByRole('link', { name: /^Countering terrorism/ }).click();
    await site.page.waitForURL((u) => u.searchParams.get('field') === 'countering-terrorism');
    assert.deepEqual(await results.titles(), [article.title]);
    await site.goto('/search?q=bosnia&field=elections');
    assert.match(await results.summary(), /^No results/);
    await site.goto('/search?q=bosnia&type=structures');
    assert.deepEqual(await results.titles(), ['Mission to Bosnia and Herzegovina']);
    await site.page.close();
  });

  test('no results offers a correction; odd queries give a sensible page', async () => {
    const site = await env.open('/search?q=sorojevo');
    const results = new ResultsPage(site);
    assert.equal(await results.summary(), 'No results for “sorojevo”');
    await site.page.getByRole('link', { name: 'sarajevo' }).click();
    await site.page.waitForURL((u) => u.searchParams.get('q') === 'sarajevo');
    assert.deepEqual(await results.titles(), [article.title]);

    for (const q of ['<script>window.__pwned=1</script>', '🦀🦀🦀', '?!.,;', '"', 'a'.repeat(10_000)]) {
      await site.goto(`/search?q=${encodeURIComponent(q)}`);
      assert.equal(await site.heading(), 'Search');
      await results.summary();
      assert.equal(await site.page.locator('main script').count(), 0);
    }
    assert.equal(await site.page.evaluate(() => window.__pwned), undefined);
    await site.goto('/search');
    assert.match(await site.page.locator('main').innerText(), /Type a word or a name/);
    await site.page.close();
  });

  test('a failed index load says so and retries', async () => {
    env.allowed = [/status of 503/];
    env.server.faults.set('/data/search/root.bin', (req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('busy');
    });
    const site = await env.open('/search?q=sarajevo');
    const alert = site.page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Search is unavailable: Could not download data\/search\/root\.bin: the server answered 503/);
    env.server.faults.clear();
    await site.page.getByRole('button', { name: 'Retry' }).click();
    assert.equal(await new ResultsPage(site).summary(), '1 result for “sarajevo”');
    await site.page.close();
  });

  test('a chunk of the index that fails to load is named, and Retry recovers', async () => {
    env.allowed = [/status of 503/];
    const chunk = '/data/search/terms/0.bin';
    env.server.faults.set(chunk, (req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('busy');
    });
    const site = await env.open('/search?q=sarajevo');
    const alert = site.page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Could not download data\/search\/terms\/0\.bin: the server answered 503/);
    assert.ok(env.server.requests.includes('/data/search/root.bin'), 'the root loaded first');
    env.server.faults.clear();
    await site.page.getByRole('button', { name: 'Retry' }).click();
    assert.equal(await new ResultsPage(site).summary(), '1 result for “sarajevo”');
    const all = readdirSync(join(DIST, 'data/search'), { recursive: true }).filter((f) => f.endsWith('.bin'));
    const fetched = new Set(env.server.requests.filter((p) => p.startsWith('/data/search/')));
    assert.ok(fetched.size < all.length, `only the chunks a query needs: ${fetched.size} of ${all.length}`);
    await site.page.close();
  });

  // Each way the index download can go wrong: search names the file and
  // what happened, articles keep working, and Retry recovers.
  const INDEX = '/data/search/root.bin';
  const indexFaults = [
    ['cut off mid-way', /data\/search\/root\.bin/, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': 50_000 });
      res.write(Buffer.from('NRSI'));
      setTimeout(() => res.destroy(), 50);
    }],
    ['an HTML page in its place', /data\/search\/root\.bin is not valid content/, (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Home</title><script>window.__pwned = 1</script>');
    }],
    ['bytes of the wrong shape', /data\/search\/root\.bin is not valid content/, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from('{"not": "an index"}'));
    }],
    ['too large', /data\/search\/root\.bin is not valid content: it is 80 MB, more than the 64 MB a file may be/, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': 80 << 20 });
      res.on('error', () => {});
      res.write(Buffer.alloc(1 << 16));
    }],
    ['never finished', /data\/search\/root\.bin: .*no complete answer within 15 seconds/, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(Buffer.from('NRSI'));
    }],
  ];
  for (const [what, message, fault] of indexFaults) {
    test(`an index download ${what} is named, articles still work, and Retry recovers`, { timeout: 60_000 }, async () => {
      env.allowed = [/Failed to load resource/];
      const open = [];
      env.server.faults.set(INDEX, (req, res) => {
        open.push(res);
        fault(req, res);
      });
      const site = await env.open(`/news/${article.slug}`);
      const box = new SearchBox(site);
      await box.input.fill('sarajevo');
      await site.page.getByRole('status').filter({ hasText: 'Search is unavailable' }).waitFor({ state: 'attached', timeout: 30_000 });
      assert.equal(await site.page.getByRole('heading', { level: 1 }).textContent(), article.title);

      await site.goto('/search?q=sarajevo');
      const alert = site.page.getByRole('alert');
      await alert.waitFor({ timeout: 30_000 });
      assert.match(await alert.innerText(), /Search is unavailable/);
      assert.match(await alert.innerText(), message);
      assert.equal(await site.page.evaluate(() => window.__pwned), undefined);
      for (const res of open) res.destroy();
      env.server.faults.clear();
      await site.page.getByRole('button', { name: 'Retry' }).click();
      assert.equal(await new ResultsPage(site).summary(), '1 result for “sarajevo”');
      await site.goto(`/news/${article.slug}`);
      await site.expectHeading(article.title);
      await site.page.close();
    });
  }

  for (const file of ['/search-worker-start.js', '/search-worker_bg.wasm']) {
    test(`when the search worker cannot start (${file} missing), search says so, the site works, and Retry recovers`, async () => {
      env.allowed = [/status of 404/, /search-worker/];
      env.server.faults.set(file, (req, res) => {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not here');
      });
      const site = await env.open(`/news/${article.slug}`);
      const box = new SearchBox(site);
      await box.input.fill('sarajevo');
      await site.page.getByRole('status').filter({ hasText: 'Search is unavailable' }).waitFor({ state: 'attached' });
      assert.equal(await site.page.getByRole('heading', { level: 1 }).textContent(), article.title);

      await site.goto('/search?q=sarajevo');
      const alert = site.page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.innerText(), /Search is unavailable: Could not download search-worker-start\.js: \S/);
      env.server.faults.clear();
      await site.page.getByRole('button', { name: 'Retry' }).click();
      assert.equal(await new ResultsPage(site).summary(), '1 result for “sarajevo”');
      await site.page.close();
    });
  }
});
