// Deep links on the hosts the README describes: a plain static host that
// answers unknown paths with 404.html, the same under a sub-path, the
// shipped nginx config (deploy/nginx.conf) on a real nginx, and
// `trunk serve`.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { launch } from './support/browser.mjs';
import { useSite } from './support/fixture.mjs';
import { Offline } from './support/offline.mjs';
import { ResultsPage, SitePage } from './support/pages.mjs';
import { DIST, ROOT, SUBPATH_DIST } from './support/site.mjs';

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
    // Home shows the latest news: the first page of the list, nothing more
    // (and the browser reads the web app manifest).
    assert.deepEqual(timing.data.sort(), ['/data/manifest.webmanifest', '/data/news/page-1.json', '/data/site.json']);
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
    // A file of a few hundred bytes (the loader) compresses less.
    for (const s of sizes.filter((f) => f.decoded > 1024)) assert.ok(s.encoded > 0 && s.encoded < s.decoded * 0.6, `${s.name}: ${s.encoded} of ${s.decoded} bytes sent`);
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
    assert.ok(env.server.requests.includes('/newsroom/data/search/root.bin'), env.server.requests.join(' '));
    const outside = env.server.requests.filter((p) => !p.startsWith('/newsroom/'));
    assert.deepEqual(outside, [], 'every request stays under the sub-path');
    // The service worker's scope is the sub-path: deep links open offline.
    await new Offline(site).controlled();
    env.server.setDown(true);
    try {
      await site.goto('/fields/elections');
      assert.equal(await site.heading(), 'Elections');
    } finally {
      env.server.setDown(false);
    }
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

/** Status and headers of a GET, and the length of the body as sent. */
function head(url, headers = {}) {
  return new Promise((ok, fail) => {
    const req = request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (d) => { chunks.push(d); });
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        ok({ status: res.statusCode, headers: res.headers, length: body.length, body });
      });
    });
    req.on('error', fail);
    req.end();
  });
}

test('precompress writes copies only where they beat what a host makes as it sends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-precompress-'));
  const cache = mkdtempSync(join(tmpdir(), 'newsroom-precompress-cache-'));
  try {
    const text = (n) => Array.from({ length: n }, (_, i) => `<li><a href="/news/item-${i * 7919 % 100003}">Item ${i}</a></li>`).join('\n');
    const files = {
      'newsroom-0123456789abcdef.js': text(200),
      'data/search/root.bin': text(2000),
      'data/large.bin': text(40_000),
      'news/a/index.html': text(300),
      'data/articles/a.json': text(100),
    };
    for (const [path, body] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), body);
    }
    assert.ok(files['data/large.bin'].length >= 1 << 20, 'a large file');
    // Left by an older build: would be sent in the page's place.
    writeFileSync(join(dir, 'news/a/index.html.br'), 'stale');
    const run = () => execFileSync(process.execPath, [join(ROOT, 'scripts/precompress.mjs'), dir, '--cache', cache], { encoding: 'utf8' });
    run();
    const has = (path) => ['.br', '.gz'].filter((ext) => existsSync(join(dir, path + ext)));
    assert.deepEqual(has('newsroom-0123456789abcdef.js'), ['.br', '.gz']);
    assert.deepEqual(has('data/search/root.bin'), ['.br', '.gz']);
    assert.deepEqual(has('data/large.bin'), ['.br']);
    assert.deepEqual(has('news/a/index.html'), [], 'a page is left to the host, its stale copy removed');
    assert.deepEqual(has('data/articles/a.json'), []);
    const copy = readFileSync(join(dir, 'data/large.bin.br'));
    assert.equal(brotliDecompressSync(copy).toString(), files['data/large.bin']);
    // Changed bytes get a new copy; unchanged ones come from the cache.
    const changed = `${text(200)}\n<!-- changed -->`;
    writeFileSync(join(dir, 'newsroom-0123456789abcdef.js'), changed);
    for (const ext of ['.br', '.gz']) rmSync(join(dir, `data/search/root.bin${ext}`));
    const out = run();
    assert.match(out, /precompress: 4 copies written .* for 4 out of date of 5 \(2 copies from the cache/, out);
    assert.equal(brotliDecompressSync(readFileSync(join(dir, 'newsroom-0123456789abcdef.js.br'))).toString(), changed);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
});

describe('the shipped nginx config', () => {
  let nginx;
  let dir;
  let origin;
  after(() => {
    nginx?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('serves the build precompressed, with deep links, 404s for missing data and caching by hash', { timeout: 120_000 }, async () => {
    const port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'newsroom-nginx-'));
    const shipped = readFileSync(join(ROOT, 'deploy/nginx.conf'), 'utf8');
    const site = shipped.replace('listen 80;', `listen 127.0.0.1:${port};`).replace('root /var/www/newsroom;', `root ${DIST};`);
    assert.ok(site.includes(`listen 127.0.0.1:${port};`) && site.includes(`root ${DIST};`), 'the config has the listen and root lines the test replaces');
    writeFileSync(join(dir, 'site.conf'), site);
    writeFileSync(
      join(dir, 'nginx.conf'),
      `load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
       load_module /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so;
       worker_processes 1;
       pid ${dir}/nginx.pid;
       error_log ${dir}/error.log;
       events {}
       http { include /etc/nginx/mime.types; access_log off; include ${dir}/site.conf; }`,
    );
    nginx = spawn('nginx', ['-p', dir, '-e', `${dir}/error.log`, '-c', `${dir}/nginx.conf`, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    nginx.stderr.on('data', (d) => { log += d; });
    origin = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    while (!(await head(`${origin}/`).catch(() => null))) {
      assert.ok(Date.now() < deadline && nginx.exitCode === null, `nginx did not come up:\n${log}`);
      await new Promise((ok) => setTimeout(ok, 200));
    }

    const wasm = readdirSync(DIST).find((f) => /_bg\.wasm$/.test(f) && f.startsWith('newsroom-'));
    const size = (f) => statSync(join(DIST, f)).size;
    const br = await head(`${origin}/${wasm}`, { 'accept-encoding': 'gzip, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.length, size(`${wasm}.br`));
    assert.equal(br.headers['content-type'], 'application/wasm');
    assert.match(br.headers['cache-control'], /immutable/);
    const gz = await head(`${origin}/${wasm}`, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.length, size(`${wasm}.gz`));
    assert.match(gz.headers.vary ?? '', /Accept-Encoding/i);
    const plain = await head(`${origin}/${wasm}`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.length, size(wasm));

    // Pages, feeds and data files have no copies: nginx compresses them as
    // it sends them, brotli for a browser, gzip for a gzip-only client.
    for (const [path, file] of [['/countries/turkiye', 'countries/turkiye/index.html'], ['/data/news/page-1.json', 'data/news/page-1.json'], ['/feed.xml', 'feed.xml']]) {
      assert.ok(existsSync(join(DIST, file)), `${file} is built`);
      for (const ext of ['.br', '.gz']) assert.ok(!existsSync(join(DIST, file + ext)), `${file}${ext} is not built`);
      const original = readFileSync(join(DIST, file));
      const viaBr = await head(`${origin}${path}`, { 'accept-encoding': 'gzip, br' });
      assert.equal(viaBr.status, 200, path);
      assert.equal(viaBr.headers['content-encoding'], 'br', path);
      assert.ok(brotliDecompressSync(viaBr.body).equals(original), `${path} arrives whole as brotli`);
      assert.ok(viaBr.length < original.length * 0.8, `${path}: ${viaBr.length} of ${original.length} bytes sent as brotli`);
      const viaGzip = await head(`${origin}${path}`, { 'accept-encoding': 'gzip' });
      assert.equal(viaGzip.status, 200, path);
      assert.equal(viaGzip.headers['content-encoding'], 'gzip', path);
      assert.ok(gunzipSync(viaGzip.body).equals(original), `${path} arrives whole gzipped`);
    }
    const list = await head(`${origin}/data/news/page-1.json`, { 'accept-encoding': 'br' });
    assert.equal(list.status, 200);
    assert.equal(list.headers['cache-control'], 'no-cache');
    assert.equal((await head(`${origin}/data/articles/no-such-article.json`)).status, 404);
    const worker = await head(`${origin}/sw.js`);
    assert.equal(worker.status, 200);
    assert.equal(worker.headers['cache-control'], 'no-cache');
    assert.match(worker.headers['content-type'], /javascript/);
    const manifest = await head(`${origin}/data/manifest.webmanifest`);
    assert.equal(manifest.headers['content-type'], 'application/manifest+json');
    const deep = await head(`${origin}/countries/turkiye`);
    assert.equal(deep.status, 200);
    // Every page is a file; any other path is the not-found page, as a 404.
    const missing = await head(`${origin}/no/such/page`);
    assert.equal(missing.status, 404);
    assert.match(missing.headers['content-type'], /text\/html/);
    assert.equal(deep.headers['cache-control'], 'no-cache');
    const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'";
    assert.equal(deep.headers['content-security-policy'], `${csp}; frame-ancestors 'self'`, 'strict, and site pages are not framed by other sites');
    const embed = await head(`${origin}/embed/news?limit=3`);
    assert.equal(embed.status, 200);
    assert.equal(embed.headers['content-security-policy'], `${csp}; frame-ancestors *`, 'embeds may be framed anywhere');

    const browser = await launch();
    try {
      const page = new SitePage(await browser.newPage(), { url: (p) => `${origin}${p}` });
      await page.goto('/countries/turkiye');
      assert.equal(await page.heading(), 'Türkiye');
      await page.page.reload();
      await page.ready();
      assert.equal(await page.heading(), 'Türkiye');
      await page.goto('/news/no-such-article');
      assert.equal(await page.heading(), 'Page not found');
      // Every page type under the shipped CSP: any violation is an error.
      const newest = JSON.parse(readFileSync(join(DIST, 'data/news/page-1.json'), 'utf8')).items[0];
      for (const path of ['/', '/news', `/news/${newest.slug}`, '/fields', '/search?q=election', '/offline', '/embed', `/embed/news/${newest.slug}`, '/embed/news?limit=3', '/embed/search?q=election', '/no/such/page']) {
        await page.goto(path);
      }
      await page.goto('/search?q=election');
      await new ResultsPage(page).titles();
      const problems = browser.takeProblems().filter((p) => !/status of 404/.test(p));
      assert.deepEqual(problems, []);

      // With nginx gone, the service worker it installed serves the site.
      await new Offline(page).controlled();
      nginx.kill();
      await new Promise((ok) => (nginx.exitCode !== null ? ok() : nginx.once('exit', ok)));
      await page.goto('/fields/elections');
      assert.equal(await page.heading(), 'Elections');
    } finally {
      await browser.close();
    }
  });
});

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
