// Prerendering at archive scale: for generated archives (10,000 and 50,000
// articles by default), the time newsroom-prerender takes to write every
// page, feed and sitemap, the time the build's precompress step then takes
// over the new files (pages get no copies: the host compresses them as it
// sends them), how many pages there are and how many bytes they take per
// article. Prints one table.
//
// Usage: node tests/bench/prerender.mjs [10k] [50k] [--profile dev|tools]
// Uses the built app's template (trunk build --release first); archives
// come from the build's own generator and publisher.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, appFolder, corpus } from '../browser/support/site.mjs';

const args = process.argv.slice(2);
const profileAt = args.indexOf('--profile');
const profile = profileAt >= 0 ? args[profileAt + 1] : 'dev';
const SETS = [['10k', 10_000], ['50k', 50_000]].filter(([name]) => !args.some((a) => /k$/.test(a)) || args.includes(name));

execFileSync('cargo', ['build', '--quiet', '--locked', '--profile', profile, '-p', 'newsroom-prerender'], { cwd: ROOT, stdio: 'inherit' });
const binary = join(ROOT, 'target', profile === 'dev' ? 'debug' : profile, 'newsroom-prerender');

function sizeOf(dir, test) {
  let bytes = 0;
  let count = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !test(entry.name)) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    count += 1;
  }
  return { bytes, count };
}

const rows = [];
for (const [name, n] of SETS) {
  const data = corpus(n);
  const dir = appFolder('newsroom-prerender-');
  symlinkSync(data, join(dir, 'data'));

  let started = process.hrtime.bigint();
  const out = execFileSync(binary, [dir, '/'], { encoding: 'utf8' });
  const prerender = Number(process.hrtime.bigint() - started) / 1e9;
  const pages = Number(out.match(/newsroom-prerender: (\d+) pages,/)?.[1] ?? 0);
  started = process.hrtime.bigint();
  execFileSync('node', [join(ROOT, 'scripts/precompress.mjs'), dir], { stdio: 'ignore' });
  const precompress = Number(process.hrtime.bigint() - started) / 1e9;
  const html = sizeOf(dir, (f) => f.endsWith('.html'));
  rows.push({
    set: name,
    articles: n,
    pages,
    'prerender s': prerender.toFixed(1),
    'precompress s': precompress.toFixed(1),
    'build adds min': ((prerender + precompress) / 60).toFixed(1),
    'HTML MB': (html.bytes / 1e6).toFixed(0),
    'HTML KB per article': (html.bytes / 1e3 / n).toFixed(1),
  });
  execFileSync('rm', ['-rf', dir]);
}
console.log(`newsroom-prerender (${profile} profile), then scripts/precompress.mjs over what it wrote:`);
console.table(rows);
