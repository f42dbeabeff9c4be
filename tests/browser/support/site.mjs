// The bundled content as the tests expect to see it, read from the same
// JSON the app loads, plus the slug rule of the URL scheme.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const ROOT = root;
export const DIST = process.env.NEWSROOM_DIST ?? `${root}dist`;
/** A build with `--public-url /newsroom/`, made by scripts/test.sh. */
export const SUBPATH_DIST = `${root}target/dist-subpath`;

export function slugify(name) {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function loadContent(dir = `${root}content`) {
  const site = JSON.parse(readFileSync(`${dir}/site.json`, 'utf8'));
  const news = JSON.parse(readFileSync(`${dir}/news.json`, 'utf8'));
  for (const tax of Object.values(site.taxonomies)) {
    for (const term of tax.terms) term.slug ??= slugify(term.name);
  }
  for (const a of news.articles) a.slug ??= slugify(a.title);
  return { site, news };
}

/** The title of the page a menu link opens: the term's name or the index's title. */
export function titleOf(site, link) {
  const tax = site.taxonomies[link.kind];
  if (!link.slug) return tax.title;
  return tax.terms.find((t) => t.slug === link.slug)?.name;
}

/** Publishes content sources (`site.json`, `news.json` objects or a folder
 * holding them) with the build's own tool; returns the published `data`
 * folder, to serve in place of the build's. Removed when the process exits. */
const temporary = [];
process.on('exit', () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

export function publish(content, { profile = 'tools' } = {}) {
  let dir = content;
  if (typeof content !== 'string') {
    dir = mkdtempSync(join(tmpdir(), 'newsroom-content-'));
    temporary.push(dir);
    writeFileSync(join(dir, 'site.json'), JSON.stringify(content.site));
    writeFileSync(join(dir, 'news.json'), JSON.stringify(content.news));
  }
  const out = mkdtempSync(join(tmpdir(), 'newsroom-published-'));
  temporary.push(out);
  execFileSync('cargo', ['run', '--quiet', '--locked', '--profile', profile, '-p', 'newsroom-build', '--', dir, out], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return join(out, 'data');
}

/** Writes a gzip copy next to every file under `dir`, as a host serving
 * precompressed files would have (gzip -6: brotli -11 on an archive of
 * tens of thousands of files takes too long for a benchmark). */
export function gzipTree(dir) {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.gz')) continue;
    const file = join(entry.parentPath, entry.name);
    writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 6 }));
  }
}

/** A generated archive of `n` articles (the build's own generator),
 * published; returns the `data` folder. */
export function corpus(n, seed = 1) {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-corpus-'));
  temporary.push(dir);
  execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'newsroom-corpus', '--', String(n), dir, String(seed)], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return publish(dir);
}

/** A site folder made of the build's app and the given published data, with
 * its service worker and precache list written by the build's own script
 * (budget in MB). Precompressed copies are left out, as a test may change
 * a file; `compressed: true` keeps those of the app's files (not of the
 * rewritten worker files). `link: true` links the data folder instead of
 * copying it (large archives). */
export function assemble(data = join(DIST, 'data'), { budgetMb = 25, link = false, compressed = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-site-'));
  temporary.push(dir);
  const stale = /(^|\/)(sw\.js|precache-[0-9a-f]+\.json)\.(br|gz)$/;
  const plain = (src) => (compressed ? !stale.test(src) : !/\.(br|gz)$/.test(src));
  for (const entry of readdirSync(DIST)) {
    if (entry !== 'data') cpSync(join(DIST, entry), join(dir, entry), { recursive: true, filter: plain });
  }
  if (link) symlinkSync(data, join(dir, 'data'));
  else cpSync(data, join(dir, 'data'), { recursive: true, filter: plain });
  manifest(dir, budgetMb);
  return dir;
}

/** Runs the build's service-worker script over a site folder again. */
export function manifest(dir, budgetMb = 25) {
  execFileSync('node', [join(root, 'scripts/offline-manifest.mjs'), dir, '--budget-mb', String(budgetMb)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** A new folder with the build's app files (code, styles, icons) and its
 * template as `index.html`, ready to be prerendered: no pages, feeds,
 * sitemaps, service worker or data (each caller writes its own, so no
 * stale copy stays). */
export function appFolder(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const again = /\.(html|xml|txt)(\.br|\.gz)?$|^(sw\.js|precache-[0-9a-f]+\.json)(\.br|\.gz)?$/;
  for (const entry of readdirSync(DIST, { withFileTypes: true })) {
    if (entry.isDirectory() ? entry.name !== 'icons' : again.test(entry.name)) continue;
    cpSync(join(DIST, entry.name), join(dir, entry.name), { recursive: true });
  }
  writeFileSync(join(dir, 'index.html'), readFileSync(join(DIST, 'shell.html')));
  return dir;
}

/** A site folder of the build's app with the given published data, every
 * page prerendered from it by the build's own prerenderer (as trunk's
 * post-build step does), with its service worker and precache list. */
export function prerendered(data) {
  const dir = appFolder('newsroom-prerendered-');
  temporary.push(dir);
  cpSync(data, join(dir, 'data'), { recursive: true });
  execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'newsroom-prerender', '--', dir, '/'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  manifest(dir);
  return dir;
}
