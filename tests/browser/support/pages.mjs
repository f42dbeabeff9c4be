// Page objects: what a reader sees and does, by role and label, so tests
// read as behaviour and survive markup changes.
import assert from 'node:assert/strict';

export class SitePage {
  constructor(page, server) {
    this.page = page;
    this.server = server;
  }

  async goto(path) {
    await this.page.goto(this.server.url(path));
    await this.ready();
  }

  /** Waits until the app has rendered a page (or its load error) and
   * the parts it fetches have arrived. */
  async ready() {
    // A prerendered page is read until the app takes it over; on a page
    // that reads on its own, the app starts when the reader first moves.
    await this.wake();
    await this.page.locator('body > [data-prerendered]').waitFor({ state: 'detached' });
    await this.page.locator('main h1').first().waitFor();
    await this.page.locator('main .loading').first().waitFor({ state: 'detached' });
  }

  /** The reader moves the mouse, as anyone who starts using a page does
   * (on a page that reads on its own, the app starts then). */
  async wake() {
    await this.page.waitForLoadState('domcontentloaded');
    await this.page.mouse.move(3, 3);
    await this.page.mouse.move(1, 1);
  }

  h1() {
    return this.page.locator('main h1');
  }

  async heading() {
    return (await this.h1().textContent()).trim();
  }

  nav() {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  menuButton(label) {
    return this.nav().getByRole('button', { name: label, exact: true });
  }

  async panelOf(label) {
    const id = await this.menuButton(label).getAttribute('aria-controls');
    return this.page.locator(`#${id}`);
  }

  async expanded(label) {
    return (await this.menuButton(label).getAttribute('aria-expanded')) === 'true';
  }

  breadcrumb() {
    return this.page.getByRole('navigation', { name: 'Breadcrumb' });
  }

  async breadcrumbSteps() {
    return (await this.breadcrumb().locator('li').allTextContents()).map((s) => s.trim());
  }

  /** Clicks a link in the main region and waits for the next page's h1. */
  async follow(name) {
    const before = this.page.url();
    await this.page.locator('main').getByRole('link', { name, exact: true }).first().click();
    await this.page.waitForURL((u) => u.toString() !== before);
    await this.ready();
  }

  /** How wide the page is against its window, and the first elements that
   * stick out past the right edge (empty when nothing scrolls sideways). */
  async sideways() {
    return this.page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
      wide: [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().width)}`),
    }));
  }

  async focusedText() {
    return this.page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  }

  async expectHeading(text) {
    await this.page.waitForFunction(
      (t) => document.querySelector('main h1')?.textContent?.trim() === t,
      text,
    );
    assert.equal(await this.heading(), text);
  }
}

/** The header search box and its suggestions. */
export class SearchBox {
  constructor(site) {
    this.site = site;
    this.page = site.page;
    this.input = site.page.getByRole('banner').getByRole('searchbox', { name: 'Search', exact: true });
    this.listbox = site.page.getByRole('listbox', { name: 'Suggestions' });
  }

  options() {
    return this.listbox.getByRole('option');
  }

  async optionTexts() {
    return (await this.options().allTextContents()).map((t) => t.trim());
  }

  /** Waits until the answer to what is typed shows a given option count. */
  async waitForOptions(n) {
    await this.page.waitForFunction(
      (n) =>
        document.querySelector('#site-search-listbox')?.getAttribute('aria-busy') === 'false' &&
        document.querySelectorAll('#site-search-listbox [role=option]').length === n,
      n,
    );
  }
}

/** The /search results page. */
export class ResultsPage {
  constructor(site) {
    this.site = site;
    this.page = site.page;
  }

  /** Waits until the page shows the answer to the query in the URL. */
  async settled() {
    await this.page.waitForFunction(() => {
      const answer = document.querySelector('.search-answer');
      if (answer?.getAttribute('aria-busy') !== 'false') return false;
      const q = (new URL(location.href).searchParams.get('q') || '').trim();
      const summary = answer.querySelector('.results-summary');
      if (summary) return summary.textContent.includes(`\u201c${q}\u201d`);
      return answer.querySelector('[role=alert], .empty') !== null;
    });
  }

  async summary() {
    await this.settled();
    return (await this.page.locator('.results-summary').textContent()).trim();
  }

  async titles() {
    await this.settled();
    return (await this.page.locator('.search-result-title').allTextContents()).map((t) => t.trim());
  }

  async marks() {
    await this.settled();
    return (await this.page.locator('.search-results mark').allTextContents()).map((t) => t.trim());
  }

  query() {
    return new URL(this.page.url()).searchParams.get('q');
  }

  /** The notice that results may be missing (parts of the index could not
   * be downloaded). */
  incompleteNotice() {
    return this.page.locator('.search-incomplete');
  }
}

/** An embed inside a partner's page: its frame element and its document. */
export class EmbedFrame {
  /** `id` of the iframe, or the iframe's locator. */
  constructor(page, id, element = null) {
    this.page = page;
    this.element = element ?? page.locator(`iframe#${id}`);
    this.frame = this.element.contentFrame();
  }

  locator(selector) {
    return this.frame.locator(selector);
  }

  /** Waits until the embed shows its page and what it fetches (a page
   * prerendered for other options stays hidden until the app replaces it). */
  async ready() {
    await this.locator('main h1').first().waitFor({ state: 'visible' });
    await this.locator('main .loading').first().waitFor({ state: 'detached' });
  }

  async heading() {
    return (await this.locator('main h1').first().textContent()).trim();
  }

  /** How many pieces of the site's chrome the embed shows. */
  async chrome() {
    return this.locator('header.site-header, nav[aria-label="Main"], footer.site-footer, .skip-link').count();
  }

  async frameHeight() {
    return this.element.evaluate((f) => f.getBoundingClientRect().height);
  }

  async contentHeight() {
    return this.locator('.embed').evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
  }

  /** Waits until the frame is as tall as its content (and `accept`s the
   * height); returns that height. Fails after 10 s. */
  async waitForFit(accept = () => true) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const frame = await this.frameHeight();
      const content = await this.contentHeight();
      if (Math.abs(frame - content) <= 1 && accept(frame)) return frame;
      if (Date.now() > deadline) assert.fail(`the frame is ${frame} px high, its content ${content} px`);
      await this.page.waitForTimeout(50);
    }
  }
}
