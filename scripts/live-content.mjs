// Publishes content edits into a built site in seconds, without rebuilding
// the app: run by scripts/serve.sh beside `trunk serve` (which leaves the
// content folder to it). On every change under <content>, it runs the
// build's own steps over <dist> in place: the publisher (which checks the
// sources and writes only the data files whose bytes changed), the
// prerenderer (only the pages whose inputs changed, from its record in
// target/build-cache) and the service worker's list (a new version, so
// readers get the update): then the site served has the edit. Last, the
// compressed copies of what changed (trunk's server does not send them,
// hosts that do get them from a full build). An edit that does not pass
// the checks prints the publisher's message and leaves the last good site
// served.
// Usage: node scripts/live-content.mjs <content> <dist> [<public URL path, default />]
import { execFile } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [content, dist, base = '/'] = process.argv.slice(2);
if (!content || !dist) {
  console.error('usage: node scripts/live-content.mjs <content> <dist> [<public URL path>]');
  process.exit(2);
}
// Where trunk's hooks keep their records (NEWSROOM_BUILD_CACHE for tests).
const CACHE = process.env.NEWSROOM_BUILD_CACHE ?? join(ROOT, 'target', 'build-cache');
// The steps of trunk's hooks (Trunk.toml), in the same order and profiles;
// the site is up to date once the first three have run.
const SERVED_AFTER = 3;
const STEPS = [
  ['publish', 'cargo', ['run', '--quiet', '--locked', '--profile', 'tools', '-p', 'newsroom-build', '--', content, dist]],
  ['prerender', 'cargo', ['run', '--quiet', '--locked', '-p', 'newsroom-prerender', '--', dist, base, '--cache', join(CACHE, 'prerender.json')]],
  ['offline list', process.execPath, [join(ROOT, 'scripts', 'offline-manifest.mjs'), dist]],
  ['precompress', process.execPath, [join(ROOT, 'scripts', 'precompress.mjs'), dist, '--cache', join(CACHE, 'compressed')]],
];

const say = (line) => console.log(`live-content: ${line}`);

function run([name, command, args]) {
  return new Promise((done) => {
    const started = performance.now();
    execFile(command, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const seconds = (performance.now() - started) / 1000;
      done({ name, ok: !error, seconds, output: `${stdout}${stderr}`.trim() });
    });
  });
}

let running = false;
let again = false;
let changed = new Set();

async function publish() {
  if (running) {
    again = true;
    return;
  }
  // Nothing to update before trunk's first build has made the site (its
  // publishing may have read the sources before this edit): try again.
  if (!existsSync(join(dist, 'shell.html'))) {
    setTimeout(publish, 2000);
    return;
  }
  running = true;
  const files = [...changed].join(', ');
  changed = new Set();
  const started = performance.now();
  {
    const times = [];
    for (const [i, step] of STEPS.entries()) {
      const result = await run(step);
      times.push(`${result.name} ${result.seconds.toFixed(1)} s`);
      // Each step's own summary: what it changed.
      if (result.ok) console.log(`  ${result.output.split('\n').at(-1)}`);
      const after = `${((performance.now() - started) / 1000).toFixed(1)} s`;
      if (result.ok && i + 1 === SERVED_AFTER) {
        say(`${files} changed; the site served is updated in ${after} (${times.join(', ')})`);
      } else if (result.ok && i + 1 === STEPS.length) {
        say(`compressed copies updated in ${after} (${times.slice(SERVED_AFTER).join(', ')})`);
      } else if (!result.ok) {
        console.error(result.output);
        say(
          step[0] === 'publish'
            ? `${files} changed but does not pass the checks above; the site served is still the last good one`
            : `${files} changed, and the ${result.name} step failed (above); the site served may be partly updated`,
        );
        break;
      }
    }
  }
  running = false;
  if (again) {
    again = false;
    publish();
  }
}

// The sources are the files at the top of the folder (site.json, news.json).
// Editors save in bursts (a temporary file, a rename): one update for each.
let timer = null;
watch(resolve(content), (_event, file) => {
  if (file && !/\.json$/.test(file)) return;
  changed.add(file ?? 'content');
  clearTimeout(timer);
  timer = setTimeout(publish, 150);
});
say(`watching ${content} for edits to publish into ${dist}`);
