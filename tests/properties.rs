//! Properties of what untrusted input reaches: slugs, text folding, URL
//! paths and query values, and the content loader, on arbitrary strings
//! (proptest; a bounded number of cases, so the run stays short in CI).

// A test stops at its first failure: unwrap, panics and indexing are how
// it says so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use newsroom::embed::options::{EmbedQuery, parse_colour};
use newsroom::routes::{Href, NewsQuery, Page, SearchQuery, parse_path};
use newsroom_content::files::is_slug;
use newsroom_content::parse::{parse_news, parse_site};
use newsroom_content::text::{fold, slugify};
use newsroom_content::{Article, Link, Summary};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 512,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_slug_is_a_slug_or_empty_and_stable(name in any::<String>()) {
        let slug = slugify(&name);
        prop_assert!(slug.is_empty() || is_slug(&slug), "{slug:?} from {name:?}");
        prop_assert_eq!(slugify(&slug), slug.clone());
    }

    #[test]
    fn folding_is_idempotent_and_keeps_ascii_letters(text in any::<String>()) {
        let once = fold(&text);
        prop_assert_eq!(fold(&once), once.clone());
        // Every ASCII letter and digit survives, lower-cased, in order.
        let ascii: String = text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
        let mut kept = once.chars().filter(char::is_ascii_alphanumeric);
        prop_assert!(ascii.chars().all(|c| kept.any(|k| k == c)), "{once:?} from {text:?}");
    }

    #[test]
    fn any_path_maps_to_a_page_and_article_links_round_trip(path in any::<String>(), title in "\\PC{1,40}") {
        let _ = parse_path(&path);
        let _ = parse_path(&format!("/news/{path}"));
        let slug = slugify(&title);
        prop_assume!(!slug.is_empty());
        let article = Summary { slug: slug.clone(), title, lead: String::new(), issued_on: None, issued_by: Vec::new() };
        prop_assert_eq!(parse_path(&article.href()), Page::Article(slug));
    }

    #[test]
    fn a_content_link_goes_only_to_the_site_the_web_or_mail(href in any::<String>(), tail in "\\PC{0,30}") {
        for href in [href.clone(), format!("javascript:{tail}"), format!("/{tail}"), format!("https://{tail}")] {
            let link = Link { text: "x".to_owned(), href: href.clone() };
            if let Some(out) = link.href() {
                let lower = out.to_ascii_lowercase();
                let site = out.starts_with('/') && !out.starts_with("//") && !out.starts_with("/\\");
                let web = lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:");
                prop_assert!(site || web, "{out:?} from {href:?}");
                prop_assert!(!out.chars().any(|c| c.is_whitespace() || c.is_control()), "{out:?}");
            }
        }
    }

    #[test]
    fn query_values_never_panic_and_stay_in_range(value in any::<String>()) {
        let map = |keys: &[&'static str]| -> Vec<(&str, &str)> {
            keys.iter().map(|&key| (key, value.as_str())).collect()
        };
        let news = NewsQuery::read(&map(&["page", "field"])[..]);
        if let Some(page) = news.page() {
            prop_assert!(page >= 1);
        }
        let _ = news.filter();
        let search = SearchQuery::read(&map(&["q", "year", "type", "page", "country"])[..]);
        prop_assert!(search.page() >= 1);
        let _ = search.filters();
        let embed = EmbedQuery::read(&map(&["theme", "accent", "target", "limit", "structure"])[..]);
        prop_assert!((1..=50).contains(&embed.limit()));
        let options = embed.options();
        if let Some(accent) = options.accent {
            prop_assert!(accent.len() == 7 && accent.starts_with('#') && accent[1..].bytes().all(|b| b.is_ascii_hexdigit()));
        }
    }

    #[test]
    fn a_colour_is_checked_hex_or_nothing(value in any::<String>()) {
        if let Some(colour) = parse_colour(&value) {
            prop_assert_eq!(colour.len(), 7);
            prop_assert!(colour[1..].bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        }
    }

    #[test]
    fn the_loader_answers_any_text_with_content_or_an_error(text in any::<String>()) {
        let object = text.trim_start().starts_with('{');
        prop_assert!(parse_site("data/site.json", &text).is_err() || object, "accepted {:?}", text);
        prop_assert!(parse_news(&text).is_err() || object, "accepted {:?}", text);
    }

    #[test]
    fn the_loader_survives_any_article_shaped_json(title in any::<String>(), kind in any::<String>(), text in any::<String>(), date in any::<String>()) {
        let json = serde_json::json!({
            "articles": [{ "title": title, "lead": text, "issued_on": date, "body": [{ "type": kind, "text": text }] }]
        });
        if let Ok(news) = parse_news(&json.to_string()) {
            let article: &Article = &news.articles[0];
            prop_assert_eq!(&article.title, &title);
        }
    }
}
