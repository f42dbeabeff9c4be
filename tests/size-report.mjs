// Prints the size of the built app's files: raw, gzip -9 and brotli -11.
// Usage: node tests/size-report.mjs [dist]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const files = readdirSync(dist)
  .filter((f) => /\.(wasm|js|css|html)$/.test(f) && statSync(join(dist, f)).isFile())
  .sort();
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = files.map((f) => {
  const body = readFileSync(join(dist, f));
  const gz = gzipSync(body, { level: 9 }).length;
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return [f.replace(/-[0-9a-f]{8,16}(?=[._])/, ''), kb(body.length), kb(gz), kb(br)];
});
const table = [['file', 'raw', 'gzip', 'brotli'], ...rows];
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
for (const row of table) console.log(row.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));
