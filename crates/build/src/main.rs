//! Publishes the content sources for the app:
//! `newsroom-build <content-dir> <out-dir>` reads `site.json` and
//! `news.json`, checks them (reporting every problem, and failing the build
//! on any), and writes under `<out-dir>/data/` the site file, one file per
//! article, the pre-paged news lists, the filter positions and the search
//! index, plus `data/files.txt`: every published path, one per line, in
//! the order a reader most likely needs them (the service worker saves
//! files for offline reading in that order). Run by trunk before every
//! build, so what ships always matches the sources.

use std::path::Path;
use std::process::ExitCode;

use newsroom_content::SiteMeta;
use newsroom_content::files::{FILES_LIST, SITE_FILE, WEB_MANIFEST};
use newsroom_content::publish::publish;
use newsroom_content::shared::THEME_COLOUR;
use newsroom_content::validate::check_sources;
use newsroom_search::{INDEX_FILE, Index, POSITIONS_FILE, documents};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, out] = args.as_slice() else {
        eprintln!("usage: newsroom-build <content-dir> <out-dir>");
        return ExitCode::from(2);
    };
    match run(Path::new(content), Path::new(out)) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("newsroom-build: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(content: &Path, out: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let started = std::time::Instant::now();
    let read = |name: &str| {
        std::fs::read_to_string(content.join(name))
            .map_err(|e| format!("cannot read {}: {e}", content.join(name).display()))
    };
    let (site, news) =
        check_sources(&read("site.json")?, &read("news.json")?).map_err(|problems| {
            let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
            format!(
                "{} problem(s) in {}:\n{}",
                problems.len(),
                content.display(),
                list.join("\n")
            )
        })?;
    // Start from nothing, so a removed article leaves no file behind.
    let data = out.join("data");
    if data.exists() {
        std::fs::remove_dir_all(&data)?;
    }
    let docs = documents(&site, &news);
    let index = Index::build(&docs);
    let core = index.to_bytes();
    let positions = index.positions_to_bytes();
    let mut order = vec![SITE_FILE.to_owned()];
    let mut put = |path: &str, bytes: &[u8]| {
        if path != SITE_FILE {
            order.push(path.to_owned());
        }
        write(&out.join(path), bytes)
    };
    put(&format!("data/{WEB_MANIFEST}"), &web_manifest(&site.site)?)?;
    // Search right after the site file: it is what a reader offline most
    // likely reaches for.
    let files = publish(&site, &news, |path, bytes| {
        if path == SITE_FILE {
            put(path, bytes)?;
            put(&format!("data/{INDEX_FILE}"), &core)?;
            put(&format!("data/{POSITIONS_FILE}"), &positions)
        } else {
            put(path, bytes)
        }
    })?;
    let mut listing = order.join("\n");
    listing.push('\n');
    write(&data.join(FILES_LIST), listing.as_bytes())?;
    Ok(format!(
        "published {} articles as {files} files into {}; indexed {} documents ({} terms): index {} bytes, positions {} bytes; in {:.1} s",
        news.articles.len(),
        data.display(),
        docs.len(),
        index.terms.len(),
        core.len(),
        positions.len(),
        started.elapsed().as_secs_f64()
    ))
}

/// The web app manifest, so the site can be installed. Paths are relative
/// to the manifest, which sits in `data/`: the app is the folder above.
fn web_manifest(meta: &SiteMeta) -> serde_json::Result<Vec<u8>> {
    let icon = |size: u32, purpose: &str| {
        serde_json::json!({
            "src": format!("../icons/icon-{size}.png"),
            "sizes": format!("{size}x{size}"),
            "type": "image/png",
            "purpose": purpose,
        })
    };
    let manifest = serde_json::json!({
        "name": meta.title,
        "short_name": meta.name,
        "description": meta.tagline.as_deref().unwrap_or(&meta.title),
        "lang": meta.lang,
        "start_url": "../",
        "scope": "../",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [icon(192, "any"), icon(512, "any"), icon(192, "maskable"), icon(512, "maskable")],
    });
    serde_json::to_vec_pretty(&manifest)
}

fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, bytes)
}
