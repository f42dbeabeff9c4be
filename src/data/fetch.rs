//! Fetching published files: every download has a deadline and a size
//! limit, and every failure names the file. The prerenderer (native) reads
//! the same files from the folder being published instead.

use newsroom_content::files::SITE_FILE;
use newsroom_content::parse::parse_site;
use newsroom_content::{DataError, SiteData};

/// Requests a file, turning a failed request or an error status into a
/// [`DataError`] naming it. Relative paths resolve against the document's
/// `<base href>`, so the site works under a sub-path.
pub async fn fetch(file: &str) -> Result<gloo_net::http::Response, DataError> {
    let signal = deadline();
    let response = gloo_net::http::Request::get(file)
        .abort_signal(signal.as_ref())
        .send()
        .await
        .map_err(|e| network_error(file, e))?;
    if !response.ok() {
        return Err(DataError::Status {
            file: file.to_owned(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let too_large = response
        .headers()
        .get("content-length")
        .and_then(|n| n.trim().parse::<u64>().ok())
        .filter(|&n| n > MAX_BYTES);
    if let Some(bytes) = too_large {
        return Err(DataError::Invalid {
            file: file.to_owned(),
            reason: format!(
                "it is {} MB, more than the {} MB a file may be",
                bytes.div_ceil(1 << 20),
                MAX_BYTES >> 20
            ),
        });
    }
    Ok(response)
}

/// How long a download, body included, may take before it is given up.
pub const TIMEOUT_MS: i32 = 15_000;
/// The largest file read (the largest published file is a few MB).
pub const MAX_BYTES: u64 = 64 << 20;

/// A signal that aborts a download still running after [`TIMEOUT_MS`], so
/// a host that never answers (or stops half-way) gets a message, not an
/// endless "Loading…". Works in the page and in the search worker.
fn deadline() -> Option<web_sys::AbortSignal> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;
    let controller = web_sys::AbortController::new().ok()?;
    let signal = controller.signal();
    let abort = Closure::once_into_js(move || {
        // A download that finished long ago ignores it.
        controller.abort_with_reason(&js_sys::Error::new(&format!(
            "no complete answer within {} seconds",
            TIMEOUT_MS / 1000
        )));
    });
    let global = js_sys::global();
    let set_timeout = js_sys::Reflect::get(&global, &"setTimeout".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    set_timeout
        .call2(&global, &abort, &TIMEOUT_MS.into())
        .ok()?;
    Some(signal)
}

/// A transfer that failed part-way or never started.
pub fn network_error(file: &str, error: gloo_net::Error) -> DataError {
    DataError::Network {
        file: file.to_owned(),
        reason: error.to_string(),
    }
}

/// A file's text, or `None` when the host has no such file: a 404, or the
/// HTML page a single-page-app host answers every unknown path with.
#[cfg(target_arch = "wasm32")]
pub async fn fetch_optional(file: &str) -> Result<Option<String>, DataError> {
    let response = match fetch(file).await {
        Err(DataError::Status { status: 404, .. }) => return Ok(None),
        other => other?,
    };
    let html = response
        .headers()
        .get("content-type")
        .is_some_and(|t| t.starts_with("text/html"));
    if html {
        return Ok(None);
    }
    read_text(file, response).await.map(Some)
}

/// The body of a response, naming the file if the transfer breaks off.
#[cfg(target_arch = "wasm32")]
async fn read_text(file: &str, response: gloo_net::http::Response) -> Result<String, DataError> {
    response.text().await.map_err(|e| network_error(file, e))
}

/// Downloads the published site file: menus, taxonomies, metadata.
pub async fn load_site() -> Result<SiteData, DataError> {
    #[cfg(target_arch = "wasm32")]
    let text = read_text(SITE_FILE, fetch(SITE_FILE).await?).await?;
    #[cfg(not(target_arch = "wasm32"))]
    let text = disk::read(SITE_FILE)?.ok_or_else(|| DataError::Status {
        file: SITE_FILE.to_owned(),
        status: 404,
        status_text: "Not Found".to_owned(),
    })?;
    parse_site(SITE_FILE, &text)
}

/// A published file's text, read from the folder being prerendered.
#[cfg(not(target_arch = "wasm32"))]
pub async fn fetch_optional(file: &str) -> Result<Option<String>, DataError> {
    disk::read(file)
}

#[cfg(not(target_arch = "wasm32"))]
pub use disk::{Read, content_hash, read_from, take_reads};

/// The site file, by the name failures give it.
pub const SITE: &str = SITE_FILE;

#[cfg(not(target_arch = "wasm32"))]
mod disk {
    use std::cell::RefCell;
    use std::path::PathBuf;

    use newsroom_content::DataError;

    thread_local! {
        static ROOT: RefCell<PathBuf> = RefCell::new(PathBuf::from("."));
        static READS: RefCell<Vec<Read>> = const { RefCell::new(Vec::new()) };
    }

    /// A file a render read, and the hash of what it held (`None`: there
    /// was no such file), so a later build knows whether the render would
    /// come out the same.
    pub type Read = (String, Option<u64>);

    /// A hash of a file's bytes, the same in every run of one build tool.
    pub fn content_hash(bytes: &[u8]) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        bytes.hash(&mut hasher);
        hasher.finish()
    }

    /// What this thread read since the last call.
    pub fn take_reads() -> Vec<Read> {
        READS.with(|reads| std::mem::take(&mut *reads.borrow_mut()))
    }

    fn record(file: &str, hash: Option<u64>) {
        READS.with(|reads| reads.borrow_mut().push((file.to_owned(), hash)));
    }

    /// Makes published paths (`data/…`) read from `dir`, the site being
    /// prerendered.
    pub fn read_from(dir: impl Into<PathBuf>) {
        let dir = dir.into();
        ROOT.with(|root| *root.borrow_mut() = dir);
    }

    /// The file's text; `None` when there is no such file.
    pub fn read(file: &str) -> Result<Option<String>, DataError> {
        let path = ROOT.with(|root| root.borrow().join(file));
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                record(file, Some(content_hash(text.as_bytes())));
                Ok(Some(text))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                record(file, None);
                Ok(None)
            }
            Err(e) => Err(DataError::Network {
                file: file.to_owned(),
                reason: e.to_string(),
            }),
        }
    }
}
