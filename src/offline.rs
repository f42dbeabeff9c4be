//! Offline reading, the app's side: what the service worker has saved
//! (`sw/sw.js` answers it), the list of saved articles and the `/offline`
//! page. `public/sw-client.js` registers the worker and shows its notices.

pub mod offline_list;
pub mod offline_page;
pub mod saved;
