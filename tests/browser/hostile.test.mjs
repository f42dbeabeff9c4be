// Hostile content: markup in every field of the site and an article
// (tests/fixtures/hostile), links to unsafe addresses in a published file
// the build did not write, and huge strings. Everything shows as text,
// nothing runs, only safe links become links, and the layout holds.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { useSite } from './support/fixture.mjs';
import { ROOT, publish } from './support/site.mjs';

const env = useSite({ serviceWorkers: 'block' });
const MARKUP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const fixture = (file) => JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/hostile', file), 'utf8'));

const HUGE_WORD = 'W'.repeat(20_000);
const HUGE_TEXT = 'lorem ipsum '.repeat(100_000); // 1.2 MB
const UNSAFE = [
  ['script one', 'javascript:window.__pwned=3'],
  ['script two', 'JaVaScRiPt:window.__pwned=4'],
  ['script three', ' javascript:window.__pwned=5'],
  ['script four', 'java\tscript:window.__pwned=6'],
  ['data page', 'data:text/html,<script>parent.__pwned=7</script>'],
  ['other host', '//evil.example/'],
  ['vb', 'vbscript:msgbox(1)'],
];

function hostileSite() {
  const site = fixture('site.json');
  const news = fixture('news.json');
  site.taxonomies.fields.terms.push({ slug: 'huge-field', name: HUGE_WORD });
  news.articles.push({
    slug: 'huge',
    title: HUGE_WORD,
    lead: HUGE_TEXT.slice(0, 5_000),
    issued_on: '2026-01-01',
    tags: { fields: ['huge-field'] },
    body: [{ type: 'paragraph', text: HUGE_TEXT }, { type: 'list', items: [HUGE_WORD, HUGE_WORD] }],
  });
  const data = publish({ site, news });
  // A published file the build did not write: links it would refuse.
  const file = join(data, 'articles', 'hostile.json');
  const article = JSON.parse(readFileSync(file, 'utf8'));
  article.body.push({
    type: 'paragraph',
    text: `Unsafe: ${UNSAFE.map(([text]) => text).join(', ')}.`,
    links: UNSAFE.map(([text, href]) => ({ text, href })),
  });
  writeFileSync(file, JSON.stringify(article));
  return data;
}

const data = hostileSite();

/** Nothing injected: no element the content could have made, no script run. */
async function assertInert(site, where) {
  const injected = await site.page.evaluate(() => document.querySelectorAll('body img, body script, body iframe, body object, body embed').length);
  assert.equal(injected, 0, `no element from content on ${where}`);
  assert.equal(await site.page.evaluate(() => window.__pwned), undefined, `nothing ran on ${where}`);
}

async function assertNoSideways(site, where) {
  const { scroll, width, wide } = await site.sideways();
  assert.ok(scroll <= width, `${where}: page is ${scroll} px wide in a ${width} px window (${wide.join(', ')})`);
}

describe('hostile content', () => {
  test('markup in every field shows as text on every page type and runs nowhere', async () => {
    env.server.overlays.set('/data/', data);
    const site = await env.open('/');
    assert.equal(await site.heading(), `Title ${MARKUP}`);
    assert.equal(await site.page.title(), `Name ${MARKUP}`);
    assert.equal((await site.page.locator('.tagline').textContent()).trim(), `Tagline ${MARKUP}`);
    for (const button of await site.nav().locator('.menu-button').all()) await button.click();
    assert.deepEqual(
      (await site.nav().locator('.menu-button').allTextContents()).map((t) => t.trim()),
      [`Section ${MARKUP}`, `Other ${MARKUP}`],
    );
    // The last button opened closes the others' panels: look in the DOM.
    assert.equal(await site.nav().locator('a', { hasText: `Leaf ${MARKUP}` }).count(), 1);
    await assertInert(site, 'home with the menu open');

    const pages = [
      ['/news/hostile', `Article ${MARKUP}`],
      ['/news', 'News'],
      ['/fields/field-a', `Field A ${MARKUP}`],
      ['/countries/country-a', `Country A ${MARKUP}`],
      ['/countries', `Countries ${MARKUP}`],
      ['/structures/structure-a', `Structure A ${MARKUP}`],
      ['/meetings/meeting-a', `Meeting A ${MARKUP}`],
      ['/search?q=article', 'Search'],
      ['/embed/news/hostile', `Article ${MARKUP}`],
    ];
    for (const [path, heading] of pages) {
      await site.goto(path);
      await site.expectHeading(heading);
      await assertInert(site, path);
    }
    await site.goto('/news/hostile');
    const article = site.page.locator('main article');
    assert.equal((await article.locator('.lead').textContent()), `Lead ${MARKUP}`);
    for (const text of [`Issuer ${MARKUP}`, `Heading ${MARKUP}`, `Quote ${MARKUP}`, `Attribution ${MARKUP}`, `Item 1 ${MARKUP}`, `Field A ${MARKUP}`]) {
      assert.equal(await article.getByText(text, { exact: true }).count(), 1, text);
    }
    await site.goto('/countries/country-a');
    assert.equal(await site.page.locator('.term-note').textContent(), `Note A ${MARKUP}`);
    await site.goto('/fields/field-a');
    assert.equal(await site.page.locator('.term-summary').textContent(), `Summary A ${MARKUP}`);
    await site.goto('/search?q=article');
    assert.ok((await site.page.locator('main').innerText()).includes(`Article ${MARKUP}`));
    await site.page.close();
  });

  test('only http(s), mailto and site links become links; the rest stays text', async () => {
    env.server.overlays.set('/data/', data);
    const site = await env.open('/news/hostile');
    const body = site.page.locator('.article-body');
    const links = await body.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    assert.deepEqual(links, [
      ['the site', 'https://example.org/?q=<script>'],
      ['the press office', 'mailto:press@example.org'],
      [MARKUP, '/news'],
    ]);
    for (const [text] of UNSAFE) {
      assert.equal(await body.getByText(text).count(), 1, `${text} is shown`);
      assert.equal(await body.getByRole('link', { name: text }).count(), 0, `${text} is not a link`);
    }
    await assertInert(site, 'the article');
    // A site link navigates inside the app.
    await body.getByRole('link', { name: MARKUP }).click();
    await site.expectHeading('News');
    assert.equal(new URL(site.page.url()).pathname, '/news');
    await site.page.close();
  });

  test('hostile paths, queries and embed parameters are shown as text or ignored', async () => {
    const site = await env.open(null);
    const x = encodeURIComponent(MARKUP);
    const urls = [
      [`/news/${x}`, 'Page not found'],
      [`/fields/${x}`, 'Page not found'],
      [`/${x}/${x}`, 'Page not found'],
      [`/news?field=${x}&page=${x}&country=${x}`, 'News'],
      [`/search?q=${x}&type=${x}&year=javascript:alert(1)&page=-1`, 'Search'],
      [`/embed/news?limit=${x}&theme=${x}&accent=${encodeURIComponent('red;background:url(javascript:alert(1))')}&target=${x}`, null],
      [`/embed/search?q=${x}&accent=${encodeURIComponent('#fff;}</style><script>window.__pwned=1</script>')}`, null],
    ];
    for (const [url, heading] of urls) {
      await site.goto(url);
      if (heading) await site.expectHeading(heading);
      else await site.page.locator('h1').first().waitFor();
      await assertInert(site, url);
      const styles = await site.page.evaluate(() => document.documentElement.getAttribute('style') ?? '');
      assert.ok(!/javascript|url\(|script/i.test(styles), `${url}: style ${styles}`);
    }
    await site.goto(`/news/${x}`);
    assert.ok((await site.page.locator('main').innerText()).includes(`There is no article “${MARKUP}”`));
    await site.goto(`/search?q=${x}`);
    assert.equal(await site.page.getByRole('searchbox', { name: 'Search the site' }).inputValue(), MARKUP);
    await site.page.close();
  });

  test('huge strings render and wrap, at 1280 and at 320 px wide', async () => {
    env.server.overlays.set('/data/', data);
    const site = await env.open(null);
    for (const width of [1280, 320]) {
      await site.page.setViewportSize({ width, height: 800 });
      await site.goto('/news/huge');
      await site.expectHeading(HUGE_WORD);
      assert.equal((await site.page.locator('.article-body p').first().textContent()).length, HUGE_TEXT.length);
      await assertNoSideways(site, `the article at ${width} px`);
      for (const path of ['/news', '/fields/huge-field', '/search?q=lorem']) {
        await site.goto(path);
        await site.page.locator('main h1').waitFor();
        await site.page.locator('main :is(h1, h2, h3)', { hasText: HUGE_WORD.slice(0, 100) }).first().waitFor();
        await assertNoSideways(site, `${path} at ${width} px`);
      }
    }
    await site.page.close();
  });
});
