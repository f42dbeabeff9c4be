// Sizes embedded Newsroom iframes to their content. Include it once on the
// page that embeds them (see the README or the site's /embed page):
//   <iframe src="https://news.example/embed/news" data-newsroom-embed …></iframe>
//   <script src="https://news.example/embed.js" async></script>
// An embed posts { type: "newsroom:height", height: <CSS pixels> } to its
// parent whenever its height changes. A message is used only when it comes
// from one of these iframes and from the site this script was loaded from
// (for a copy served by the partner's own site: from the origin of the
// iframe's src); a message from any other window or origin is ignored.
// No dependencies.
(() => {
  if (window.__newsroomEmbeds) return;
  window.__newsroomEmbeds = true;
  const SELECTOR = 'iframe[data-newsroom-embed]';
  const scriptOrigin = document.currentScript ? new URL(document.currentScript.src, location.href).origin : location.origin;
  const MAX_HEIGHT = 100000;

  const originOf = (frame) => {
    try {
      return new URL(frame.src, location.href).origin;
    } catch {
      return null;
    }
  };

  addEventListener('message', (event) => {
    const data = event.data;
    if (!data || data.type !== 'newsroom:height' || typeof data.height !== 'number') return;
    if (!Number.isFinite(data.height) || data.height < 0) return;
    for (const frame of document.querySelectorAll(SELECTOR)) {
      if (frame.contentWindow !== event.source) continue;
      const expected = scriptOrigin === location.origin ? originOf(frame) : scriptOrigin;
      if (event.origin !== expected || event.origin !== originOf(frame)) return;
      frame.style.height = `${Math.min(Math.ceil(data.height), MAX_HEIGHT)}px`;
      return;
    }
  });

  // An embed that loaded before this script reports again when asked.
  const ask = (frame) => {
    const origin = originOf(frame);
    if (origin && frame.contentWindow) frame.contentWindow.postMessage({ type: 'newsroom:ping' }, origin);
  };
  const watch = (frame) => {
    if (frame.__newsroomWatched) return;
    frame.__newsroomWatched = true;
    frame.addEventListener('load', () => ask(frame));
    ask(frame);
  };
  const scan = () => document.querySelectorAll(SELECTOR).forEach(watch);
  scan();
  // Embeds added later (a page built by script) are picked up too.
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
})();
