// What axe cannot check: walking every page type with the keyboard alone
// (each stop visible, in view and reached once, focus never trapped), the
// embed builder by keyboard, the crash screen holding focus, layouts at
// 320 px and at 200% zoom, and reduced motion.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useSite } from './support/fixture.mjs';
import { loadContent } from './support/site.mjs';

const env = useSite({ serviceWorkers: 'block' });
const { news } = loadContent();
const article = news.articles[0];

const PAGES = [
  '/',
  '/news',
  `/news/${article.slug}`,
  '/news?country=bosnia-and-herzegovina',
  '/structures/secretariat',
  '/countries',
  '/search?q=sarajevo',
  '/offline',
  '/embed',
  '/no-such-page',
  '/embed/news',
  `/embed/news/${article.slug}`,
  '/embed/search?q=sarajevo',
];

/** The focused element, described; null when focus has left the page. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const all = [...document.querySelectorAll('*')];
    return {
      key: `${all.indexOf(el)} ${el.tagName} ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}`,
      tag: el.tagName,
      index: all.indexOf(el),
      shown: r.width > 0 && r.height > 0 && cs.visibility !== 'hidden',
      // Partly in view is enough for a control taller than the window.
      inView: r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth,
      ring: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none',
    };
  });
}

/** Presses Tab until focus leaves the page or comes back to where it
 * started; fails on a stop reached twice (a trap) or never leaving. */
async function walk(page, where) {
  const stops = [];
  for (let presses = 0; presses < 400; presses++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f === null || (stops.length > 0 && f.key === stops[0].key)) return stops;
    // Inside a frame the outer page keeps the iframe focused while Tab
    // moves through the frame's own stops.
    if (f.tag === 'IFRAME' && stops.at(-1)?.key === f.key) continue;
    assert.ok(!stops.some((s) => s.key === f.key), `${where}: focus came back to ${f.key} (a trap?) after ${stops.map((s) => s.key).join(' → ')}`);
    stops.push(f);
  }
  assert.fail(`${where}: focus never left the page in 400 presses`);
}

describe('keyboard only', () => {
  test('Tab reaches every stop of every page type once, visibly and in view, and leaves the page', { timeout: 120_000 }, async () => {
    const site = await env.open(null);
    for (const path of PAGES) {
      await site.goto(path);
      await site.page.locator('h1').first().waitFor();
      // Start from the top of the page (the app focuses the h1 of a page
      // it routes to, so Tab would go on from there).
      await site.page.evaluate(() => {
        const start = document.createElement('span');
        start.tabIndex = -1;
        document.body.prepend(start);
        start.focus();
        start.remove();
      });
      const stops = await walk(site.page, path);
      assert.ok(stops.length >= 1, `${path}: no stops`);
      for (const stop of stops) {
        if (stop.tag === 'IFRAME') continue;
        assert.ok(stop.shown, `${path}: ${stop.key} is focused but not shown`);
        assert.ok(stop.inView, `${path}: ${stop.key} is focused out of view`);
        assert.ok(stop.ring, `${path}: ${stop.key} has no visible focus`);
      }
      if (!path.startsWith('/embed/')) {
        assert.match(stops[0].key, /Skip to main content/, `${path}: the skip link comes first`);
      }
      // And back: Shift+Tab from the last stop goes to the one before it.
      const before = stops.at(-2);
      const last = stops.at(-1);
      if (before && last.tag !== 'IFRAME' && before.tag !== 'IFRAME') {
        await site.page.evaluate((i) => document.querySelectorAll('*')[i].focus(), last.index);
        await site.page.keyboard.press('Shift+Tab');
        assert.equal((await focused(site.page))?.key, before.key, `${path}: Shift+Tab from the last stop`);
      }
    }
    await site.page.close();
  });

  test('the embed builder is used by keyboard alone', async () => {
    const site = await env.open('/embed');
    await site.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
    const code = site.page.getByRole('textbox', { name: 'HTML to copy' });
    const before = await code.inputValue();
    // To the kind of embed: the radio group; arrows choose.
    const press = (key) => site.page.keyboard.press(key);
    await site.page.getByRole('radio', { name: 'Latest headlines' }).focus();
    await press('ArrowDown');
    assert.equal(await site.page.getByRole('radio', { name: 'One article' }).isChecked(), true);
    assert.ok((await code.inputValue()).includes(`/embed/news/${article.slug}`), 'the snippet follows the choice');
    // A select by keyboard.
    await site.page.getByLabel('Colours').focus();
    await press('ArrowDown');
    assert.notEqual(await code.inputValue(), before);
    assert.match(await code.inputValue(), /theme=/);
    // Tab on to the Copy button and press it with Enter.
    await site.page.getByRole('button', { name: 'Copy the HTML' }).focus();
    await press('Enter');
    await site.page.getByText('Copied.').waitFor();
    assert.equal(await site.page.evaluate(() => navigator.clipboard.readText()), await code.inputValue());
    await site.page.close();
  });

  test('the crash screen keeps focus on Reload until it is used', async () => {
    const site = await env.open(`/news/${article.slug}`);
    await site.page.evaluate(() => dispatchEvent(new Event('newsroom:crashed')));
    await site.page.getByRole('alertdialog', { name: 'Something went wrong' }).waitFor();
    for (const key of ['Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await site.page.keyboard.press(key);
      const f = await focused(site.page);
      // Focus may step out to the browser, never onto the stopped page.
      assert.ok(f === null || /Reload/.test(f.key), `after ${key}: ${f?.key}`);
    }
    await site.page.getByRole('button', { name: 'Reload' }).focus();
    await Promise.all([site.page.waitForEvent('load'), site.page.keyboard.press('Enter')]);
    await site.expectHeading(article.title);
    await site.page.close();
  });
});

describe('layout', () => {
  // 640 CSS px is a 1280 px window at 200% zoom.
  for (const width of [320, 640]) {
    test(`every page type holds at ${width} px wide: no sideways scrolling, menu behind its button`, async () => {
      const site = await env.open(null);
      await site.page.setViewportSize({ width, height: 700 });
      for (const path of PAGES) {
        await site.goto(path);
        await site.page.locator('h1').first().waitFor();
        const { scroll, wide } = await site.sideways();
        assert.ok(scroll <= width, `${path}: ${scroll} px wide at ${width} px (${wide.join(', ')})`);
        if (!path.startsWith('/embed/')) {
          const toggle = site.nav().getByRole('button', { name: 'Menu', exact: true });
          assert.equal(await toggle.isVisible(), true, `${path}: the Menu button shows`);
        }
      }
      // The menu opens within the width, and its panels too.
      await site.goto('/');
      await site.nav().getByRole('button', { name: 'Menu', exact: true }).click();
      await site.menuButton('Our work').click();
      const panel = await site.panelOf('Our work');
      assert.equal(await panel.isVisible(), true);
      const right = await panel.evaluate((p) => p.getBoundingClientRect().right);
      assert.ok(right <= width + 1, `the open panel ends at ${right} px`);
      const open = await site.sideways();
      assert.ok(open.scroll <= width, `with the menu open: ${open.scroll} px (${open.wide.join(', ')})`);
      await site.page.close();
    });
  }

  test('with reduced motion asked for, nothing moves', async () => {
    const site = await env.open(null);
    await site.page.emulateMedia({ reducedMotion: 'reduce' });
    for (const path of ['/', `/news/${article.slug}`, '/search?q=sarajevo', '/embed']) {
      await site.goto(path);
      await site.page.locator('h1').first().waitFor();
      if (path === '/') await site.menuButton('Our work').click();
      const moving = await site.page.evaluate(() => [...document.querySelectorAll('*')]
        .filter((e) => {
          const cs = getComputedStyle(e);
          const long = (v) => v.split(',').some((d) => parseFloat(d) > 0);
          return long(cs.transitionDuration) || cs.animationName !== 'none' || cs.scrollBehavior === 'smooth';
        })
        .map((e) => `${e.tagName}.${e.className}`));
      assert.deepEqual(moving, [], `${path}: elements that move`);
    }
    await site.page.close();
  });
});
