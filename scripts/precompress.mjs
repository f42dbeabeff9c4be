// Writes precompressed copies next to the built files, for hosts that serve
// them as they are (nginx `gzip_static` and `brotli_static`): `<file>.gz`
// (gzip -9) and `<file>.br` (brotli -11) for text, wasm and data files,
// only where compressing saves bytes. The prerendered pages, feeds and
// sitemaps (one per route: tens of thousands in an archive) get brotli -6
// and gzip -6: 60 times faster than -11 on a page, for about 13% more
// bytes (measured on an article page: 5.7 KB against 5.1). The files are
// shared out to one worker thread per core, each compressing its own
// synchronously (zlib's asynchronous calls cost twice the CPU here, in
// small chunks and thread hops). Run by trunk after every build.
// Usage: node scripts/precompress.mjs <dir>
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|svg|bin|webmanifest|txt|xml)$/;
// The app's own files, compressed the most (few, and read on every visit).
const APP = /(^|\/)(shell\.html|[^/]+\.(js|mjs|css|wasm|json|svg|bin|webmanifest|txt))$/;

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
  const most = APP.test(path);
  const variants = [
    ['.gz', gzipSync(body, { level: most ? 9 : 6 })],
    [
      '.br',
      brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: most ? 11 : 6,
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
  const all = [...files(dir)];
  // Dealt out in turn, so the few large app files do not all land on one.
  const threads = Math.max(1, Math.min(availableParallelism(), Math.ceil(all.length / 64)));
  const shares = Array.from({ length: threads }, (_, t) => all.filter((_, i) => i % threads === t));
  const counts = await Promise.all(
    shares.map(
      (share) =>
        new Promise((done, fail) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: share });
          worker.once('message', done);
          worker.once('error', fail);
          worker.once('exit', (code) => code === 0 || fail(new Error(`precompress worker exited with ${code}`)));
        }),
    ),
  );
  console.log(`precompress: ${counts.reduce((a, b) => a + b, 0)} files written in ${dir} (${threads} threads)`);
} else {
  let written = 0;
  for (const path of workerData) written += compress(path);
  parentPort.postMessage(written);
}
