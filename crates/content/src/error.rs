//! What can go wrong when loading content, worded for the reader.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A failed content load. Every variant names the file that failed.
#[derive(Clone, Debug, Error, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataError {
    /// The request never got an answer (offline, DNS, CORS, aborted).
    #[error("Could not download {file}: {reason}")]
    Network { file: String, reason: String },
    /// The server answered with an error status.
    #[error("Could not download {file}: the server answered {status} {status_text}")]
    Status {
        file: String,
        status: u16,
        status_text: String,
    },
    /// The body arrived but is not content in the expected schema.
    #[error("{file} is not valid content: {reason}")]
    Invalid { file: String, reason: String },
}
