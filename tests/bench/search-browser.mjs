// In-browser search latency: the built app on a generated archive, in
// headless Chromium, time from a keystroke in the header search box to the
// next frame painted with the new suggestions. Prints p50/p95 per query.
//
// Usage (see the README): node tests/bench/search-browser.mjs <corpus-dir>
// where <corpus-dir> holds site.json, news.json, search-index.bin and
// search-positions.bin (newsroom-corpus, then newsroom-index).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../browser/support/browser.mjs';
import { startServer } from '../browser/support/server.mjs';
import { DIST } from '../browser/support/site.mjs';

const corpus = process.argv[2];
if (!corpus) {
  console.error('usage: node tests/bench/search-browser.mjs <corpus-dir>');
  process.exit(2);
}
const QUERIES = ['security', 'sarajevo', 'journalists', 'border security', 'terorism', 'radicalisation', 'copelj'];

const root = mkdtempSync(join(tmpdir(), 'newsroom-bench-'));
cpSync(DIST, root, { recursive: true });
for (const f of ['site.json', 'news.json', 'search-index.bin', 'search-positions.bin']) {
  cpSync(join(corpus, f), join(root, 'data', f));
}
const server = await startServer({ root });
const browser = await launch();
try {
  const page = await browser.newPage();
  page.on('crash', () => console.error('the page crashed (out of memory?)'));
  const t0 = Date.now();
  await page.goto(server.url('/'), { timeout: 120_000 });
  await page.locator('main h1').waitFor({ timeout: 120_000 });
  console.log(`app ready on the archive in ${Date.now() - t0} ms`);
  const input = page.locator('#site-search-input');
  await input.focus();
  await page.waitForFunction(() => !/Loading/.test(document.querySelector('.site-search [role=status]')?.textContent ?? 'Loading'), null, { timeout: 120_000 }).catch(() => {});
  // Type one character and wait until its suggestions are painted.
  const keystroke = (text) =>
    page.evaluate(async (text) => {
      const el = document.querySelector('#site-search-input');
      const start = performance.now();
      el.value = text;
      // The app searches and updates the DOM synchronously in its input
      // handler; then the next frame paints it.
      el.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
      return performance.now() - start;
    }, text);
  const all = [];
  console.log('| query | keystrokes | p50 | p95 | max |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const q of QUERIES) {
    const times = [];
    for (let round = 0; round < 5; round++) {
      await keystroke('');
      for (let i = 1; i <= q.length; i++) times.push(await keystroke(q.slice(0, i)));
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    const p = (x) => times[Math.min(times.length - 1, Math.round((times.length - 1) * x))].toFixed(1);
    console.log(`| ${q} | ${times.length} | ${p(0.5)} ms | ${p(0.95)} ms | ${p(1)} ms |`);
  }
  all.sort((a, b) => a - b);
  const p = (x) => all[Math.min(all.length - 1, Math.round((all.length - 1) * x))].toFixed(1);
  console.log(`| all | ${all.length} | ${p(0.5)} ms | ${p(0.95)} ms | ${p(1)} ms |`);
  const problems = browser.takeProblems();
  if (problems.length) console.log('page problems:', problems);
} finally {
  await browser.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
}
