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
