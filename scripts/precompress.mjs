// Writes precompressed copies next to the built files, for hosts that serve
// them as they are (nginx `gzip_static` and `brotli_static`): `<file>.gz`
// and `<file>.br` for text, wasm and data files, only where compressing
// saves bytes. How hard each kind is compressed (KINDS) comes from
// measuring the bytes saved against the time taken: the highest qualities
// only for the few files every reader or every searcher downloads. The
// files are shared out, costliest first, to one worker thread per core,
// each compressing its own synchronously (zlib's asynchronous calls cost
// twice the CPU here, in small chunks and thread hops). Run by trunk after
// every build.
// Usage: node scripts/precompress.mjs <dir>
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|svg|bin|webmanifest|txt|xml)$/;
// How hard each kind of file is compressed (brotli quality, gzip level),
// first match wins; measured in docs/performance.md ("Compressed copies").
const KINDS = [
  // The app's code and styles, its shell and the site file: few and small,
  // read on every visit.
  { test: /(^|\/)(shell\.html|data\/site\.json|[^/]+\.(js|mjs|css|wasm|svg|webmanifest))$/, brotli: 11, gzip: 9 },
  // The search index, read by every searcher: 10 is within 1% of 11's
  // bytes in 60% of its time, and 14% smaller than 6.
  { test: /(^|\/)search-index\.bin$/, brotli: 10, gzip: 9 },
  // Everything else: pages, feeds, sitemaps, article and list files (tens of
  // thousands each), the word positions (read on a first phrase query):
  // 11 saves 7-12% over 6 and takes 16-20 times as long.
  { test: /./, brotli: 6, gzip: 6 },
];
const kindOf = (path) => KINDS.find((kind) => kind.test.test(path));

function* files(d) {
  for (const entry of readdirSync(d, { withFileTypes: true })) {
    const path = join(d, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile() && COMPRESSIBLE.test(entry.name)) yield path;
  }
}

/** Writes the copies of one file; returns how many it wrote. */
function compress(path) {
  const body = readFileSync(path);
  const kind = kindOf(path);
  const variants = [
    ['.gz', gzipSync(body, { level: kind.gzip })],
    [
      '.br',
      brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: kind.brotli,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
    ],
  ];
  let written = 0;
  for (const [ext, compressed] of variants) {
    const target = path + ext;
    if (compressed.length < body.length) {
      writeFileSync(target, compressed);
      written += 1;
    } else {
      // A stale copy from an earlier build would be served in its place.
      try {
        if (statSync(target).isFile()) unlinkSync(target);
      } catch {
        // none there
      }
    }
  }
  return written;
}

if (isMainThread) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/precompress.mjs <dir>');
    process.exit(2);
  }
  // What a file costs to compress, relative to brotli 6 (measured: 10 and
  // 11 take 12-20 times as long a byte).
  const cost = (path) => statSync(path).size * (kindOf(path).brotli >= 10 ? 16 : 1);
  const started = performance.now();
  const all = [...files(dir)].map((path) => ({ path, cost: cost(path) }));
  const threads = Math.max(1, Math.min(availableParallelism(), Math.ceil(all.length / 64)));
  // Costliest first, each to the thread with the least work so far, so a
  // large file (the search index) does not leave the others idle at the end.
  all.sort((a, b) => b.cost - a.cost);
  const shares = Array.from({ length: threads }, () => ({ paths: [], cost: 0 }));
  for (const file of all) {
    const share = shares.reduce((least, s) => (s.cost < least.cost ? s : least));
    share.paths.push(file.path);
    share.cost += file.cost;
  }
  // A line at every tenth of a long run (workers report every few files).
  let done = 0;
  let shown = 0;
  const report = (files) => {
    done += files;
    const tenth = Math.floor((done * 10) / all.length);
    if (all.length >= 5000 && tenth > shown && done < all.length) {
      shown = tenth;
      console.log(`precompress: ${tenth * 10}% (${done} of ${all.length} files)`);
    }
  };
  const counts = await Promise.all(
    shares.map(
      (share) =>
        new Promise((finish, fail) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: share.paths });
          worker.on('message', (m) => (m.progress ? report(m.progress) : finish(m.written)));
          worker.once('error', fail);
          worker.once('exit', (code) => code === 0 || fail(new Error(`precompress worker exited with ${code}`)));
        }),
    ),
  );
  console.log(
    `precompress: ${counts.reduce((a, b) => a + b, 0)} files written in ${dir} (${threads} threads) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} else {
  const EVERY = 500;
  let written = 0;
  workerData.forEach((path, i) => {
    written += compress(path);
    if ((i + 1) % EVERY === 0) parentPort.postMessage({ progress: EVERY });
  });
  parentPort.postMessage({ written });
}
