use std::rc::Rc;

use leptos::prelude::*;

use crate::components::article_body::ArticleBody;
use crate::components::breadcrumb::{Breadcrumb, Crumb};
use crate::components::fetched::Fetched;
use crate::components::title::Title;
use crate::contexts::{use_content, use_routed_article};
use crate::data::{Article, Content, NewsFilter, TaxonomyKind, TermRef};
use crate::offline::offline_list::SavedChoices;
use crate::pages::not_found_page::NotFoundPage;
use crate::routes;
use crate::routes::Href;

/// `/news/<slug>`: one article, fetched on first visit.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let content = use_content();
    let article = use_routed_article();
    let shown = move |(slug, found): (String, Option<Rc<Article>>)| match found {
        Some(article) => article_view(&content, &article).into_any(),
        None => view! {
            <NotFoundPage detail=format!("There is no article \u{201c}{slug}\u{201d}.") />
        }
        .into_any(),
    };
    view! { <Fetched resource=article view=shown failure_title="Article could not be loaded" unreachable=SavedChoices /> }
}

fn article_view(content: &Content, article: &Article) -> impl IntoView + use<> {
    let news = vec![Crumb::new(
        "News",
        Some(routes::news_href(&NewsFilter::default(), 1)),
    )];
    let date = article.issued_on.map(|d| {
        view! {
            <dt>"Issued on"</dt>
            <dd><time datetime=d.iso()>{d.long()}</time></dd>
        }
    });
    let issuers = (!article.issued_by.is_empty()).then(|| {
        let links = article
            .issued_by
            .iter()
            .enumerate()
            .map(|(i, issuer)| {
                let target = TermRef::term(TaxonomyKind::Structures, issuer.structure.clone());
                let name = issuer
                    .label
                    .clone()
                    .or_else(|| content.title_of(&target).map(str::to_owned))
                    .unwrap_or_else(|| issuer.structure.clone());
                let separator = (i > 0).then_some(", ");
                view! { {separator}<a href=target.href()>{name}</a> }
            })
            .collect_view();
        view! {
            <dt>"Issued by"</dt>
            <dd>{links}</dd>
        }
    });
    let filed = TaxonomyKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let links: Vec<_> = article
                .refs(kind)
                .filter_map(|slug| {
                    let target = TermRef::term(kind, slug);
                    let name = content.title_of(&target)?.to_owned();
                    Some(view! { <li><a href=target.href()>{name}</a></li> })
                })
                .collect();
            (!links.is_empty()).then(|| {
                view! {
                    <dt>{content.taxonomy(kind).title.clone()}</dt>
                    <dd><ul>{links}</ul></dd>
                }
            })
        })
        .collect::<Vec<_>>();
    let filed = (!filed.is_empty()).then(|| {
        view! {
            <footer class="article-tags">
                <h2>"Filed under"</h2>
                <dl>{filed}</dl>
            </footer>
        }
    });
    view! {
        <Title text=article.title.clone() />
        <Breadcrumb trail=news current=article.title.clone() />
        <article class="article">
            {title_heading(article.title.clone())}
            <p class="lead">{article.lead.clone()}</p>
            <dl class="article-meta">{date}{issuers}</dl>
            <ArticleBody article=article.clone() />
            {filed}
        </article>
    }
}

/// The article's h1, marked for the Element Timing API so the load
/// benchmark can see when it is painted.
fn title_heading(title: String) -> impl IntoView {
    use leptos::tachys::html::attribute::custom::CustomAttribute;
    leptos::html::h1()
        .attr("elementtiming", "page-title")
        .child(title)
}
