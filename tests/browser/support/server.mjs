// A small static file server for the browser tests, bound to 127.0.0.1.
// mode "spa": unknown paths get index.html with 200, as trunk serve and
// most SPA hosts do. mode "404": unknown paths get 404.html with status 404,
// as a plain static host (GitHub Pages and the like) does.
// `faults` lets a test answer chosen paths its own way; `overlays` maps a
// path prefix to another folder to serve it from (another site's data). Files built with
// precompressed copies (`.br`, `.gz`) are sent compressed to a browser that
// accepts it, and a text file without a copy is compressed as it is sent
// (brotli, or gzip for a client that takes only gzip), as the shipped
// nginx config does. `setDown(true)` makes it drop
// every connection unanswered, as an unreachable host does.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { COMPRESSIBLE } from '../../../scripts/compressible.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export async function startServer({ root, mode = 'spa', base = '/' } = {}) {
  const rootDir = resolve(root);
  const faults = new Map();
  const overlays = new Map();
  const requests = [];
  let down = false;

  async function sendFile(req, res, file, status = 200) {
    const accepted = req.headers['accept-encoding'] ?? '';
    let encoding = null;
    let body = null;
    for (const [name, ext] of [['br', '.br'], ['gzip', '.gz']]) {
      if (!new RegExp(`\\b${name}\\b`).test(accepted)) continue;
      body = await readFile(file + ext).catch(() => null);
      if (body) {
        encoding = name;
        break;
      }
    }
    if (!body) {
      body = await readFile(file);
      // No copy: compressed as sent, as the shipped nginx config does.
      if (/\bbr\b/.test(accepted) && COMPRESSIBLE.test(file)) {
        body = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
        encoding = 'br';
      } else if (/\bgzip\b/.test(accepted) && COMPRESSIBLE.test(file)) {
        body = gzipSync(body, { level: 5 });
        encoding = 'gzip';
      }
    }
    res.writeHead(status, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
      vary: 'accept-encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
    res.end(body);
  }

  const server = createServer(async (req, res) => {
    if (down) return req.socket.destroy();
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      requests.push(url.pathname);
      const fault = faults.get(url.pathname.replace(base, '/'));
      if (fault) return fault(req, res);
      if (!url.pathname.startsWith(base)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('outside the base path');
      }
      let rel = decodeURIComponent(url.pathname.slice(base.length - 1));
      let dir = rootDir;
      for (const [prefix, over] of overlays) {
        if (rel.startsWith(prefix)) {
          dir = resolve(over);
          rel = rel.slice(prefix.length);
          break;
        }
      }
      const file = normalize(join(dir, rel));
      if (!file.startsWith(dir)) {
        res.writeHead(403);
        return res.end();
      }
      const info = await stat(file).catch(() => null);
      if (info?.isFile()) return await sendFile(req, res, file);
      if (info?.isDirectory()) {
        const index = join(file, 'index.html');
        if (await stat(index).catch(() => null)) return await sendFile(req, res, index);
      }
      if (mode === 'spa') return await sendFile(req, res, join(rootDir, 'index.html'));
      return await sendFile(req, res, join(rootDir, '404.html'), 404);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: (path = '/') => `http://127.0.0.1:${port}${base.replace(/\/$/, '')}${path}`,
    faults,
    overlays,
    requests,
    setDown: (value) => {
      down = value;
      if (down) server.closeAllConnections();
    },
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}
