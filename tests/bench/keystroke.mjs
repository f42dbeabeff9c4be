// One keystroke in the header search box, timed in the page: sets the
// box to `text` and waits until the worker's suggestions are in the DOM
// (the listbox turns busy, then not). Returns [ms to the DOM, ms to the
// next painted frame]. An empty `text` clears the box at once.
export const keystroke = (page, text) =>
  page.evaluate(async (text) => {
    const el = document.querySelector('#site-search-input');
    const list = document.querySelector('#site-search-listbox');
    const start = performance.now();
    await new Promise((ok, fail) => {
      if (!text.trim()) {
        el.value = text;
        el.dispatchEvent(new InputEvent('input', { bubbles: true }));
        return ok();
      }
      let busy = false;
      const timer = setTimeout(() => {
        watch.disconnect();
        fail(new Error(`no suggestions for ${JSON.stringify(text)} within 10 s`));
      }, 10_000);
      const watch = new MutationObserver(() => {
        if (list.getAttribute('aria-busy') === 'true') busy = true;
        else if (busy) {
          watch.disconnect();
          clearTimeout(timer);
          ok();
        }
      });
      watch.observe(list, { attributes: true, attributeFilter: ['aria-busy'] });
      el.value = text;
      el.dispatchEvent(new InputEvent('input', { bubbles: true }));
    });
    const dom = performance.now() - start;
    await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
    return [dom, performance.now() - start];
  }, text);
