//! Builds the search index from content files:
//! `newsroom-index <data-dir> <out-dir>` writes `search-index.bin` and
//! `search-positions.bin`. Run by trunk before every build, so the index
//! always matches the data the app ships.

use std::path::Path;
use std::process::ExitCode;

use newsroom::data::load::{parse_news, parse_site};
use newsroom::search::{INDEX_FILE, Index, POSITIONS_FILE, documents};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, out] = args.as_slice() else {
        eprintln!("usage: newsroom-index <data-dir> <out-dir>");
        return ExitCode::from(2);
    };
    match run(Path::new(data), Path::new(out)) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("newsroom-index: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(data: &Path, out: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let site = parse_site(&std::fs::read_to_string(data.join("site.json"))?)?;
    let news = parse_news(&std::fs::read_to_string(data.join("news.json"))?)?;
    let docs = documents(&site, &news);
    let index = Index::build(&docs);
    let core = index.to_bytes();
    let positions = index.positions_to_bytes();
    std::fs::create_dir_all(out)?;
    write(&out.join(INDEX_FILE), &core)?;
    write(&out.join(POSITIONS_FILE), &positions)?;
    Ok(format!(
        "indexed {} documents ({} terms) into {}: index {} bytes, positions {} bytes",
        docs.len(),
        index.terms.len(),
        out.display(),
        core.len(),
        positions.len()
    ))
}

/// Writes then renames, so a reader never sees half a file.
fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
