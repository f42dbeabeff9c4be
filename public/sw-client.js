// Registers the service worker (sw.js) and keeps the reader informed: a
// "new version" prompt whose Reload switches every open tab to the new
// build at once, an offline notice, and a "Something went wrong" screen if
// the app crashes. Plain script with no dependencies, so it works even when
// the app itself failed to start or has stopped.
(() => {
  // The app announces a panic (src/crash.rs); a wasm trap shows as an
  // uncaught WebAssembly.RuntimeError. Either way the page no longer
  // responds: say so and offer a reload, instead of a frozen page.
  const crashed = () => {
    if (document.getElementById('crash-screen')) return;
    const screen = document.createElement('div');
    screen.id = 'crash-screen';
    screen.className = 'crash-screen';
    screen.setAttribute('role', 'alertdialog');
    screen.setAttribute('aria-modal', 'true');
    screen.setAttribute('aria-labelledby', 'crash-title');
    const box = document.createElement('div');
    box.className = 'crash-box';
    const title = document.createElement('h1');
    title.id = 'crash-title';
    title.textContent = 'Something went wrong';
    const text = document.createElement('p');
    text.textContent = 'This page stopped working. Reloading it usually helps.';
    const again = document.createElement('button');
    again.type = 'button';
    again.className = 'button';
    again.textContent = 'Reload';
    again.addEventListener('click', () => location.reload());
    box.append(title, text, again);
    screen.append(box);
    document.body.append(screen);
    // The rest of the page no longer works: keep focus and readers here.
    for (const child of document.body.children) if (child !== screen) child.inert = true;
    again.focus();
  };
  addEventListener('newsroom:crashed', crashed);
  addEventListener('error', (event) => {
    if (event.error instanceof WebAssembly.RuntimeError) crashed();
  });

  // Inside a partner's iframe (an embed): no notices over their page, and
  // nothing saved, as a visitor of their page should not download our
  // archive.
  if (window.top !== window) return;
  const base = document.baseURI;
  const region = document.createElement('div');
  region.className = 'app-notices';
  region.setAttribute('role', 'status');
  const offline = document.createElement('p');
  offline.className = 'app-notice offline-notice';
  offline.hidden = true;
  offline.append('You are offline. Pages saved on this device still open. ');
  const saved = document.createElement('a');
  saved.href = new URL('offline', base).href;
  saved.textContent = 'See what is available offline';
  offline.append(saved);
  const update = document.createElement('p');
  update.className = 'app-notice update-notice';
  update.hidden = true;
  update.append('A new version is available. ');
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'button';
  reload.textContent = 'Reload';
  update.append(reload);
  region.append(offline, update);
  const mount = () => document.body.append(region);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);

  const showOffline = () => {
    offline.hidden = navigator.onLine;
  };
  addEventListener('online', showOffline);
  addEventListener('offline', showOffline);
  showOffline();

  const workers = navigator.serviceWorker;
  if (!workers) return;
  // A page that was already under a worker reloads when another takes over
  // (the reader chose Reload here or in another tab): it never runs old
  // code against the new build's files. A first install changes nothing.
  let controlled = Boolean(workers.controller);
  let reloading = false;
  workers.addEventListener('controllerchange', () => {
    if (controlled && !reloading) {
      reloading = true;
      location.reload();
    }
    controlled = true;
  });

  workers
    .register(new URL('sw.js', base), { updateViaCache: 'none' })
    .then((registration) => {
      const offer = () => {
        if (registration.waiting && workers.controller) update.hidden = false;
      };
      reload.addEventListener('click', () => {
        if (registration.waiting) registration.waiting.postMessage({ type: 'skip-waiting' });
        else location.reload();
      });
      registration.addEventListener('updatefound', () => {
        const installing = registration.installing;
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'installed') offer();
        });
      });
      offer();
      // Look for a new build when the reader comes back to the tab.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') registration.update().catch(() => {});
      });
    })
    // Service workers refused (a private window, a sandboxed frame): the
    // site works online as before.
    .catch((error) => console.warn(`Offline reading is not available: ${error.message}`));
})();
