// In-browser search latency: the built app on a generated archive, in
// headless Chromium, time from a keystroke in the header search box to the
// worker's suggestions in the DOM, and to the next frame painted with them.
// Prints p50/p95 per query.
//
// Usage (see the README): node tests/bench/search-browser.mjs <corpus-dir>
// where <corpus-dir> holds site.json and news.json (newsroom-corpus); it is
// published with the build's own tool and served in place of dist/data.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../browser/support/browser.mjs';
import { startServer } from '../browser/support/server.mjs';
import { DIST, publish } from '../browser/support/site.mjs';
import { keystroke } from './keystroke.mjs';
import { SitePage } from '../browser/support/pages.mjs';

const corpus = process.argv[2];
if (!corpus) {
  console.error('usage: node tests/bench/search-browser.mjs <corpus-dir>');
  process.exit(2);
}
const QUERIES = ['security', 'sarajevo', 'journalists', 'border security', 'terorism', 'radicalisation', 'copelj'];

const data = publish(corpus, { profile: 'bench' });
const server = await startServer({ root: DIST });
server.overlays.set('/data/', data);
const browser = await launch();
try {
  const page = await browser.newPage();
  page.on('crash', () => console.error('the page crashed (out of memory?)'));
  const t0 = Date.now();
  // Once the app has taken over the prerendered page.
  await new SitePage(page, server).goto('/');
  console.log(`app ready on the archive in ${Date.now() - t0} ms`);
  const input = page.locator('#site-search-input');
  await input.focus();
  // The first answer waits for the index download: not what is measured.
  await keystroke(page, 'warm');
  const all = { dom: [], paint: [] };
  const pct = (xs, x) => xs[Math.min(xs.length - 1, Math.round((xs.length - 1) * x))].toFixed(1);
  console.log('| query | keystrokes | answer in DOM p50 | p95 | painted p50 | p95 | max |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const q of QUERIES) {
    const dom = [];
    const paint = [];
    for (let round = 0; round < 5; round++) {
      await keystroke(page, '');
      for (let i = 1; i <= q.length; i++) {
        const [d, p] = await keystroke(page, q.slice(0, i));
        dom.push(d);
        paint.push(p);
      }
    }
    for (const xs of [dom, paint]) xs.sort((a, b) => a - b);
    all.dom.push(...dom);
    all.paint.push(...paint);
    console.log(`| ${q} | ${dom.length} | ${pct(dom, 0.5)} ms | ${pct(dom, 0.95)} ms | ${pct(paint, 0.5)} ms | ${pct(paint, 0.95)} ms | ${pct(paint, 1)} ms |`);
  }
  for (const xs of [all.dom, all.paint]) xs.sort((a, b) => a - b);
  console.log(`| all | ${all.dom.length} | ${pct(all.dom, 0.5)} ms | ${pct(all.dom, 0.95)} ms | ${pct(all.paint, 0.5)} ms | ${pct(all.paint, 0.95)} ms | ${pct(all.paint, 1)} ms |`);
  const problems = browser.takeProblems();
  if (problems.length) console.log('page problems:', problems);
} finally {
  await browser.close();
  await server.close();
  rmSync(join(data, '..'), { recursive: true, force: true });
}
