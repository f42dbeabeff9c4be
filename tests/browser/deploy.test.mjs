// Deep links on the hosts the README describes: a plain static host that
// answers unknown paths with 404.html, the same under a sub-path, and
// `trunk serve`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { after, describe, test } from 'node:test';
import { launch } from './support/browser.mjs';
import { useSite } from './support/fixture.mjs';
import { ResultsPage, SitePage } from './support/pages.mjs';
import { ROOT, SUBPATH_DIST } from './support/site.mjs';

describe('plain static host with 404.html', () => {
  const env = useSite({ mode: '404' });
  test('deep links and reloads open the right page', async () => {
    env.allowed = [/status of 404/];
    const site = await env.open('/countries/turkiye');
    assert.equal(await site.heading(), 'Türkiye');
    await site.page.reload();
    await site.ready();
    assert.equal(await site.heading(), 'Türkiye');
    await site.goto('/no/such/page');
    assert.equal(await site.heading(), 'Page not found');
    await site.page.close();
  });

  test('the site file downloads alongside the wasm, and a page fetches only what it shows', async () => {
    const site = await env.open('/');
    const timing = await site.page.evaluate(() => {
      const entries = performance.getEntriesByType('resource');
      const find = (re) => entries.filter((e) => re.test(new URL(e.name).pathname));
      return {
        wasm: find(/_bg\.wasm$/).map((e) => e.responseEnd),
        site: find(/\/data\/site\.json$/).map((e) => ({ start: e.startTime, initiator: e.initiatorType })),
        data: find(/\/data\//).map((e) => new URL(e.name).pathname),
      };
    });
    assert.equal(timing.wasm.length, 1, JSON.stringify(timing));
    assert.equal(timing.site.length, 1, `the site file is fetched once: ${JSON.stringify(timing)}`);
    assert.equal(timing.site[0].initiator, 'link', JSON.stringify(timing));
    assert.ok(timing.site[0].start < timing.wasm[0], `site.json requested at ${timing.site[0].start} ms, wasm done at ${timing.wasm[0]} ms`);
    // Home shows the latest news: the first page of the list, nothing more.
    assert.deepEqual(timing.data.sort(), ['/data/news/page-1.json', '/data/site.json']);
    await site.page.close();
  });

  test('the app files arrive precompressed', async () => {
    const site = await env.open('/');
    const sizes = await site.page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => /\.(wasm|js|css)$/.test(new URL(e.name).pathname))
        .map((e) => ({ name: new URL(e.name).pathname, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
    );
    assert.ok(sizes.some((s) => s.name.endsWith('_bg.wasm')), JSON.stringify(sizes));
    for (const s of sizes) assert.ok(s.encoded > 0 && s.encoded < s.decoded * 0.6, `${s.name}: ${s.encoded} of ${s.decoded} bytes sent`);
    await site.page.close();
  });
});

describe('deployed under a sub-path', () => {
  const env = useSite({ mode: '404', root: SUBPATH_DIST, base: '/newsroom/' });
  test('links, data and deep links stay under the sub-path', async () => {
    env.allowed = [/status of 404/];
    const site = await env.open('/countries/turkiye');
    assert.equal(await site.heading(), 'Türkiye');
    const hrefs = await site.breadcrumb().getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(hrefs, ['/newsroom/', '/newsroom/countries']);
    await site.breadcrumb().getByRole('link', { name: 'Countries' }).click();
    await site.expectHeading('Countries');
    assert.equal(new URL(site.page.url()).pathname, '/newsroom/countries');
    await site.page.reload();
    await site.ready();
    assert.equal(await site.heading(), 'Countries');
    // Search runs in a worker that fetches the index under the sub-path too.
    await site.goto('/search?q=turkiye');
    const results = new ResultsPage(site);
    assert.equal((await results.titles())[0], 'Türkiye');
    assert.equal(await site.page.locator('.search-result-title a').first().getAttribute('href'), '/newsroom/countries/turkiye');
    assert.ok(env.server.requests.includes('/newsroom/data/search-index.bin'), env.server.requests.join(' '));
    const outside = env.server.requests.filter((p) => !p.startsWith('/newsroom/'));
    assert.deepEqual(outside, [], 'every request stays under the sub-path');
    await site.page.close();
  });
});

async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

describe('trunk serve', () => {
  let trunk;
  after(() => trunk?.kill());
  test('answers a deep link with the app, also after a reload', { timeout: 300_000 }, async () => {
    const port = await freePort();
    trunk = spawn('trunk', ['serve', '--release', '--port', String(port), '--dist', 'target/dist-serve', '--no-autoreload'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    trunk.stderr.on('data', (d) => { log += d; });
    const origin = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 280_000;
    for (;;) {
      const res = await fetch(`${origin}/fields/elections`).catch(() => null);
      if (res?.ok) break;
      assert.ok(Date.now() < deadline, `trunk serve did not come up:\n${log}`);
      await new Promise((ok) => setTimeout(ok, 500));
    }
    const browser = await launch();
    try {
      const site = new SitePage(await browser.newPage(), { url: (p) => `${origin}${p}` });
      await site.goto('/fields/elections');
      assert.equal(await site.heading(), 'Elections');
      await site.page.reload();
      await site.ready();
      assert.equal(await site.heading(), 'Elections');
      assert.deepEqual(browser.takeProblems(), []);
    } finally {
      await browser.close();
    }
  });
});
