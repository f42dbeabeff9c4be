// Every way a download can fail, for each kind of data file a page needs:
// the site file (menus, taxonomies), a page of the news list and an
// article. The test server answers the file with a 404, a 500, a body cut
// off, JSON of the wrong shape, an HTML page, a file too large or nothing
// at all; the page names the file and what happened, the rest of the site
// keeps working, and Retry recovers once the file is back. (The search
// index has the same matrix in search.test.mjs.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useSite } from './support/fixture.mjs';
import { loadContent } from './support/site.mjs';

const env = useSite({ serviceWorkers: 'block' });
const { site: siteData, news } = loadContent();
const article = news.articles[0];

const FAULTS = {
  '404': {
    message: (file) => `Could not download ${file}: the server answered 404`,
    answer: (res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('gone');
    },
  },
  '500': {
    message: (file) => `Could not download ${file}: the server answered 500`,
    answer: (res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    },
  },
  'a body cut off': {
    message: (file) => `Could not download ${file}`,
    answer: (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 5000 });
      res.write('{"site": {"name": "Half');
      setTimeout(() => res.destroy(), 50);
    },
  },
  'JSON of the wrong shape': {
    message: (file) => `${file} is not valid content`,
    answer: (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[{"unexpected": true}]');
    },
  },
  'an HTML page in its place': {
    message: (file) => `${file}`,
    answer: (res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Welcome</title><script>window.__pwned = 1</script><h1>Welcome</h1>');
    },
  },
  'a file too large': {
    message: (file) => `${file} is not valid content: it is 80 MB, more than the 64 MB a file may be`,
    answer: (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 80 << 20 });
      res.on('error', () => {});
      res.write(Buffer.alloc(1 << 16, 32));
    },
  },
  'no answer at all': {
    message: (file) => `Could not download ${file}: Error: no complete answer within 15 seconds`,
    answer: (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
    },
  },
};

// Each file, the page that needs it, and what that page shows once the
// file loads. An article that is missing (a 404, or the HTML page a host
// answers unknown paths with) is "not found", not a failure.
const FILES = [
  { file: 'data/site.json', path: '/news', heading: 'News', whole: true },
  { file: 'data/news/page-1.json', path: '/news', heading: 'News' },
  { file: `data/articles/${article.slug}.json`, path: `/news/${article.slug}`, heading: article.title, missing: ['404', 'an HTML page in its place'] },
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('download faults', () => {
  for (const { file, path, heading, whole, missing = [] } of FILES) {
    for (const [what, fault] of Object.entries(FAULTS)) {
      test(`${file}: ${what}`, { timeout: 60_000 }, async () => {
        env.allowed = [/Failed to load resource/];
        const open = [];
        env.server.faults.set(`/${file}`, (req, res) => {
          open.push(res);
          fault.answer(res);
        });
        const site = await env.open(path);
        if (missing.includes(what)) {
          await site.expectHeading('Page not found');
        } else {
          const alert = site.page.getByRole('alert');
          await alert.waitFor({ timeout: 30_000 });
          assert.match(await alert.innerText(), new RegExp(escape(fault.message(file))));
          assert.equal(await site.page.getByRole('button', { name: 'Retry' }).count(), 1);
          if (!whole) assert.equal(await site.nav().count(), 1, 'the site around it still works');
        }
        assert.equal(await site.page.evaluate(() => window.__pwned), undefined);
        assert.equal(await site.page.getByRole('heading', { name: 'Welcome' }).count(), 0, 'an HTML answer is never shown');
        for (const res of open) res.destroy();
        env.server.faults.clear();
        if (missing.includes(what)) {
          await site.goto(path);
        } else {
          await site.page.getByRole('button', { name: 'Retry' }).click();
        }
        await site.expectHeading(heading);
        assert.equal(await site.page.getByRole('alert').count(), 0);
        await site.page.close();
      });
    }
  }
});
