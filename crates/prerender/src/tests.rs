//! The prerenderer against whole sites, published as the build does.

use std::path::{Path, PathBuf};

use newsroom::prerender::{Renderer, open_site, render};
use newsroom::routes;
use newsroom_content::publish::publish;
use newsroom_content::{NewsData, SiteData};
use newsroom_corpus::{bundled, fixture, generate};

use crate::page::{Site, plan};

/// A published site folder, removed when dropped.
struct Published(PathBuf);

impl Published {
    fn new(name: &str, site: &SiteData, news: &NewsData) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "newsroom-prerender-test-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        publish(site, news, |path, bytes| {
            crate::write(&dir.join(path), std::str::from_utf8(bytes).unwrap())
        })
        .unwrap();
        Published(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Published {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn every_page_rendered_into_the_shared_frame_is_the_page_rendered_whole() {
    routes::set_base("/");
    let sites = [("bundled", bundled()), ("other-org", fixture("other-org"))];
    for (name, (site, mut news)) in sites {
        // Enough articles for every list to have a second page.
        news.articles.extend(generate(&site, 60, 7).articles);
        let published = Published::new(name, &site, &news);
        let content = open_site(published.path()).unwrap();
        let pages = plan(&Site::new(&content, published.path()).unwrap()).unwrap();
        let mut renderer = Renderer::new(content.clone());
        for spec in &pages {
            let whole = render(&content, &spec.url);
            let shared = renderer.render(&spec.url);
            if let Some(at) = difference(&shared.body, &whole.body) {
                panic!(
                    "{name}: {} differs in the shared frame at byte {at}:\n  {}\nrendered whole:\n  {}",
                    spec.url,
                    around(&shared.body, at),
                    around(&whole.body, at)
                );
            }
            assert_eq!(shared.title, whole.title, "{name}: {}", spec.url);
        }
        // Articles and news lists share the frame; section pages do not.
        assert!(
            renderer.shared() > pages.len() / 2 && renderer.shared() < pages.len(),
            "{name}: {} of {} pages in the shared frame",
            renderer.shared(),
            pages.len()
        );
    }
}

/// Where two texts first differ, if they do.
fn difference(a: &str, b: &str) -> Option<usize> {
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    (common < a.len().max(b.len())).then_some(common)
}

/// Some text either side of a byte.
fn around(text: &str, at: usize) -> &str {
    let start = text.floor_char_boundary(at.saturating_sub(80));
    let end = text.ceil_char_boundary(at + 80);
    text.get(start..end).unwrap_or_default()
}

/// Publishes into `dir` as the build's publisher does in place: files with
/// the same bytes stay, files no longer published go.
fn republish(dir: &Path, site: &SiteData, news: &NewsData) {
    let mut written = std::collections::HashSet::new();
    publish(site, news, |path, bytes| {
        written.insert(dir.join(path));
        crate::write(&dir.join(path), std::str::from_utf8(bytes).unwrap())
    })
    .unwrap();
    for entry in walk(&dir.join("data")) {
        if !written.contains(&entry) {
            std::fs::remove_file(entry).unwrap();
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The pages of a prerendered folder, by path, with their text.
fn pages_of(dir: &Path) -> std::collections::BTreeMap<PathBuf, String> {
    walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html") && !p.ends_with(crate::page::SHELL))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.strip_prefix(dir).unwrap().to_owned(), text)
        })
        .collect()
}

const TEMPLATE: &str =
    "<!DOCTYPE html><html lang=\"en\"><head><title>Loading…</title></head><body></body></html>";

#[test]
fn a_run_with_the_last_runs_record_writes_what_a_whole_run_writes() {
    let (site, mut news) = bundled();
    news.articles.extend(generate(&site, 60, 7).articles);
    let served = Published::new("served", &site, &news);
    std::fs::write(served.path().join("index.html"), TEMPLATE).unwrap();
    let record = served.path().with_extension("record.json");
    let (pages, rendered) = crate::run(served.path(), "/", Some(&record)).unwrap();
    assert_eq!(rendered, pages, "a first run renders every page");

    // An edited lead, an added article and a removed one, published in place.
    news.articles[3].lead = "A lead edited since the last run.".to_owned();
    let mut added = news.articles[0].clone();
    added.slug = "added-since-the-last-run".to_owned();
    added.title = "Added since the last run".to_owned();
    news.articles.push(added);
    let removed = news.articles.remove(10).slug;
    republish(served.path(), &site, &news);
    let (pages, rendered) = crate::run(served.path(), "/", Some(&record)).unwrap();
    assert!(
        rendered > 0 && rendered < pages,
        "{rendered} of {pages} pages rendered again"
    );
    let (again, none) = crate::run(served.path(), "/", Some(&record)).unwrap();
    assert_eq!(
        (again, none),
        (pages, 0),
        "nothing changed, nothing rendered"
    );

    let whole = Published::new("whole", &site, &news);
    std::fs::write(whole.path().join("index.html"), TEMPLATE).unwrap();
    crate::run(whole.path(), "/", None).unwrap();
    let (kept, made) = (pages_of(served.path()), pages_of(whole.path()));
    assert_eq!(
        kept.keys().collect::<Vec<_>>(),
        made.keys().collect::<Vec<_>>(),
        "the same pages"
    );
    for (path, text) in &made {
        assert!(
            kept[path] == *text,
            "{} differs from a whole run's",
            path.display()
        );
    }
    assert!(
        !served
            .path()
            .join(format!("news/{removed}/index.html"))
            .exists()
    );
    let _ = std::fs::remove_file(record);
}
