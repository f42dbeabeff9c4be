// Moves the module script trunk writes inline into index.html (it loads the
// wasm) into a file of its own, `start-<hash>.js`, so the pages run under a
// Content-Security-Policy without 'unsafe-inline' (trunk has no option for
// it: trunk-rs/trunk#288). Run by trunk after every build, before the files
// are copied, listed and compressed.
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
const html = readFileSync(page, 'utf8');
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/g;
const scripts = [...html.matchAll(inline)];
if (scripts.length !== 1) {
  console.error(`external-loader: expected one inline module script in ${page}, found ${scripts.length}`);
  process.exit(1);
}
const [tag, code] = scripts[0];
const name = `start-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, name), code);
// Relative to <base href>, like every other file of the app.
writeFileSync(page, html.replace(tag, `<script type="module" src="${name}"></script>`));
console.log(`external-loader: ${name}`);
