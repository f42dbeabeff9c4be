//! Writes every page of a built site as the full HTML a reader sees, from
//! the app's own components rendered natively: the home page, every index,
//! term and article page, the news list, the search, offline and embed
//! pages, and `404.html`. Each page's head gets its title, description,
//! canonical URL, link-preview (Open Graph, Twitter) and JSON-LD metadata.
//! With the site's public address (`site.url` in the site file) it also
//! writes the RSS feeds, the sitemap and `robots.txt`.
//!
//! The template is the `index.html` trunk built (its scripts and styles);
//! it stays as `shell.html`, the page the service worker answers
//! navigations with. Run by trunk after every build.
//!
//! With `--cache <file>`, the run keeps a record there of what each page
//! read, and the next run over the same folder renders only the pages whose
//! inputs changed (`cache.rs`). Files whose bytes are already there are not
//! written again.
//!
//! Usage: newsroom-prerender <built site> [<public URL path, default />] [--cache <file>]

mod cache;
mod dates;
mod html;
mod page;
mod syndication;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use newsroom::prerender::{Renderer, content_hash, open_site};
use newsroom::routes;

use crate::cache::{Cache, Entry};
use crate::page::{PageSpec, Site, Template, plan};

const USAGE: &str = "usage: newsroom-prerender <built site> [<public URL path>] [--cache <file>]";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let cache = match args.iter().position(|a| a == "--cache") {
        Some(at) if at + 1 < args.len() => {
            let file = args.remove(at + 1);
            args.remove(at);
            Some(PathBuf::from(file))
        }
        Some(_) => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
        None => None,
    };
    let (Some(dir), base, None) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match run(
        Path::new(dir),
        base.map_or("/", String::as_str),
        cache.as_deref(),
    ) {
        Ok(_) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("newsroom-prerender: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Prerenders the site in `dir`; returns how many pages it has and how
/// many of them were rendered (the rest were up to date).
fn run(dir: &Path, base: &str, cache_file: Option<&Path>) -> Result<(usize, usize), String> {
    let started = Instant::now();
    routes::set_base(base);
    let content = open_site(dir).map_err(|e| e.to_string())?;
    // Trunk's index.html; once prerendered (a run over a site built
    // before), the shell kept from it.
    let mut template_file = dir.join("index.html");
    let trunks = std::fs::read_to_string(&template_file)
        .ok()
        .filter(|text| !text.contains(&format!("<div {}", newsroom::takeover::PRERENDERED)));
    let template_text = match trunks {
        Some(text) => text,
        None => {
            template_file = dir.join(page::SHELL);
            read(&template_file)?
        }
    };
    let template = Template::parse(&template_text).ok_or_else(|| {
        format!(
            "{} has no <html>, <title> or <body> to fill",
            template_file.display()
        )
    })?;
    // The shell stays as it is: the service worker serves it offline.
    write(&dir.join(page::SHELL), &template_text)?;

    let site = page::Site::new(&content, dir)?;
    if site.public.is_none() {
        println!(
            "newsroom-prerender: the site file has no public address (site.url): pages get relative links only, and no feeds, sitemap or robots.txt are written"
        );
    }
    let pages = plan(&site)?;
    let mut cache = cache_file.map(|file| {
        let global = global_key(dir, base, &template_text);
        Cache::open(file, dir, global)
    });
    // The pages whose record says they would come out the same stay.
    let mut kept = HashMap::new();
    let mut stale = Vec::new();
    for spec in &pages {
        let fresh = cache.as_mut().and_then(|cache| cache.fresh(spec));
        match (fresh, spec.file.to_str()) {
            (Some(entry), Some(file)) => {
                kept.insert(file.to_owned(), entry);
            }
            _ => stale.push(spec),
        }
    }
    let (bytes, shared, entries) = write_pages(&site, &template, &stale, dir)?;
    let mut others = 0;
    if let Some(public) = &site.public {
        others += syndication::write_all(&site, public, &pages, dir)?;
    }
    let mut removed = 0;
    if let Some(cache) = cache {
        removed = cache.remove_gone(&pages);
        kept.extend(entries);
        cache.save(kept)?;
    }
    println!(
        "newsroom-prerender: {} pages, {} rendered ({} of them in one shared frame; {:.1} MB of HTML, {:.1} KB a page), {} unchanged, {removed} removed; {others} other files; in {:.1} s",
        pages.len(),
        stale.len(),
        shared,
        bytes as f64 / 1e6,
        bytes as f64 / 1e3 / stale.len().max(1) as f64,
        pages.len() - stale.len(),
        started.elapsed().as_secs_f64()
    );
    Ok((pages.len(), stale.len()))
}

/// What every page draws on: the template, the site file, the base and
/// this program itself (by size and time).
fn global_key(dir: &Path, base: &str, template: &str) -> u64 {
    let site = std::fs::read(dir.join(newsroom_content::files::SITE_FILE)).unwrap_or_default();
    let program = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    content_hash(
        format!(
            "{}\n{}\n{base}\n{program}",
            content_hash(template.as_bytes()),
            content_hash(&site)
        )
        .as_bytes(),
    )
}

/// Renders and writes the pages, dealt out in turn to one thread per core;
/// returns the bytes rendered, how many pages went into a shared frame and
/// each page's record for the cache.
fn write_pages(
    site: &Site,
    template: &Template,
    pages: &[&PageSpec],
    dir: &Path,
) -> Result<(u64, usize, HashMap<String, Entry>), String> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(pages.len().max(1));
    let progress = Progress::new(pages.len());
    let progress = &progress;
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|first| {
                scope.spawn(move || {
                    // Each thread reads the site for itself: fetches read
                    // from the folder set on their own thread.
                    let content = open_site(dir).map_err(|e| e.to_string())?;
                    let mut renderer = Renderer::new(content);
                    let mut bytes = 0u64;
                    let mut entries = HashMap::new();
                    for spec in pages.iter().skip(first).step_by(threads) {
                        let rendered = renderer.render(&spec.url);
                        let text = template.fill(site, spec, &rendered);
                        bytes += text.len() as u64;
                        write(&dir.join(&spec.file), &text)?;
                        if let Some(file) = spec.file.to_str() {
                            let entry = Cache::entry(spec, rendered.reads, text.len() as u64);
                            entries.insert(file.to_owned(), entry);
                        }
                        progress.one_more();
                    }
                    Ok::<_, String>((bytes, renderer.shared(), entries))
                })
            })
            .collect();
        workers.into_iter().try_fold(
            (0, 0, HashMap::new()),
            |(bytes, shared, mut entries), worker| {
                let (more, also, those) = worker
                    .join()
                    .map_err(|_| "a rendering thread stopped".to_owned())??;
                entries.extend(those);
                Ok((bytes + more, shared + also, entries))
            },
        )
    })
}

/// A line at every tenth of a long run, so a web team member sees it is
/// working and how far it is.
struct Progress {
    done: std::sync::atomic::AtomicUsize,
    total: usize,
}

impl Progress {
    /// Runs shorter than this say nothing until their summary.
    const QUIET_BELOW: usize = 5_000;

    fn new(total: usize) -> Self {
        Progress {
            done: std::sync::atomic::AtomicUsize::new(0),
            total,
        }
    }

    fn one_more(&self) {
        let done = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let step = self.total.div_ceil(10).max(1);
        if self.total >= Self::QUIET_BELOW && done.is_multiple_of(step) && done < self.total {
            println!(
                "newsroom-prerender: {}% ({done} of {} pages)",
                done * 100 / self.total,
                self.total
            );
        }
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Writes a file, making its folder; a file that already holds these bytes
/// is left alone (later steps see by its time that it did not change).
pub(crate) fn write(path: &PathBuf, text: &str) -> Result<(), String> {
    let same = std::fs::metadata(path).is_ok_and(|m| m.len() == text.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == text.as_bytes());
    if same {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot make {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    // A host would send an older compressed copy in its place.
    for ext in ["br", "gz"] {
        let mut copy = path.as_os_str().to_owned();
        copy.push(format!(".{ext}"));
        let _ = std::fs::remove_file(copy);
    }
    Ok(())
}
