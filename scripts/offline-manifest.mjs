// Writes what the service worker needs for a built site folder, from the
// files actually in it (never a hand-written list):
// - `precache-<version>.json`: the files to save for offline reading, each
//   with its size and an SRI hash the worker checks while saving it. The
//   app shell always; then published data in the order of
//   `data/files.txt` (most needed first) while the total stays within
//   the budget. The rest is saved as it is read.
// - `sw.js`: sw/sw.js with the build's version in front, and how many
//   bytes of data it may keep as they are read (what the precache leaves of
//   the budget, a fifth of the budget at least). The version hashes every
//   file of the site, so any change (code or content) makes a new worker,
//   which the browser installs as an update.
// Run by trunk after every build, before precompressing; tests and
// benchmarks run it on folders they put together.
// Usage: node scripts/offline-manifest.mjs <dir> [--budget-mb N]
// (default: $NEWSROOM_OFFLINE_BUDGET_MB, else 25).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const [dir, ...rest] = process.argv.slice(2);
if (!dir || (rest.length && (rest[0] !== '--budget-mb' || rest.length !== 2))) {
  console.error('usage: node scripts/offline-manifest.mjs <dir> [--budget-mb N]');
  process.exit(2);
}
const budgetMb = Number(rest[1] ?? process.env.NEWSROOM_OFFLINE_BUDGET_MB ?? 25);
if (!Number.isFinite(budgetMb) || budgetMb < 0) {
  console.error(`offline-manifest: the budget must be a number of megabytes, not "${rest[1] ?? process.env.NEWSROOM_OFFLINE_BUDGET_MB}"`);
  process.exit(2);
}
const budget = Math.floor(budgetMb * 1024 * 1024);

const DATA = 'data/';
const LISTING = `${DATA}files.txt`;
// The page the worker answers navigations with (the app renders the rest).
const SHELL = 'shell.html';
// Written here, or only for hosts and first visits (the prerendered pages,
// feeds and sitemaps): never part of the precache.
const SKIP = /(^|\/)(sw\.js|precache-[0-9a-f]+\.json|robots\.txt)$|\.(br|gz|map|html|xml)$/;

function* walk(d) {
  for (const entry of readdirSync(d, { withFileTypes: true })) {
    const path = join(d, entry.name);
    // Followed: a folder put together from links serves what they point to.
    const info = entry.isSymbolicLink() ? statSync(path) : entry;
    if (info.isDirectory()) yield* walk(path);
    else if (info.isFile()) yield relative(dir, path).split(sep).join('/');
  }
}

// Outputs of an earlier run go first: they would count in the version.
for (const path of walk(dir)) {
  if (/(^|\/)precache-[0-9a-f]+\.json(\.br|\.gz)?$/.test(path)) unlinkSync(join(dir, path));
}

const files = new Map();
for (const path of [...walk(dir)].sort()) {
  if ((SKIP.test(path) && path !== SHELL) || path === LISTING) continue;
  const body = readFileSync(join(dir, path));
  files.set(path, {
    url: path,
    size: body.length,
    integrity: `sha256-${createHash('sha256').update(body).digest('base64')}`,
  });
}
if (!files.has(SHELL)) {
  console.error(`offline-manifest: ${dir} has no ${SHELL}`);
  process.exit(1);
}

let order = [];
try {
  order = readFileSync(join(dir, LISTING), 'utf8').split('\n').filter(Boolean);
} catch {
  // No listing: data in name order.
}
const shell = [...files.keys()].filter((p) => !p.startsWith(DATA));
shell.sort((a, b) => (a === SHELL ? -1 : b === SHELL ? 1 : 0));
const data = [...new Set([...order.filter((p) => files.has(p)), ...[...files.keys()].filter((p) => p.startsWith(DATA))])];

const precache = [];
let total = 0;
for (const path of shell) {
  precache.push(files.get(path));
  total += files.get(path).size;
}
let saved = 0;
for (const path of data) {
  const file = files.get(path);
  if (total + file.size > budget) break;
  precache.push(file);
  total += file.size;
  saved += 1;
}

const version = createHash('sha256')
  .update([...files.values()].map((f) => `${f.url} ${f.integrity}`).join('\n'))
  .digest('hex')
  .slice(0, 16);
const manifest = { version, budget, size: total, data: { files: data.length, saved }, files: precache };
// Compressed copies of an earlier run's worker would be sent in its place.
const write = (name, text) => {
  writeFileSync(join(dir, name), text);
  for (const ext of ['.br', '.gz']) rmSync(join(dir, name + ext), { force: true });
};
write(`precache-${version}.json`, JSON.stringify(manifest));

const worker = readFileSync(fileURLToPath(new URL('../sw/sw.js', import.meta.url)), 'utf8');
const readBudget = Math.max(budget - total, Math.floor(budget / 5));
write('sw.js', `const VERSION = '${version}';\nconst READ_BUDGET = ${readBudget};\n${worker}`);

const mb = (n) => (n / 1024 / 1024).toFixed(1);
console.log(
  `offline-manifest: version ${version}; precache ${precache.length} files, ${mb(total)} MB of ${mb(budget)} MB` +
    ` (${shell.length} app files, ${saved} of ${data.length} data files); ${mb(readBudget)} MB more as read`,
);
