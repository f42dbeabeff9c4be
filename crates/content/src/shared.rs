//! Names the Rust side shares with the site's plain JavaScript, HTML and
//! CSS files (the service worker, the page script, the embed script, the
//! page shell and the style sheet), each defined once here.
//! [`SHARED`] says where each must stand, and `tests/shared.rs` checks it.

/// What the service worker has saved for offline reading: the worker
/// answers this path itself (`sw/sw.js`), so a page no worker controls
/// finds none.
pub const OFFLINE_CONTENTS: &str = "offline.json";

/// Every published file (path relative to the site root), one per line,
/// most needed first; under `data/`, beside the files it lists. The
/// offline manifest script reads it to order the precache.
pub const FILES_LIST: &str = "files.txt";

/// The event the panic hook dispatches on the window; the page script
/// then covers the page with "Something went wrong".
pub const CRASH_EVENT: &str = "newsroom:crashed";

/// The message an embed sends its parent page whenever its height changes:
/// `{ "type": "newsroom:height", "height": <CSS pixels> }`.
pub const HEIGHT_MESSAGE: &str = "newsroom:height";

/// The message a parent page sends an embed to ask for its height again.
pub const PING_MESSAGE: &str = "newsroom:ping";

/// The attribute that marks an iframe as an embed for `embed.js` to size.
pub const EMBED_MARKER: &str = "data-newsroom-embed";

/// The header's colour: the web app manifest's and the browser's theme
/// colour, and the style sheet's header background.
pub const THEME_COLOUR: &str = "#0a2540";

/// The page the service worker answers navigations with: the built
/// template, before the prerenderer fills it in (the app renders the route).
pub const SHELL_PAGE: &str = "shell.html";

/// The attribute of the element holding a prerendered page, which the app
/// takes over in place; until then the page script runs its menu.
pub const PRERENDERED: &str = "data-prerendered";

/// The attribute the prerenderer adds to a page that reads on its own: the
/// app starts at the reader's first interaction there, not at load.
pub const APP_DEFERRED: &str = "data-app-deferred";

/// The attribute holding the query a prerendered page was rendered for, on
/// pages whose content depends on it (embeds, search): opened with another
/// query, the page stays hidden until the app has rendered the right one.
pub const RENDERED_QUERY: &str = "data-rendered-query";

/// Each shared name with the files, from the repository's root, that must
/// spell it exactly as here.
pub const SHARED: &[(&str, &str, &[&str])] = &[
    ("OFFLINE_CONTENTS", OFFLINE_CONTENTS, &["sw/sw.js"]),
    ("FILES_LIST", FILES_LIST, &["scripts/offline-manifest.mjs"]),
    ("CRASH_EVENT", CRASH_EVENT, &["public/sw-client.js"]),
    ("HEIGHT_MESSAGE", HEIGHT_MESSAGE, &["public/embed.js"]),
    ("PING_MESSAGE", PING_MESSAGE, &["public/embed.js"]),
    ("EMBED_MARKER", EMBED_MARKER, &["public/embed.js"]),
    (
        "SHELL_PAGE",
        SHELL_PAGE,
        &["sw/sw.js", "scripts/offline-manifest.mjs"],
    ),
    (
        "PRERENDERED",
        PRERENDERED,
        &["public/prerendered-menu.js", "scripts/external-loader.mjs"],
    ),
    (
        "APP_DEFERRED",
        APP_DEFERRED,
        &["scripts/external-loader.mjs"],
    ),
    (
        "RENDERED_QUERY",
        RENDERED_QUERY,
        &["scripts/external-loader.mjs"],
    ),
    (
        "THEME_COLOUR",
        THEME_COLOUR,
        &["index.html", "style/main.css"],
    ),
];
