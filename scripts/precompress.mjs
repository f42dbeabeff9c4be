// Writes precompressed copies next to the built files, for hosts that serve
// them as they are (nginx `gzip_static` and `brotli_static`), where they
// are worth more than what the host makes as it sends: `<file>.br` and
// `<file>.gz` for the app's own files and the search index, compressed
// harder than any host does on the fly, and `<file>.br` for other files of
// a MB or more (word positions, the largest sitemaps), which cost a host
// tens of milliseconds to seconds a request (brotli 6 takes 1.2 s for the
// 14 MB of word positions at 10,000 articles). Pages, feeds and data
// files get none: a host compresses them as it sends them (nginx `brotli on`, `gzip on` in
// deploy/nginx.conf; Netlify, Cloudflare and the like do it on their own)
// to the same bytes (brotli 5 is within 0.1% of 6 on a page), while a copy
// of each doubled the dist's files, and creating a file costs more here
// than compressing it (docs/performance.md, "Full builds at scale").
// How hard each kind is compressed (KINDS) comes from measuring the bytes
// saved against the time taken. The files are shared out, costliest
// first, to one worker thread per core, each compressing its own
// synchronously (zlib's asynchronous calls cost twice the CPU here, in
// small chunks and thread hops). Run by trunk after every build.
// A file whose copies are newer than it is skipped. With --cache <folder>,
// copies are kept there by a hash of the file's bytes and the quality, and
// a file compressed by an earlier build is linked from there instead of
// compressed again; a run that made or linked every copy removes the
// entries it no longer needs. Copies no longer wanted (a page's `.br` from
// an older build) are removed, since a host would send them stale.
// NEWSROOM_PRECOMPRESS=off writes none (and removes any there), for hosts
// that compress everything on their own (docs/deploying.md).
// Usage: node scripts/precompress.mjs <dir> [--cache <folder>]
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { COMPRESSIBLE } from './compressible.mjs';

// How hard each kind of file is compressed (brotli quality or null for no
// `.br`, gzip level or null for no `.gz`), first match wins; measured in
// docs/performance.md ("Compressed copies").
const KINDS = [
  // The app's code and styles, its shell, the site file and the search
  // index's root: few and small, read on every visit or search.
  { test: /(^|\/)(shell\.html|data\/site\.json|data\/search\/root\.bin|[^/]+\.(js|mjs|css|wasm|svg|webmanifest))$/, brotli: 11, gzip: 9 },
  // Everything else (pages, feeds, sitemaps, article and list files, the
  // search index's chunks, tens of thousands each) is left to the host,
  // but for large files.
  { test: /./, brotli: null, gzip: null },
];
// Files this big get brotli 6 whatever their kind (the largest sitemaps;
// on word positions 11 saved 7% over 6 in 19 times the time).
const LARGE = 1 << 20;
const LARGE_BROTLI = 6;
/** How a file of this size is compressed: brotli quality and gzip level, either null. */
const kindOf = (path, size) => {
  const kind = KINDS.find((k) => k.test.test(path));
  return kind.brotli === null && size >= LARGE ? { brotli: LARGE_BROTLI, gzip: null } : kind;
};
/** The copies a file gets. */
const copiesOf = (path, size) => {
  const kind = kindOf(path, size);
  return [...(kind.gzip === null ? [] : ['.gz']), ...(kind.brotli === null ? [] : ['.br'])];
};

function* files(d) {
  for (const entry of readdirSync(d, { withFileTypes: true })) {
    const path = join(d, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile() && COMPRESSIBLE.test(entry.name)) yield path;
  }
}

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};

/**
 * Writes the given copies (`.gz`, `.br`) of a file; returns how many it
 * wrote and how many came from the cache, and adds the cache entries it
 * used to `used`. A copy from the cache is a hard link to its entry (no
 * bytes written twice); copies are only ever replaced, never written
 * into, so an entry never changes.
 */
function compress(path, exts, cache, used) {
  const body = readFileSync(path);
  const kind = kindOf(path, body.length);
  const make = (ext) =>
    ext === '.gz'
      ? gzipSync(body, { level: kind.gzip })
      : brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: kind.brotli,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        });
  const hash = cache && createHash('sha256').update(body).digest('hex');
  let written = 0;
  let reused = 0;
  for (const ext of exts) {
    const target = path + ext;
    // Also when no copy is worth writing: a stale one would be served.
    rmSync(target, { force: true });
    if (!cache) {
      const compressed = make(ext);
      if (compressed.length < body.length) {
        writeFileSync(target, compressed);
        written += 1;
      }
      continue;
    }
    const name = `${hash}-${ext === '.br' ? `b${kind.brotli}` : `g${kind.gzip}`}`;
    const entry = join(cache, name);
    used.push(name);
    let size;
    try {
      size = statSync(entry).size;
      reused += 1;
    } catch {
      size = -1;
    }
    if (size < 0) {
      // Not made before: written once, as the copy, and kept in the cache
      // as a hard link to it (an entry is only ever replaced whole).
      const compressed = make(ext);
      if (compressed.length < body.length) {
        writeFileSync(target, compressed);
        written += 1;
        try {
          linkSync(target, entry);
        } catch {
          writeFileSync(entry, compressed);
        }
      } else {
        // Kept all the same, so the next build knows not to try again.
        writeFileSync(entry, compressed);
      }
      continue;
    }
    if (size < body.length) {
      try {
        linkSync(entry, target);
      } catch {
        copyFileSync(entry, target);
      }
      // Newer than its file, so the next run knows it is up to date.
      const now = new Date();
      utimesSync(target, now, now);
      written += 1;
    }
  }
  return { written, reused };
}

if (isMainThread) {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir || (rest.length && (rest[0] !== '--cache' || rest.length !== 2))) {
    console.error('usage: node scripts/precompress.mjs <dir> [--cache <folder>]');
    process.exit(2);
  }
  const cache = rest[1] ?? null;
  if (process.env.NEWSROOM_PRECOMPRESS === 'off') {
    let removed = 0;
    for (const path of files(dir)) {
      for (const ext of ['.gz', '.br']) {
        if (mtime(path + ext) >= 0) {
          unlinkSync(path + ext);
          removed += 1;
        }
      }
    }
    console.log(`precompress: off (NEWSROOM_PRECOMPRESS=off), no compressed copies in ${dir}${removed ? ` (${removed} removed)` : ''}`);
    process.exit(0);
  }
  if (cache) mkdirSync(cache, { recursive: true });
  // What a copy costs to make, relative to brotli 6 (measured: 10 and 11
  // take 12-20 times as long a byte, gzip about as long as brotli 6).
  const cost = (path, size, ext) => size * (ext === '.br' && kindOf(path, size).brotli >= 10 ? 16 : 1);
  const started = performance.now();
  // A copy newer than its file is up to date. A file's copies are one
  // task (one read, one hash), but a large file's are two, made side by
  // side (the search index's brotli 10 alone takes seconds).
  const found = [...files(dir)].map((path) => {
    const { size, mtimeMs } = statSync(path);
    return { path, size, source: mtimeMs, wanted: copiesOf(path, size) };
  });
  const all = found.flatMap(({ path, size, source, wanted }) => {
    // A copy of a kind no longer made (a page's `.br` from an older build)
    // would be served stale.
    for (const ext of ['.gz', '.br'].filter((e) => !wanted.includes(e))) rmSync(path + ext, { force: true });
    const exts = wanted.filter((ext) => mtime(path + ext) < source);
    const task = (list) => ({ path, exts: list, cost: list.reduce((c, ext) => c + cost(path, size, ext), 0) });
    if (!exts.length) return [];
    return size >= LARGE ? exts.map((ext) => task([ext])) : [task(exts)];
  });
  const copies = all.reduce((n, task) => n + task.exts.length, 0);
  const possible = found.reduce((n, { wanted }) => n + wanted.length, 0);
  const threads = Math.max(1, Math.min(availableParallelism(), Math.ceil(all.length / 64)));
  // Costliest first, each to the thread with the least work so far, so a
  // large file (the search index) does not leave the others idle at the end.
  all.sort((a, b) => b.cost - a.cost);
  const shares = Array.from({ length: threads }, () => ({ tasks: [], cost: 0 }));
  for (const task of all) {
    const share = shares.reduce((least, s) => (s.cost < least.cost ? s : least));
    share.tasks.push([task.path, task.exts]);
    share.cost += task.cost;
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
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise((finish, fail) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { tasks: share.tasks, cache } });
          worker.on('message', (m) => (m.progress ? report(m.progress) : finish(m)));
          worker.once('error', fail);
          worker.once('exit', (code) => code === 0 || fail(new Error(`precompress worker exited with ${code}`)));
        }),
    ),
  );
  const sum = (key) => results.reduce((total, r) => total + r[key], 0);
  // A run that went through every file knows every entry still needed.
  let pruned = 0;
  if (cache && found.length > 0 && copies === possible) {
    const used = new Set(results.flatMap((r) => r.used));
    for (const entry of readdirSync(cache)) {
      if (!used.has(entry)) {
        unlinkSync(join(cache, entry));
        pruned += 1;
      }
    }
  }
  console.log(
    `precompress: ${sum('written')} copies written in ${dir} for ${copies} out of date of ${possible}` +
      (cache ? ` (${sum('reused')} copies from the cache, ${pruned} entries pruned)` : '') +
      ` (${threads} threads) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} else {
  const EVERY = 500;
  const { tasks, cache } = workerData;
  let written = 0;
  let reused = 0;
  const used = [];
  tasks.forEach(([path, exts], i) => {
    const done = compress(path, exts, cache, used);
    written += Number(done.written);
    reused += Number(done.reused);
    if ((i + 1) % EVERY === 0) parentPort.postMessage({ progress: EVERY });
  });
  parentPort.postMessage({ written, reused, used });
}
