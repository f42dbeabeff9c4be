use std::rc::Rc;

use leptos::prelude::*;

use crate::components::article_body::ArticleBody;
use crate::components::fetched::Fetched;
use crate::components::title::Title;
use crate::contexts::use_routed_article;
use crate::data::Article;
use crate::embed::embed_layout::EmbedLayout;
use crate::embed::embed_source::EmbedSource;
use crate::offline::offline_list::SavedChoices;
use crate::routes;
use crate::routes::Href;

/// `/embed/news/<slug>`: one article, compact, for an iframe.
#[component]
pub fn EmbedArticlePage() -> impl IntoView {
    let article = use_routed_article();
    let shown = move |(slug, found): (String, Option<Rc<Article>>)| match found {
        Some(article) => {
            let date = article.issued_on.map(|d| {
                view! { <p class="embed-date"><time datetime=d.iso()>{d.long()}</time></p> }
            });
            view! {
                <Title text=article.title.clone() />
                <article class="article embed-article">
                    <h1>{article.title.clone()}</h1>
                    {date}
                    <p class="lead">{article.lead.clone()}</p>
                    <ArticleBody article=(*article).clone() />
                </article>
                <EmbedSource href=article.href() />
            }
            .into_any()
        }
        None => view! {
            <Title text="Article not found" />
            <h1>"Article not found"</h1>
            <p>{format!("There is no article \u{201c}{slug}\u{201d}.")}</p>
            <EmbedSource href=routes::news_href(&Default::default(), 1) />
        }
        .into_any(),
    };
    view! {
        <EmbedLayout>
            <Fetched resource=article view=shown failure_title="Article could not be loaded" unreachable=SavedChoices />
        </EmbedLayout>
    }
}
