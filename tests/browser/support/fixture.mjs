// Shared set-up of a browser test file: one static server over the built
// app and one headless Chromium, and a check after every test that no page
// logged an error.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, afterEach, before } from 'node:test';
import { launch } from './browser.mjs';
import { SitePage } from './pages.mjs';
import { startServer } from './server.mjs';
import { DIST } from './site.mjs';

/** `serviceWorkers: 'block'` for tests that inject faults at the server: a
 * service worker would answer from what it saved instead. */
export function useSite({ mode = 'spa', root = DIST, base = '/', serviceWorkers = 'allow' } = {}) {
  const env = {};
  before(async () => {
    assert.ok(existsSync(`${root}/index.html`), `no build in ${root}: run scripts/test.sh`);
    env.server = await startServer({ root, mode, base });
    env.browser = await launch({ serviceWorkers });
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  afterEach(() => {
    env.server.faults.clear();
    env.server.overlays.clear();
    const problems = env.browser.takeProblems().filter((p) => !env.allowed?.some((re) => re.test(p)));
    env.allowed = null;
    assert.deepEqual(problems, [], 'pages logged errors');
  });
  /** A fresh tab on the site. */
  env.open = async (path = '/') => {
    const page = await env.browser.newPage();
    const site = new SitePage(page, env.server);
    if (path !== null) await site.goto(path);
    return site;
  };
  return env;
}
