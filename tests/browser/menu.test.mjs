// The main menu: WAI-ARIA disclosure navigation by mouse, keyboard and on
// narrow screens.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { useSite } from './support/fixture.mjs';

const env = useSite();
const SECTIONS = ['Our work', 'Countries', 'Structures and institutions'];

function seedMenuLabels() {
  const seed = readFileSync(new URL('../fixtures/seed-osce-news-page.txt', import.meta.url), 'utf8');
  const lines = seed.split('\n');
  return lines.slice(0, lines.indexOf('News Item')).filter((l) => l !== '-').map((l) => l.replace(/^- /, ''));
}

describe('main menu', () => {
  test('holds every entry of the seed, in order, and no menu roles', async () => {
    const site = await env.open('/');
    for (const label of SECTIONS) {
      const button = site.menuButton(label);
      assert.equal(await button.getAttribute('aria-expanded'), 'false');
      const panel = await site.panelOf(label);
      assert.equal(await panel.count(), 1, `${label} controls an existing panel`);
      assert.equal(await panel.isVisible(), false);
    }
    // Panels are built when first opened: open each, in order.
    const labels = [];
    for (const label of SECTIONS) {
      await site.menuButton(label).click();
      const panel = await site.panelOf(label);
      const entries = await panel.locator('.menu-panel-list a, .menu-panel-list span:not(:has(a))').allTextContents();
      labels.push(label, ...entries);
    }
    assert.deepEqual(labels.map((l) => l.trim()), seedMenuLabels());
    assert.equal(await site.page.locator('[role=menu], [role=menuitem], [role=menubar]').count(), 0);
    await site.page.close();
  });

  test('opens and closes by mouse, one panel at a time, and closes on a click outside', async () => {
    const site = await env.open('/');
    await site.menuButton('Our work').click();
    assert.equal(await site.expanded('Our work'), true);
    const ourWork = await site.panelOf('Our work');
    assert.equal(await ourWork.isVisible(), true);
    assert.equal(await ourWork.getByRole('link', { name: 'Arms control' }).isVisible(), true);

    await site.menuButton('Countries').click();
    assert.equal(await site.expanded('Countries'), true);
    assert.equal(await site.expanded('Our work'), false, 'opening one panel closes the other');
    assert.equal(await ourWork.isVisible(), false);

    await site.menuButton('Countries').click();
    assert.equal(await site.expanded('Countries'), false, 'a second click closes');

    await site.menuButton('Structures and institutions').click();
    // The header's margin, outside the menu (the open panel covers the page).
    await site.page.mouse.click(5, 5);
    assert.equal(await site.expanded('Structures and institutions'), false, 'a click outside closes');
    await site.page.close();
  });

  test('works by keyboard: Enter and Space toggle, Escape closes and returns focus', async () => {
    const site = await env.open('/');
    const { keyboard } = site.page;
    await site.menuButton('Countries').focus();
    await keyboard.press('Enter');
    assert.equal(await site.expanded('Countries'), true);
    await keyboard.press('Space');
    assert.equal(await site.expanded('Countries'), false);
    await keyboard.press('Space');
    assert.equal(await site.expanded('Countries'), true);

    await keyboard.press('Tab');
    assert.equal(await site.focusedText(), 'All', 'Tab enters the open panel');
    await keyboard.press('Tab');
    assert.equal(await site.focusedText(), 'Participating States');
    await keyboard.press('Escape');
    assert.equal(await site.expanded('Countries'), false);
    assert.equal(await site.focusedText(), 'Countries', 'focus returns to the button');

    // Following a link by keyboard opens the page and closes the panel.
    await keyboard.press('Enter');
    await keyboard.press('Tab');
    await keyboard.press('Tab');
    await keyboard.press('Tab');
    assert.equal(await site.focusedText(), 'Albania');
    await keyboard.press('Enter');
    await site.expectHeading('Albania');
    assert.equal(await site.expanded('Countries'), false);
    assert.equal(await site.focusedText(), 'Albania', 'focus moves to the new page heading');
    assert.equal(await site.page.evaluate(() => document.activeElement.tagName), 'H1');
    await site.page.close();
  });

  test('tabbing out of an open panel closes it', async () => {
    const site = await env.open('/');
    await site.menuButton('Structures and institutions').click();
    const panel = await site.panelOf('Structures and institutions');
    const last = panel.getByRole('link').last();
    await last.focus();
    await site.page.keyboard.press('Tab');
    assert.equal(await site.expanded('Structures and institutions'), false);
    await site.page.close();
  });

  test('marks the current section and page', async () => {
    const site = await env.open('/structures/mission-to-serbia');
    assert.equal(await site.menuButton('Structures and institutions').getAttribute('aria-current'), 'true');
    assert.equal(await site.menuButton('Our work').getAttribute('aria-current'), null);
    await site.menuButton('Structures and institutions').click();
    const panel = await site.panelOf('Structures and institutions');
    const current = panel.locator('[aria-current="page"]');
    assert.deepEqual(await current.allTextContents(), ['Mission to Serbia']);
    await site.page.close();
  });

  test('collapses behind a Menu button under 700 px', async () => {
    const site = await env.open(null);
    await site.page.setViewportSize({ width: 375, height: 740 });
    await site.goto('/');
    const toggle = site.nav().getByRole('button', { name: 'Menu', exact: true });
    assert.equal(await toggle.isVisible(), true);
    assert.equal(await site.menuButton('Our work').isVisible(), false);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await site.menuButton('Our work').isVisible(), true);
    await site.menuButton('Our work').click();
    const link = (await site.panelOf('Our work')).getByRole('link', { name: 'Youth' });
    assert.equal(await link.isVisible(), true);
    await link.click();
    await site.expectHeading('Youth');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'navigating closes the menu');
    assert.equal(await site.menuButton('Our work').isVisible(), false);

    await toggle.click();
    await site.page.keyboard.press('Escape');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'Escape closes the menu');

    await site.page.setViewportSize({ width: 1024, height: 740 });
    assert.equal(await toggle.isVisible(), false);
    assert.equal(await site.menuButton('Our work').isVisible(), true);
    await site.page.close();
  });
});
