// Load performance of the built app at scale, in headless Chromium: for the
// bundled content and generated archives of 10,000 and 50,000 articles,
// the bytes transferred (compressed) by the first load of home and of an
// article, the time from navigation start to the article's h1 painted
// (cold) next to the same article as a plain static HTML file (the floor),
// the same once the service worker has saved the site (warm: a new tab
// after one visit), an in-app navigation between two articles, and JS heap
// plus wasm memory after visiting 50 pages. Prints one table. Cold loads run
// in a browser that refuses service workers, so none answers for the
// network. What the app's start costs the main thread on an article (it
// starts at the reader's first move there), at 4x CPU. Then Lighthouse 12 (mobile preset: simulated slow 4G, 4x CPU)
// on an article, the home page, a term page and the static floor of the
// same article, in the same run: performance, SEO, FCP, LCP, TBT, CLS and
// the LCP ratio to the floor, and what the article's first paint needs (its
// HTML and CSS, compressed) against the budgets of issue 15.
//
// Usage (see the README): node tests/bench/load.mjs [bundled] [10k] [50k]
// Serves `dist/` (trunk build --release first). Archives are generated into
// target/corpus-10k and target/corpus-50k when missing, then published with
// the build's own tool and served in place of the build's data, with a
// service worker and precache list written for them by the build's script
// (default offline budget).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_ARGS, launch } from '../browser/support/browser.mjs';
import { startServer } from '../browser/support/server.mjs';
import { DIST, ROOT, gzipTree, prerendered, publish } from '../browser/support/site.mjs';

const ALL_SETS = [
  ['bundled', null],
  ['10k', 10_000],
  ['50k', 50_000],
];
// `node tests/bench/load.mjs 10k` runs one set; no argument, all of them.
const SETS = ALL_SETS.filter(([name]) => process.argv.length <= 2 || process.argv.slice(2).includes(name));
const COLD_RUNS = 5;
const PAGES_VISITED = 50;

/** A set's published data (null: the build's own), the articles of its
 * news list in order (as many as the benchmark visits), and a static HTML
 * copy of the newest article, the floor. */
function prepare(n) {
  let data = null;
  if (n !== null) {
    const content = join(ROOT, 'target', `corpus-${n / 1000}k`);
    if (!existsSync(join(content, 'news.json'))) {
      execFileSync('cargo', ['run', '--quiet', '--locked', '--profile', 'bench', '-p', 'newsroom-corpus', '--', String(n), content], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
    data = publish(content, { profile: 'bench' });
    gzipTree(data);
  }
  const published = data ?? join(DIST, 'data');
  const read = (path) => JSON.parse(readFileSync(join(published, path), 'utf8'));
  const listed = [];
  for (let page = 1; listed.length < PAGES_VISITED && existsSync(join(published, `news/page-${page}.json`)); page++) {
    listed.push(...read(`news/page-${page}.json`).items);
  }
  const a = read(`articles/${listed[0].slug}.json`);
  const css = readFileSync(join(DIST, 'index.html'), 'utf8').match(/href="?\/?([^" >]*main-[^" >]*\.css)/)?.[1];
  const escape = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const statics = mkdtempSync(join(tmpdir(), 'newsroom-static-'));
  const page =
    `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escape(a.title)}</title>${css ? `<link rel="stylesheet" href="/${css}">` : ''}` +
    `<main><article class="article"><h1 elementtiming="page-title">${escape(a.title)}</h1><p class="lead">${escape(a.lead)}</p>` +
    a.body.map((block) => `<p>${escape(block.text ?? (block.items ?? []).join(' '))}</p>`).join('') +
    `</article></main></html>`;
  writeFileSync(join(statics, 'article.html'), page);
  writeFileSync(join(statics, 'article.html.gz'), gzipSync(page, { level: 9 }));
  return { data, statics, articles: listed };
}

const PROBE = `
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  window.__paints = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__paints.push({ id: e.identifier, t: e.renderTime || e.loadTime, text: e.element?.textContent ?? '' });
  }).observe({ type: 'element', buffered: true });
`;

/** Opens `path` in a fresh page with an empty cache; returns the bytes
 * transferred and, given the title it shows, when its h1 was painted. */
async function coldLoad(browser, server, path, expectTitle) {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  await page.addInitScript(PROBE);
  await page.goto(server.url(path));
  await page.locator('h1').first().waitFor({ timeout: 120_000 });
  // Let late requests of the first load (data) finish.
  await page.waitForLoadState('networkidle');
  let paint = null;
  if (expectTitle) {
    await page.waitForFunction(() => window.__paints.length > 0, null, { timeout: 120_000 });
    paint = await page.evaluate(() => window.__paints[0]);
    // A prerendered h1 the app has since replaced has no element any more:
    // its identifier still names the article's title.
    const ours = paint.text.includes(expectTitle) || (paint.text === '' && paint.id === 'page-title');
    if (!ours) throw new Error(`painted ${paint.text}, not ${expectTitle}`);
  }
  await page.close();
  return { bytes, paint: paint?.t };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const ms = (x) => `${x.toFixed(0)} ms`;

/** A term page with news: the first country with any. */
function firstTerm(data) {
  const dir = join(data, 'news', 'countries');
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && JSON.parse(readFileSync(join(dir, entry.name, 'page-1.json'), 'utf8')).total > 0) {
      return `/countries/${entry.name}`;
    }
  }
  return '/countries';
}

/** What the app's start costs the main thread on a prerendered page, at
 * 4x CPU as Lighthouse's mobile preset: from the reader's first move
 * (which starts it) until the network and the page are quiet. Returns the
 * median busy time and the median of the long tasks' time over 50 ms. */
async function startCost(browser, server, path) {
  const busy = [];
  const blocking = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      window.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(server.url(path));
    await page.waitForLoadState('networkidle');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    const woken = await page.evaluate(() => performance.now());
    await page.mouse.move(5, 5);
    await page.locator('body > [data-prerendered]').waitFor({ state: 'detached', timeout: 120_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(2000);
    const { profile } = await cdp.send('Profiler.stop');
    const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
    busy.push(profile.samples.reduce((sum, id, k) => sum + (idle.has(id) ? 0 : profile.timeDeltas[k] / 1000), 0));
    const long = await page.evaluate(() => window.__long);
    blocking.push(long.filter((t) => t.start >= woken).reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0));
    await page.close();
  }
  return { busy: median(busy), blocking: median(blocking) };
}

/** Lighthouse (mobile preset) on each page, one Chromium per run. */
async function audit(server, root, pages) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const out = {};
  for (const [key, path] of Object.entries(pages)) {
    const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium', chromeFlags: [...CHROMIUM_ARGS, '--headless'] });
    try {
      const { lhr } = await lighthouse(server.url(path), { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'seo'] });
      const value = (id) => lhr.audits[id]?.numericValue ?? NaN;
      out[key] = {
        performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
        seo: Math.round((lhr.categories.seo.score ?? 0) * 100),
        fcp: value('first-contentful-paint'),
        lcp: value('largest-contentful-paint'),
        tbt: value('total-blocking-time'),
        cls: value('cumulative-layout-shift'),
      };
    } finally {
      await chrome.kill();
    }
  }
  // What the article's first paint needs: its HTML and the CSS, gzip -9.
  const html = readFileSync(join(root, pages.article.slice(1), 'index.html'));
  const css = readdirSync(root).find((f) => /^main-[0-9a-f]+\.css$/.test(f));
  out.firstPaintBytes = gzipSync(html, { level: 9 }).length + (css ? gzipSync(readFileSync(join(root, css)), { level: 9 }).length : 0);
  return out;
}

const audits = [];
const rows = [];
for (const [name, n] of SETS) {
  const set = prepare(n);
  // Every page prerendered from the set's own data, as the build does.
  const root = set.data ? prerendered(set.data) : DIST;
  if (set.data) gzipTree(root);
  const server = await startServer({ root, mode: '404' });
  server.overlays.set('/static/', set.statics);
  const browser = await launch({ serviceWorkers: 'block' });
  const warmBrowser = await launch();
  try {
    const { articles } = set;
    const title = articles[0].title;
    const firstSlug = articles[0].slug;
    const home = await coldLoad(browser, server, '/', null);
    const cold = [];
    const floor = [];
    let articleBytes = 0;
    for (let i = 0; i < COLD_RUNS; i++) {
      const app = await coldLoad(browser, server, `/news/${firstSlug}`, title);
      articleBytes = app.bytes;
      cold.push(app.paint);
      floor.push((await coldLoad(browser, server, '/static/article.html', title)).paint);
    }
    // Warm: one visit lets the service worker save the site, then new tabs.
    const visitor = await warmBrowser.newPage();
    await visitor.goto(server.url('/'));
    await visitor.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 600_000 });
    const warm = [];
    for (let i = 0; i < COLD_RUNS; i++) warm.push((await coldLoad(warmBrowser, server, `/news/${firstSlug}`, title)).paint);
    await visitor.close();
    // In-app: from the first article to the second, then through 50 pages.
    const page = await browser.newPage();
    await page.addInitScript(PROBE);
    await page.goto(server.url(`/news/${firstSlug}`));
    await page.waitForFunction(() => window.__paints.length > 0, null, { timeout: 120_000 });
    // The reader starts using the page: the app starts and takes it over.
    await page.mouse.move(5, 5);
    await page.locator('body > [data-prerendered]').waitFor({ state: 'detached', timeout: 120_000 });
    // Click an in-app link; done when the h1 shows the target's title and
    // the next frame has been painted.
    const visit = (href, title) =>
      page.evaluate(
        async ({ href, title }) => {
          const a = document.createElement('a');
          a.href = href;
          document.body.append(a);
          const start = performance.now();
          a.click();
          a.remove();
          const deadline = start + 10_000;
          while (document.querySelector('main h1')?.textContent !== title) {
            if (performance.now() > deadline) return NaN;
            await new Promise((ok) => setTimeout(ok, 0));
          }
          await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
          return performance.now() - start;
        },
        { href, title },
      );
    const nav = [];
    const [first, second] = articles;
    for (let i = 0; second && i < 5; i++) {
      const to = i % 2 ? first : second;
      nav.push(await visit(server.url(`/news/${to.slug}`), to.title));
    }
    for (const article of articles.slice(0, PAGES_VISITED)) {
      await visit(server.url(`/news/${article.slug}`), article.title);
    }
    const memory = await page.evaluate(() => ({
      heap: performance.memory?.usedJSHeapSize ?? NaN,
      wasm: window.__wasm?.memory?.buffer?.byteLength ?? NaN,
    }));
    await page.close();
    const start = await startCost(browser, server, `/news/${firstSlug}`);
    rows.push({ name, start, home: home.bytes, article: articleBytes, cold: median(cold), warm: median(warm), floor: median(floor), nav: nav.length ? median(nav) : NaN, memory: memory.heap + memory.wasm });
    const term = firstTerm(set.data ?? join(DIST, 'data'));
    audits.push({ name, ...(await audit(server, root, { article: `/news/${firstSlug}`, home: '/', term, floor: '/static/article.html' })) });
    const problems = browser.takeProblems();
    if (problems.length) console.log(`${name}: page problems:`, problems.slice(0, 5));
  } finally {
    await browser.close();
    await warmBrowser.close();
    await server.close();
    rmSync(set.statics, { recursive: true, force: true });
    if (set.data) rmSync(join(set.data, '..'), { recursive: true, force: true });
    if (set.data) rmSync(root, { recursive: true, force: true });
  }
}

console.log('| data | first load: home | first load: article | article h1 painted, cold | static HTML floor | ratio | h1 painted, service worker warm | ratio | in-app article → article | JS heap + wasm after 50 pages |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(`| ${r.name} | ${kb(r.home)} | ${kb(r.article)} | ${ms(r.cold)} | ${ms(r.floor)} | ${(r.cold / r.floor).toFixed(1)}× | ${ms(r.warm)} | ${(r.warm / r.floor).toFixed(1)}× | ${Number.isNaN(r.nav) ? 'n/a (one article)' : ms(r.nav)} | ${(r.memory / 1e6).toFixed(1)} MB |`);
}

console.log('\nThe app starting on a prerendered article (at the reader\'s first move), 4x CPU:');
console.log('| data | main thread busy | long tasks past 50 ms |');
console.log('| --- | --- | --- |');
for (const r of rows) console.log(`| ${r.name} | ${ms(r.start.busy)} | ${ms(r.start.blocking)} |`);

console.log('\nLighthouse 12, mobile preset (performance, SEO; FCP, LCP, TBT in ms; CLS), same run:');
console.log('| data | page | performance | SEO | FCP | LCP | TBT | CLS | LCP / floor |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const a of audits) {
  for (const key of ['article', 'home', 'term', 'floor']) {
    const r = a[key];
    console.log(`| ${a.name} | ${key} | ${r.performance} | ${r.seo} | ${ms(r.fcp)} | ${ms(r.lcp)} | ${ms(r.tbt)} | ${r.cls.toFixed(3)} | ${(r.lcp / a.floor.lcp).toFixed(2)}× |`);
  }
  console.log(`| ${a.name} | article first paint (HTML + CSS, gzip) | ${kb(a.firstPaintBytes)} | | | | | | |`);
}
