//! What this device has saved for offline reading, as the service worker
//! reports it.

use serde::Deserialize;

use newsroom_content::DataError;
use newsroom_content::files::{OFFLINE_CONTENTS, article_slug};
use newsroom_content::parse::parse;

use crate::data::fetch::fetch_optional;

/// The published files the service worker holds, most needed first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Saved {
    /// Paths relative to the site root.
    pub files: Vec<String>,
}

impl Saved {
    /// The slugs of the saved articles, newest first as far as the worker
    /// saved them in advance, then those saved as they were read.
    pub fn articles(&self) -> Vec<&str> {
        self.files.iter().filter_map(|f| article_slug(f)).collect()
    }
}

/// What is saved; `None` when no service worker answers (not supported,
/// refused, or not installed yet).
pub async fn load_saved() -> Result<Option<Saved>, DataError> {
    match fetch_optional(OFFLINE_CONTENTS).await? {
        Some(text) => parse(OFFLINE_CONTENTS, &text).map(Some),
        None => Ok(None),
    }
}
