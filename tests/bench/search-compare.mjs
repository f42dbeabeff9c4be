// Our search against MiniSearch and FlexSearch, in the same headless
// Chromium run, on the same generated archive and the same queries.
//
// Usage (see the README): node tests/bench/search-compare.mjs <corpus-dir>
// where <corpus-dir> holds site.json and news.json (newsroom-corpus). The
// script plants articles with hard cases (accents, typos, prefixes,
// phrases, stems) into a copy of the archive, publishes it with the build's
// own tool (our index included), and prints per engine: time until the first query can be
// answered, index size, query latency p50/p95 by kind (each sample the
// mean of a batch of calls), and recall@10 on the planted cases.
//
// Each library is configured as its documentation suggests for this use:
// prefix matching, typo tolerance, accent folding, title boost, all words
// required. Neither ships an English stemmer. Ours is timed from the page,
// round trip through its worker included; theirs run on the page's thread.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from '../browser/support/browser.mjs';
import { startServer } from '../browser/support/server.mjs';
import { DIST, ROOT, publish } from '../browser/support/site.mjs';
import { CASES, plantInto } from './planted.mjs';

const corpus = process.argv[2];
if (!corpus) {
  console.error('usage: node tests/bench/search-compare.mjs <corpus-dir>');
  process.exit(2);
}

/** The fixed query set of `cargo bench --bench search`, by kind. */
const QUERIES = {
  'single words': ['security', 'sarajevo', 'elections', 'journalists', 'resilience', 'copelj', 'tntd', 'youth'],
  '2-3 words': ['border security', 'media freedom journalists', 'police reform training', 'women leaders youth', 'community resilience online'],
  'prefixes 1-6': ['s', 'se', 'sec', 'secu', 'secur', 'securi', 'j', 'jo', 'jou', 'jour', 'journ', 'journa'],
  typos: ['terorism', 'sarajvo', 'radicalisation', 'jurnalists', 'parliamentarans', 'goverance', 'extremsm'],
};
const ROUNDS = 10;
/** Calls timed together per sample: browsers round timers to 0.1 ms. */
const BATCH = 20;

const root = mkdtempSync(join(tmpdir(), 'newsroom-compare-'));
let data = null;
try {
  // root/: the planted archive's sources (also what the libraries index),
  // the comparison page and the libraries, served under /bench/.
  plantInto(corpus, root);
  data = publish(root, { profile: 'bench' });
  // The whole index, every chunk: what the libraries load to search.
  const parts = readdirSync(join(data, 'search'), { recursive: true }).filter((f) => f.endsWith('.bin'));
  const ours = Buffer.concat(parts.map((f) => readFileSync(join(data, 'search', f))));
  mkdirSync(join(root, 'vendor'));
  cpSync(join(ROOT, 'node_modules/minisearch/dist/es/index.js'), join(root, 'vendor/minisearch.js'));
  cpSync(join(ROOT, 'node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs'), join(root, 'vendor/flexsearch.js'));
  writeFileSync(join(root, 'compare.html'), '<!doctype html><meta charset="utf-8"><title>compare</title><script type="module" src="compare.js"></script>');
  cpSync(join(ROOT, 'tests/bench/search-compare-page.js'), join(root, 'compare.js'));

  const server = await startServer({ root: DIST });
  server.overlays.set('/data/', data);
  server.overlays.set('/bench/', root);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(server.url('/bench/compare.html'));
    await page.waitForFunction(() => window.engines !== undefined, null, { timeout: 600_000 });
    const engines = await page.evaluate(() => Object.keys(window.engines));
    const rows = [];
    for (const name of engines) {
      const ready = await page.evaluate((name) => window.ready[name], name);
      const size = name === 'newsroom' ? { raw: ours.length, gzip: gzipSync(ours).length } : await page.evaluate((name) => window.sizeOf(name), name);
      const latency = {};
      const all = [];
      for (const [kind, queries] of Object.entries(QUERIES)) {
        const times = await page.evaluate(({ name, queries, rounds, batch }) => window.time(name, queries, rounds, batch), {
          name,
          queries,
          rounds: ROUNDS,
          batch: BATCH,
        });
        times.sort((a, b) => a - b);
        latency[kind] = times;
        all.push(...times);
      }
      all.sort((a, b) => a - b);
      latency.all = all;
      const recall = {};
      for (const [kind, q, slug] of CASES) {
        const found = await page.evaluate(({ name, q }) => window.engines[name](q, 10), { name, q });
        recall[kind] ??= { hit: 0, of: 0, missed: [] };
        recall[kind].of += 1;
        if (found.includes(slug)) recall[kind].hit += 1;
        else recall[kind].missed.push(q);
      }
      rows.push({ name, ready, size, latency, recall });
    }
    print(rows);
    const problems = browser.takeProblems();
    if (problems.length) console.log('page problems:', problems);
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  rmSync(root, { recursive: true, force: true });
  if (data) rmSync(join(data, '..'), { recursive: true, force: true });
}

function print(rows) {
  const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.round((xs.length - 1) * p))];
  const ms = (x) => `${x.toFixed(2)} ms`;
  const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
  const kinds = [...Object.keys(QUERIES), 'all'];
  console.log(`| engine | ready to search | index raw | index gzip | ${kinds.map((k) => `${k} p50 / p95`).join(' | ')} |`);
  console.log(`| --- | --- | --- | --- | ${kinds.map(() => '---').join(' | ')} |`);
  for (const r of rows) {
    const lat = kinds.map((k) => `${ms(pct(r.latency[k], 0.5))} / ${ms(pct(r.latency[k], 0.95))}`);
    console.log(`| ${r.name} | ${ms(r.ready)} | ${mb(r.size.raw)} | ${mb(r.size.gzip)} | ${lat.join(' | ')} |`);
  }
  const recallKinds = [...new Set(CASES.map(([k]) => k))];
  console.log('');
  console.log(`| engine | ${recallKinds.map((k) => `recall@10 ${k}`).join(' | ')} | recall@10 all | missed |`);
  console.log(`| --- | ${recallKinds.map(() => '---').join(' | ')} | --- | --- |`);
  for (const r of rows) {
    const hit = recallKinds.reduce((n, k) => n + r.recall[k].hit, 0);
    const missed = recallKinds.flatMap((k) => r.recall[k].missed);
    console.log(
      `| ${r.name} | ${recallKinds.map((k) => `${r.recall[k].hit}/${r.recall[k].of}`).join(' | ')} | ${hit}/${CASES.length} | ${missed.join(', ') || '—'} |`,
    );
  }
}
