// Writes precompressed copies next to the built files, for hosts that serve
// them as they are (nginx `gzip_static` and `brotli_static`): `<file>.gz`
// (gzip -9) and `<file>.br` (brotli -11) for text, wasm and data files,
// only where compressing saves bytes. The prerendered pages, feeds and
// sitemaps (one per route: tens of thousands in an archive) get brotli -6
// and gzip -6: 60 times faster than -11 on a page, for about 13% more
// bytes (measured on an article page: 5.7 KB against 5.1). Run by trunk
// after every build.
// Usage: node scripts/precompress.mjs <dir>
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|svg|bin|webmanifest|txt|xml)$/;

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/precompress.mjs <dir>');
  process.exit(2);
}

function* files(d) {
  for (const entry of readdirSync(d, { withFileTypes: true })) {
    const path = join(d, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile() && COMPRESSIBLE.test(entry.name)) yield path;
  }
}

// The app's own files, compressed the most (few, and read on every visit).
const APP = /(^|\/)(shell\.html|[^/]+\.(js|mjs|css|wasm|json|svg|bin|webmanifest|txt))$/;

let written = 0;
for (const path of files(dir)) {
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
}
console.log(`precompress: ${written} files written in ${dir}`);
