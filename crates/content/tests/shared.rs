//! The names Rust shares with the site's JavaScript, HTML and CSS: each is
//! spelled in every file that uses it exactly as `shared.rs` names it, and
//! no other Rust source spells it again.

// A test stops at its first failure: unwrap, panics and indexing are how
// it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use newsroom_content::shared::SHARED;
use newsroom_corpus::bundled::{ROOT, read};

#[test]
fn every_shared_name_stands_in_each_file_that_uses_it() {
    for (name, value, files) in SHARED {
        for file in *files {
            assert!(
                read(file).contains(value),
                "{file} does not use {name} ({value:?})"
            );
        }
    }
}

#[test]
fn no_other_rust_source_spells_a_shared_name() {
    let mut sources = Vec::new();
    for dir in ["src", "crates"] {
        collect_rust(&Path::new(ROOT).join(dir), &mut sources);
    }
    assert!(
        sources.len() > 20,
        "found only {} Rust files",
        sources.len()
    );
    for path in sources {
        if path.ends_with("crates/content/src/shared.rs")
            || path.to_string_lossy().contains("/tests/")
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.lines().filter(|l| !l.trim_start().starts_with("//"));
        for (n, line) in code.enumerate() {
            for (name, value, _) in SHARED {
                assert!(
                    !line.contains(value),
                    "{} spells {name} ({value:?}) again, in {line:?} (code line {}): use \
                     newsroom_content::shared::{name}",
                    path.display(),
                    n + 1
                );
            }
        }
    }
}

fn collect_rust(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rust(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
