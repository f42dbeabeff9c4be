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
//! Usage: newsroom-prerender <built site> [<public URL path, default />]

mod dates;
mod html;
mod page;
mod syndication;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use newsroom::prerender::{Renderer, open_site};
use newsroom::routes;

use crate::page::{PageSpec, Site, Template, plan};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(dir), base) = (args.next(), args.next()) else {
        eprintln!("usage: newsroom-prerender <built site> [<public URL path>]");
        return ExitCode::from(2);
    };
    match run(Path::new(&dir), base.as_deref().unwrap_or("/")) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("newsroom-prerender: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path, base: &str) -> Result<(), String> {
    let started = Instant::now();
    routes::set_base(base);
    let content = open_site(dir).map_err(|e| e.to_string())?;
    let template_file = dir.join("index.html");
    let template_text = read(&template_file)?;
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
    let (bytes, shared) = write_pages(&site, &template, &pages, dir)?;
    let mut written = pages.len();
    if let Some(public) = &site.public {
        written += syndication::write_all(&site, public, &pages, dir)?;
    }
    println!(
        "newsroom-prerender: {} pages ({} of them in one shared frame; {:.1} MB of HTML, {:.1} KB a page) and {} other files in {:.1} s",
        pages.len(),
        shared,
        bytes as f64 / 1e6,
        bytes as f64 / 1e3 / pages.len().max(1) as f64,
        written - pages.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Renders and writes every page, the pages dealt out in turn to one thread
/// per core; returns the bytes written and how many pages went into a
/// shared frame.
fn write_pages(
    site: &Site,
    template: &Template,
    pages: &[PageSpec],
    dir: &Path,
) -> Result<(u64, usize), String> {
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
                    for spec in pages.iter().skip(first).step_by(threads) {
                        let rendered = renderer.render(&spec.url);
                        let text = template.fill(site, spec, &rendered);
                        bytes += text.len() as u64;
                        write(&dir.join(&spec.file), &text)?;
                        progress.one_more();
                    }
                    Ok::<_, String>((bytes, renderer.shared()))
                })
            })
            .collect();
        workers
            .into_iter()
            .try_fold((0, 0), |(bytes, shared), worker| {
                let (more, also) = worker
                    .join()
                    .map_err(|_| "a rendering thread stopped".to_owned())??;
                Ok((bytes + more, shared + also))
            })
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

/// Writes a file, making its folder.
pub(crate) fn write(path: &PathBuf, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot make {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
