//! Publishes the content sources for the app:
//! `newsroom-build <content-dir> <out-dir>` reads `site.json` and
//! `news.json`, checks them (reporting every problem, and failing the build
//! on any), and writes under `<out-dir>/data/` the site file, one file per
//! article, the pre-paged news lists, the filter positions and the search
//! index, plus `data/files.txt`: every published path, one per line, in
//! the order a reader most likely needs them (the service worker saves
//! files for offline reading in that order). Run by trunk before every
//! build, so what ships always matches the sources.

use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

use newsroom_content::SiteMeta;
use newsroom_content::files::{FILES_LIST, SITE_FILE, WEB_MANIFEST};
use newsroom_content::publish::publish;
use newsroom_content::shared::THEME_COLOUR;
use newsroom_content::validate::check_sources;
use newsroom_search::{Part, build as build_index, each_document};

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
    let data = out.join("data");
    let progress = |what: &str| {
        if news.articles.len() >= QUIET_BELOW {
            println!(
                "newsroom-build: {what} ({} articles, {:.1} s)",
                news.articles.len(),
                started.elapsed().as_secs_f64()
            );
        }
    };
    progress("checked");
    let index = build_index(each_document(&site, &news));
    progress("indexed");
    let mut output = Output::new(out);
    let (documents, terms) = (index.documents, index.terms);
    let index_bytes: usize = index.files.iter().map(|(_, b)| b.len()).sum();
    let index_files = index.files.len();
    let mut order = vec![SITE_FILE.to_owned()];
    let mut put = |path: &str, bytes: &[u8]| {
        if path != SITE_FILE {
            order.push(path.to_owned());
        }
        output.put(path, bytes)
    };
    put(&format!("data/{WEB_MANIFEST}"), &web_manifest(&site.site)?)?;
    // Search right after the site file: it is what a reader offline most
    // likely reaches for.
    let files = publish(&site, &news, |path, bytes| {
        if path == SITE_FILE {
            put(path, bytes)?;
            // Offline, the parts every query reads come first; word
            // positions, for phrases only, last.
            let mut parts: Vec<&(Part, Vec<u8>)> = index.files.iter().collect();
            parts.sort_by_key(|(part, _)| match part {
                Part::Root => 0,
                Part::Terms(_) => 1,
                Part::Postings(_) => 2,
                Part::Docs(_) => 3,
                Part::Facets(_) => 4,
                Part::Positions(_) => 5,
            });
            for (part, bytes) in parts {
                put(&format!("data/{}", part.path()), bytes)?;
            }
            Ok(())
        } else {
            put(path, bytes)
        }
    })?;
    let mut listing = order.join("\n");
    listing.push('\n');
    output.put(&format!("data/{FILES_LIST}"), listing.as_bytes())?;
    let removed = output.remove_stale(&data)?;
    Ok(format!(
        "published {} articles as {files} files into {} ({} changed, {removed} removed); indexed {} documents ({} terms) as {} files of {} bytes; in {:.1} s",
        news.articles.len(),
        data.display(),
        output.changed,
        documents,
        terms,
        index_files,
        index_bytes,
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

/// Removes the compressed copies of a file just written (a site served
/// while it is updated): a host would send them in its place until they
/// are made again.
fn drop_copies(file: &Path) {
    for ext in ["br", "gz"] {
        let mut copy = file.as_os_str().to_owned();
        copy.push(format!(".{ext}"));
        let _ = std::fs::remove_file(copy);
    }
}

/// Archives at least this big get a line per stage.
const QUIET_BELOW: usize = 5_000;

/// The files of one run, written only where their bytes changed.
struct Output<'a> {
    root: &'a Path,
    /// Every path written this run, relative to the root.
    written: HashSet<String>,
    /// How many of them had other bytes before (or were new).
    changed: usize,
}

impl<'a> Output<'a> {
    fn new(root: &'a Path) -> Self {
        Output {
            root,
            written: HashSet::new(),
            changed: 0,
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let file = self.root.join(path);
        self.written.insert(path.to_owned());
        // Same length first: most unchanged files are not read at all
        // when their size already differs.
        let same = std::fs::metadata(&file).is_ok_and(|m| m.len() == bytes.len() as u64)
            && std::fs::read(&file).is_ok_and(|old| old == bytes);
        if same {
            return Ok(());
        }
        self.changed += 1;
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&file, bytes)?;
        drop_copies(&file);
        Ok(())
    }

    /// Removes the files under `dir` that this run did not write (an
    /// article taken out, a list grown shorter), with compressed copies of
    /// them; returns how many sources went.
    fn remove_stale(&self, dir: &Path) -> std::io::Result<usize> {
        let mut removed = 0;
        let mut folders = vec![dir.to_owned()];
        while let Some(folder) = folders.pop() {
            let entries = match std::fs::read_dir(&folder) {
                Ok(entries) => entries,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            for entry in entries {
                let path = entry?.path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let Some(relative) = path
                    .strip_prefix(self.root)
                    .ok()
                    .and_then(Path::to_str)
                    .map(|p| p.replace(std::path::MAIN_SEPARATOR, "/"))
                else {
                    continue;
                };
                let source = relative
                    .strip_suffix(".br")
                    .or_else(|| relative.strip_suffix(".gz"))
                    .unwrap_or(&relative);
                if !self.written.contains(source) {
                    std::fs::remove_file(&path)?;
                    removed += usize::from(source == relative);
                }
            }
        }
        Ok(removed)
    }
}
