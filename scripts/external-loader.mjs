// Moves the module script trunk writes inline into index.html (it loads the
// wasm) into a file of its own, `app-<hash>.js`, so the pages run under a
// Content-Security-Policy without 'unsafe-inline' (trunk has no option for
// it: trunk-rs/trunk#288). Then writes `start-<hash>.js`, which decides when
// the app starts:
//
// - at once on the shell (no prerendered page) and on a prerendered page
//   that needs the app to do its job (search results, the offline list,
//   embeds);
// - a page prerendered for another query than the one it is opened with
//   (data-rendered-query) stays hidden until the app replaces it;
// - on a prerendered page that reads on its own (marked data-app-deferred
//   by the prerenderer), at the reader's first interaction, so the page's
//   first paint and first quiet moments on a slow phone are not spent
//   downloading and running the wasm. A link followed before that is a
//   plain page load, which is what a prerendered site is made for.
//
// The page's preloads (the wasm, its JS, the site file) move into
// start-<hash>.js too and are issued when the app starts, not before the
// first paint. Run by trunk after every build, before the files are
// copied, listed and compressed.
// Usage: node scripts/external-loader.mjs <dir>
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/external-loader.mjs <dir>');
  process.exit(2);
}
const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/g;
const scripts = [...html.matchAll(inline)];
if (scripts.length !== 1) {
  console.error(`external-loader: expected one inline module script in ${page}, found ${scripts.length}`);
  process.exit(1);
}
const hashed = (prefix, code) => `${prefix}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
const [tag, code] = scripts[0];
const app = hashed('app', code);
writeFileSync(join(dir, app), code);

/** The attributes of a tag, quoted or not (the release build is minified). */
function attributes(text) {
  const out = {};
  for (const [, name, value] of text.matchAll(/([^\s=/]+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
    out[name.toLowerCase()] = value === undefined ? '' : value.replace(/^["']|["']$/g, '');
  }
  return out;
}
const preloads = [];
html = html.replace(/<link\b([^>]*)>/g, (link, attrs) => {
  const parsed = attributes(attrs);
  if (!/^(preload|modulepreload)$/.test(parsed.rel ?? '')) return link;
  preloads.push(parsed);
  return '';
});

// How long a page prerendered for another query stays hidden waiting for
// the app (the app itself gives up on taking over after 20 s).
const STALE_PATIENCE_MS = 20_000;
const start = `// Starts the app: written by scripts/external-loader.mjs, which says when.
const preloads = ${JSON.stringify(preloads)};
const start = () => {
  for (const attributes of preloads) {
    const link = document.createElement('link');
    for (const [name, value] of Object.entries(attributes)) link.setAttribute(name, value);
    document.head.append(link);
  }
  import('./${app}');
};
const page = document.querySelector('body > [data-prerendered]');
// A page showing what its query asks for (an embed's options, a search),
// prerendered for another query, would show the wrong thing until the app
// has rendered the right one and replaced it: it stays hidden until then,
// and shows again should the app not come.
const rendered = page?.getAttribute('data-rendered-query');
if (rendered != null && rendered !== location.search) {
  page.style.visibility = 'hidden';
  setTimeout(() => (page.style.visibility = ''), ${STALE_PATIENCE_MS});
}
if (page?.hasAttribute('data-app-deferred')) {
  const intents = ['pointerdown', 'pointermove', 'touchstart', 'keydown', 'focusin', 'wheel'];
  const wake = () => {
    for (const type of intents) removeEventListener(type, wake, true);
    start();
  };
  for (const type of intents) addEventListener(type, wake, { capture: true, passive: true });
} else {
  start();
}
`;
const name = hashed('start', start);
writeFileSync(join(dir, name), start);
// Relative to <base href>, like every other file of the app.
writeFileSync(page, html.replace(tag, `<script type="module" src="${name}"></script>`));
console.log(`external-loader: ${name} starts ${app}; ${preloads.length} preloads at start`);
