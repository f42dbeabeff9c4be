// Opens and closes the main menu's sections on a prerendered page until
// the app takes it over (newsroom::takeover replaces the element marked
// data-prerendered), so the menu works while the wasm downloads, as the
// WAI-ARIA disclosure pattern the app follows: one panel open at a time,
// Escape closes it and returns focus to its button.
(() => {
  const prerendered = () => document.querySelector('body > [data-prerendered]');
  const inPage = (el) => el && prerendered()?.contains(el);
  const panelOf = (button) => document.getElementById(button.getAttribute('aria-controls'));

  const setOpen = (button, open) => {
    button.setAttribute('aria-expanded', String(open));
    const panel = panelOf(button);
    if (panel) panel.hidden = !open;
  };
  const closeAll = (except) => {
    for (const b of prerendered()?.querySelectorAll('.menu-button[aria-expanded="true"]') ?? []) {
      if (b !== except) setOpen(b, false);
    }
  };

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!inPage(target)) return;
    const button = target.closest('.menu-button');
    const toggle = target.closest('.menu-toggle');
    if (button) {
      closeAll(button);
      setOpen(button, button.getAttribute('aria-expanded') !== 'true');
    } else if (toggle) {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      document.getElementById(toggle.getAttribute('aria-controls'))?.classList.toggle('is-open', open);
    } else if (!target.closest('.site-nav')) {
      closeAll();
    }
  });

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !inPage(event.target)) return;
    const open = prerendered()?.querySelector('.menu-button[aria-expanded="true"]');
    if (open) {
      event.preventDefault();
      setOpen(open, false);
      open.focus();
    }
  });
})();
