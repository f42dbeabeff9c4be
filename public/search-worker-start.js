// Starts the search worker (see src/search_worker.rs). A worker whose wasm
// fails to load only rejects a promise, which the page never hears of:
// report it as a message the app understands.
importScripts('./search-worker.js');
wasm_bindgen('./search-worker_bg.wasm').catch((error) => {
  postMessage(JSON.stringify({ Failed: String(error && error.message ? error.message : error) }));
});
