//! What the last run wrote, so the next run over the same site renders
//! only the pages whose inputs changed: a page is written again when the
//! template, the site file, this program, what the page is (its URL and
//! head) or any published file its render read is not what it was.
//! Files are known unchanged by their size and time when those match the
//! last run's, else by a hash of their bytes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use newsroom::prerender::{Read, content_hash};

use crate::page::PageSpec;

#[derive(Default, Serialize, Deserialize)]
struct Stored {
    /// What every page draws on (template, site file, base, program).
    global: u64,
    /// Per page file, relative to the site folder.
    pages: HashMap<String, Entry>,
    /// The files pages read, as they were.
    files: HashMap<String, Stamp>,
}

/// One page as the last run wrote it.
#[derive(Clone, Serialize, Deserialize)]
pub struct Entry {
    /// Hash of the page's spec: its URL, file, subject and flags.
    key: u64,
    reads: Vec<Read>,
    /// Bytes written: a file of another size was written by something else.
    size: u64,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    modified: u128,
    hash: Option<u64>,
}

/// The last run's record, checked against the site as it is now.
pub struct Cache {
    file: PathBuf,
    dir: PathBuf,
    old: Stored,
    global: u64,
    /// Files looked at this run.
    seen: HashMap<String, Stamp>,
}

impl Cache {
    /// Reads the record in `file` (none yet, or unreadable: every page is
    /// rendered) for the site in `dir`; `global` hashes what every page
    /// draws on.
    pub fn open(file: &Path, dir: &Path, global: u64) -> Self {
        let old = std::fs::read(file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .unwrap_or_default();
        Cache {
            file: file.to_owned(),
            dir: dir.to_owned(),
            old,
            global,
            seen: HashMap::new(),
        }
    }

    /// The key of a page: what it is, apart from what it reads.
    pub fn key(spec: &PageSpec) -> u64 {
        content_hash(format!("{spec:?}").as_bytes())
    }

    /// The last run's entry for the page, when writing it again would give
    /// the same file.
    pub fn fresh(&mut self, spec: &PageSpec) -> Option<Entry> {
        if self.old.global != self.global {
            return None;
        }
        let file = spec.file.to_str()?;
        let entry = self.old.pages.get(file)?.clone();
        let written = std::fs::metadata(self.dir.join(&spec.file)).ok()?;
        let same = entry.key == Self::key(spec)
            && written.len() == entry.size
            && entry
                .reads
                .iter()
                .all(|(path, hash)| self.current(path) == *hash);
        same.then_some(entry)
    }

    /// The hash of a published file's bytes now (`None`: no such file).
    fn current(&mut self, path: &str) -> Option<u64> {
        if let Some(stamp) = self.seen.get(path) {
            return stamp.hash;
        }
        let stamp = self.stamp(path, None);
        self.seen.insert(path.to_owned(), stamp);
        stamp.hash
    }

    /// A file's size, time and hash; `known` is its hash from a read just
    /// done, else the last run's stamp serves when size and time match.
    fn stamp(&self, path: &str, known: Option<Option<u64>>) -> Stamp {
        let full = self.dir.join(path);
        let Ok(meta) = std::fs::metadata(&full) else {
            return Stamp {
                size: 0,
                modified: 0,
                hash: None,
            };
        };
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let hash = match known {
            Some(hash) => hash,
            None => match self.old.files.get(path) {
                Some(old) if old.size == meta.len() && old.modified == modified => old.hash,
                _ => std::fs::read(&full).ok().map(|bytes| content_hash(&bytes)),
            },
        };
        Stamp {
            size: meta.len(),
            modified,
            hash,
        }
    }

    /// A page rendered this run.
    pub fn entry(spec: &PageSpec, reads: Vec<Read>, size: u64) -> Entry {
        Entry {
            key: Self::key(spec),
            reads,
            size,
        }
    }

    /// Removes the pages of the last run that this run does not have (an
    /// article taken out), with their compressed copies; how many went.
    pub fn remove_gone(&self, pages: &[PageSpec]) -> usize {
        let now: std::collections::HashSet<&Path> =
            pages.iter().map(|spec| spec.file.as_path()).collect();
        let mut removed = 0;
        for file in self.old.pages.keys() {
            if now.contains(Path::new(file)) {
                continue;
            }
            let path = self.dir.join(file);
            if std::fs::remove_file(&path).is_ok() {
                removed += 1;
            }
            for ext in ["br", "gz"] {
                let _ = std::fs::remove_file(path.with_extension(format!("html.{ext}")));
            }
        }
        removed
    }

    /// Saves this run's record: every page written or kept, and the files
    /// they read.
    pub fn save(mut self, pages: HashMap<String, Entry>) -> Result<(), String> {
        let mut files = HashMap::new();
        for entry in pages.values() {
            for (path, hash) in &entry.reads {
                if files.contains_key(path) {
                    continue;
                }
                let stamp = match self.seen.remove(path) {
                    Some(stamp) => stamp,
                    None => self.stamp(path, Some(*hash)),
                };
                files.insert(path.clone(), stamp);
            }
        }
        let stored = Stored {
            global: self.global,
            pages,
            files,
        };
        let bytes = serde_json::to_vec(&stored).map_err(|e| e.to_string())?;
        if let Some(parent) = self.file.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot make {}: {e}", parent.display()))?;
        }
        std::fs::write(&self.file, bytes)
            .map_err(|e| format!("cannot write {}: {e}", self.file.display()))
    }
}
