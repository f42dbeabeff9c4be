// Launches Debian's Chromium headless through playwright-core and records
// every console error and uncaught exception of the pages it opens.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `serviceWorkers: 'block'` starts a browser that refuses them, as some
 * private windows and locked-down browsers do. */
export async function launch({ serviceWorkers = 'allow' } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'newsroom-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    serviceWorkers,
  });
  // A blocked script, style or request shows as a console error, so every
  // test fails on a Content-Security-Policy violation.
  await context.addInitScript(() => {
    addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
    });
  });
  const problems = [];
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error on ${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`uncaught on ${page.url()}: ${err.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    async newPage() {
      return context.newPage();
    },
    /** Console errors and exceptions seen so far; clears the list. */
    takeProblems() {
      return problems.splice(0);
    },
    close: () => context.close(),
  };
}
