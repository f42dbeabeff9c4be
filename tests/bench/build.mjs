// A full `trunk build --release` at archive sizes, with the code already
// compiled (what publishing costs the web team once tools and app are
// built): for generated archives (10,000 and 50,000 articles by default;
// 150k on request), the wall time split by stage, the peak memory of the
// build's processes together, and what the dist holds (files, bytes, per
// article). A first build of the bundled content compiles whatever is
// missing and is reported apart. Then, per size, `bash scripts/serve.sh`
// on the archive: once it serves, one article's lead is edited and one
// article added, each timed from the save to the served page showing it
// (and to the compressed copies being made again). Prints two tables.
//
// Usage: node tests/bench/build.mjs [10k] [50k] [150k]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../browser/support/site.mjs';

const SIZES = [['10k', 10_000], ['50k', 50_000], ['150k', 150_000]];
const asked = process.argv.slice(2);
const sets = SIZES.filter(([name]) => (asked.length ? asked.includes(name) : name !== '150k'));

/** The resident memory of a process and all it started, in bytes. */
function treeMemory(root) {
  const children = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(pid);
    } catch {
      // gone meanwhile
    }
  }
  let bytes = 0;
  const todo = [String(root)];
  while (todo.length) {
    const pid = todo.pop();
    try {
      const rss = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
      if (rss) bytes += Number(rss[1]) * 1024;
    } catch {
      // gone meanwhile
    }
    todo.push(...(children.get(pid) ?? []));
  }
  return bytes;
}

/** Runs trunk's release build of `content` into `dist`; resolves with its
 * output, wall seconds and peak memory. */
function build(content, dist) {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const env = { ...process.env, NO_COLOR: '1' };
    if (content) env.NEWSROOM_CONTENT = content;
    const child = spawn('bash', ['-c', 'source scripts/env.sh && exec trunk build --release --locked --dist "$0"', dist], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, treeMemory(child.pid))), 250);
    child.on('exit', (code) => {
      clearInterval(sampler);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code === 0) done({ out, seconds, peak });
      else fail(new Error(`trunk build failed (${code}):\n${out.slice(-3000)}`));
    });
  });
}

/** Seconds between two of trunk's log lines (their timestamps). */
function between(out, from, to) {
  const at = (re, after = 0) => {
    const lines = out.split('\n');
    for (let i = after; i < lines.length; i++) {
      if (re.test(lines[i])) return { i, t: Date.parse(lines[i].match(/^\S+Z/)?.[0] ?? '') };
    }
    return null;
  };
  const a = at(from);
  const b = a && at(to, a.i + 1);
  return a && b ? (b.t - a.t) / 1000 : NaN;
}

function dirSize(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files += 1;
  }
  return { bytes, files };
}

const seconds = (out, re) => Number(out.match(re)?.[1] ?? NaN);

const PORT = 18_089;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Seconds until the served page at `path` holds `text` (polled); fails
 * once `alive()` says the server is gone. */
async function until(path, text, started, alive, timeout = 300_000) {
  for (;;) {
    if (!alive()) throw new Error(`the server stopped before ${path} showed "${text}"`);
    try {
      const body = await (await fetch(`http://127.0.0.1:${PORT}${path}`)).text();
      if (body.includes(text)) return (performance.now() - started) / 1000;
    } catch {
      // not serving yet
    }
    if (performance.now() - started > timeout) throw new Error(`${path} never showed "${text}"`);
    await sleep(100);
  }
}

/** Saves the article list as an editor does: a new file renamed into place. */
function saveNews(content, edit) {
  const file = join(content, 'news.json');
  const news = JSON.parse(readFileSync(file, 'utf8'));
  edit(news.articles);
  writeFileSync(`${file}.tmp`, JSON.stringify(news));
  renameSync(`${file}.tmp`, file);
}

/** `bash scripts/serve.sh` on an archive: seconds from a save to the served
 * page showing an edited lead and an added article, and to the compressed
 * copies being made again after each. */
async function editToServed(content, dist) {
  const env = { ...process.env, NO_COLOR: '1', NEWSROOM_CONTENT: content };
  const child = spawn('bash', ['scripts/serve.sh', '--port', String(PORT), '--dist', dist], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  let running = true;
  child.once('exit', () => (running = false));
  const alive = () => running;
  const copiesAfter = async (from) => {
    while (!out.slice(from).includes('compressed copies updated')) {
      if (!running) throw new Error('the server stopped');
      await sleep(100);
    }
  };
  try {
    const news = JSON.parse(readFileSync(join(content, 'news.json'), 'utf8'));
    const edited = news.articles[Math.floor(news.articles.length / 2)];
    // Served once the prerendered article page is there.
    await until(`/news/${edited.slug}`, edited.title, performance.now(), alive, 900_000);
    await sleep(1000);
    const row = {};
    let from = out.length;
    let started = performance.now();
    saveNews(content, (articles) => {
      articles.find((a) => a.slug === edited.slug).lead = 'Edited for the benchmark.';
    });
    row['edit to served s'] = (await until(`/news/${edited.slug}`, 'Edited for the benchmark.', started, alive)).toFixed(1);
    await copiesAfter(from);
    row['edit, copies s'] = ((performance.now() - started) / 1000).toFixed(1);
    from = out.length;
    started = performance.now();
    saveNews(content, (articles) => {
      articles.unshift({ ...articles[0], slug: 'added-for-the-benchmark', title: 'Added for the benchmark', issued_on: '2031-01-01' });
    });
    row['add to served s'] = (await until('/news/added-for-the-benchmark', 'Added for the benchmark', started, alive)).toFixed(1);
    await copiesAfter(from);
    row['add, copies s'] = ((performance.now() - started) / 1000).toFixed(1);
    const rendered = [...out.slice(from).matchAll(/newsroom-prerender: \d+ pages, (\d+) rendered/g)].at(-1);
    row['pages rendered for the add'] = rendered?.[1] ?? '?';
    return row;
  } catch (e) {
    throw new Error(`${e.message}; serve.sh said:\n${out.slice(-3000)}`);
  } finally {
    if (running) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
}

const work = mkdtempSync(join(tmpdir(), 'newsroom-build-bench-'));
try {
  const warm = await build(null, join(work, 'warm'));
  console.log(`first build of the bundled content (compiles what is missing): ${warm.seconds.toFixed(0)} s`);
  const rows = [];
  const live = [];
  for (const [name, n] of sets) {
    const content = join(work, `content-${name}`);
    execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'newsroom-corpus', '--', String(n), content, '1'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const dist = join(work, `dist-${name}`);
    // A first publish of the archive: no compressed copies or page record
    // kept from an earlier build (the cache only ever saves time).
    rmSync(join(ROOT, 'target', 'build-cache'), { recursive: true, force: true });
    const { out, seconds: wall, peak } = await build(content, dist);
    const prerender = seconds(out, /newsroom-prerender: .* in ([\d.]+) s/);
    const precompress = seconds(out, /precompress: .* in ([\d.]+) s/);
    const post = between(out, /spawning hook stage=PostBuild/, /finished hook/);
    const size = dirSize(dist);
    rows.push({
      set: name,
      'wall s': wall.toFixed(0),
      'publish s': between(out, /spawning hook stage=PreBuild/, /finished hook/).toFixed(0),
      'app s': between(out, /finished hook/, /spawning hook stage=PostBuild/).toFixed(0),
      'prerender s': prerender.toFixed(0),
      'precompress s': precompress.toFixed(0),
      'other post-build s': (post - prerender - precompress).toFixed(0),
      'dist move s': between(out, /applying new distribution/, /success/).toFixed(0),
      'peak MB': (peak / 1e6).toFixed(0),
      'dist files': size.files,
      'dist MB': (size.bytes / 1e6).toFixed(0),
      'KB per article': (size.bytes / 1e3 / n).toFixed(1),
    });
    // Each row as soon as it is measured: a long run stopped halfway keeps them.
    console.log(`${name} full build: ${JSON.stringify(rows.at(-1))}`);
    rmSync(dist, { recursive: true, force: true });
    live.push({ set: name, ...(await editToServed(content, join(work, `served-${name}`))) });
    console.log(`${name} serve.sh: ${JSON.stringify(live.at(-1))}`);
    rmSync(join(work, `served-${name}`), { recursive: true, force: true });
    rmSync(content, { recursive: true, force: true });
  }
  console.log('trunk build --release, code already compiled (stages from trunk\'s log and each tool\'s own timing):');
  console.table(rows);
  console.log('bash scripts/serve.sh on the archive: from saving news.json to the served page showing the change');
  console.table(live);
} finally {
  rmSync(work, { recursive: true, force: true });
}
