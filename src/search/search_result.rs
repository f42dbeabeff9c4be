use std::collections::HashSet;

use leptos::prelude::*;

use crate::contexts::{use_archive, use_content};
use crate::data::{Article, Block, Date};
use crate::routes;
use crate::routes::Href;
use crate::search::highlighted::Highlighted;
use crate::search::search_box::type_label;
use crate::search::{DocInfo, DocKind, Segment, highlight, snippet};

/// Words in a snippet.
const SNIPPET_WORDS: usize = 32;

/// "3 results for “text”", for the line above the results; "About 300
/// results" when the total is an estimate.
pub fn results_count(total: usize, estimated: bool, text: &str) -> String {
    let q = text.trim();
    match (total, estimated) {
        (0, _) => format!("No results for \u{201c}{q}\u{201d}"),
        (1, false) => format!("1 result for \u{201c}{q}\u{201d}"),
        (n, false) => format!("{n} results for \u{201c}{q}\u{201d}"),
        (n, true) => format!("About {n} results for \u{201c}{q}\u{201d}"),
    }
}

/// One search result: type, date, title link with the matched words
/// marked, and a snippet.
#[component]
pub fn SearchResult(
    /// The document found.
    doc: DocInfo,
    /// The index terms the query matched, to mark.
    matched: HashSet<String>,
) -> impl IntoView {
    let content = use_content();
    // The body is in the article's own file: fetch it (once; a click on
    // the result then opens at once) and show the lead's window until then.
    let archive = use_archive();
    let body = (doc.kind == DocKind::Article).then(|| {
        let slug = doc.slug.clone();
        LocalResource::new(move || {
            let slug = slug.clone();
            async move { archive.article(&slug).await }
        })
    });
    let snippet_doc = doc.clone();
    let snippet_words = matched.clone();
    let snippet = move || {
        let article = body.and_then(|r| r.get()).and_then(Result::ok).flatten();
        let segments = result_snippet(&snippet_doc, article.as_deref(), &snippet_words);
        (!segments.is_empty())
            .then(|| view! { <p class="search-result-snippet"><Highlighted segments /></p> })
    };
    let href = doc.href().unwrap_or_else(routes::home_href);
    let title = highlight(&doc.title, &matched);
    let kind = type_label(&content, doc.kind.into());
    let date =
        Date::from_number(doc.date).map(|d| view! { <time datetime=d.iso()>{d.long()}</time> });
    view! {
        <li>
            <article class="search-result">
                <p class="search-result-type">{kind}{date.map(|d| view! { " · "{d} })}</p>
                <h2 class="search-result-title"><a href=href><Highlighted segments=title /></a></h2>
                {snippet}
            </article>
        </li>
    }
}

/// A window of the lead or of a body paragraph (once the body has arrived)
/// holding the most of the matched words; the lead's start when none does.
fn result_snippet(
    doc: &DocInfo,
    article: Option<&Article>,
    matched: &HashSet<String>,
) -> Vec<Segment> {
    let mut texts: Vec<&str> = vec![doc.lead.as_str()];
    if let Some(article) = article {
        texts.extend(article.body_after_lead().iter().filter_map(|b| match b {
            Block::Paragraph { text, .. } | Block::Heading { text } | Block::Quote { text, .. } => {
                Some(text.as_str())
            }
            Block::List { .. } => None,
        }));
    }
    let hits = |text: &str| {
        let words: HashSet<String> = newsroom_search::tokenize::tokenize(text)
            .into_iter()
            .map(|t| t.term)
            .filter(|t| matched.contains(t))
            .collect();
        words.len()
    };
    let best = texts
        .iter()
        .copied()
        .enumerate()
        .max_by_key(|&(i, text)| (hits(text), std::cmp::Reverse(i)))
        .map(|(_, text)| text)
        .unwrap_or_default();
    snippet(best, matched, SNIPPET_WORDS)
        .or_else(|| snippet(&doc.lead, &HashSet::new(), SNIPPET_WORDS))
        .unwrap_or_default()
}
