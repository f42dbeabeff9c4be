// Page objects for the service worker: what it has saved, its state, and
// the notices the reader sees.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The precache list a site folder's build wrote. */
export function precacheOf(dir) {
  const version = readFileSync(join(dir, 'sw.js'), 'utf8').match(/VERSION = '([0-9a-f]+)'/)[1];
  return JSON.parse(readFileSync(join(dir, `precache-${version}.json`), 'utf8'));
}

export class Offline {
  constructor(site) {
    this.site = site;
    this.page = site.page;
    this.notices = site.page.locator('.app-notices');
  }

  /** Waits until a service worker controls the page and has saved its
   * precache list. */
  async controlled() {
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  }

  /** The URL paths (relative to the site root) in each of this site's caches. */
  async caches() {
    return this.page.evaluate(async () => {
      const out = {};
      const root = document.baseURI;
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        out[name] = (await cache.keys()).map((r) => r.url.slice(root.length));
      }
      return out;
    });
  }

  /** The version of the build the controlling worker serves. */
  async version() {
    return this.page.evaluate(async () => (await (await fetch('offline.json')).json()).version);
  }

  offlineNotice() {
    return this.notices.locator('.offline-notice');
  }

  updateNotice() {
    return this.notices.locator('.update-notice');
  }
}
