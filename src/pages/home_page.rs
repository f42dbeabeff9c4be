use leptos::prelude::*;

use crate::data::Load;

use crate::components::article_list::{ArticleList, ItemHeading};
use crate::components::fetched::Fetched;
use crate::components::title::Title;
use crate::contexts::{use_archive, use_content};
use crate::data::{List, ListPage, NewsFilter, TermRef};
use crate::routes;
use crate::routes::Href;

/// How many articles the home page shows.
const LATEST: usize = 5;

/// The home page: the latest news and a way into each section of the menu.
#[component]
pub fn HomePage() -> impl IntoView {
    let content = use_content();
    let meta = content.meta().clone();
    let archive = use_archive();
    let first = Load::new(move || async move { archive.first_page(&List::All).await });
    let latest = |page: std::rc::Rc<ListPage>| {
        let latest: Vec<_> = page.items.iter().take(LATEST).cloned().collect();
        if latest.is_empty() {
            view! { <p class="empty">"No news yet."</p> }.into_any()
        } else {
            view! { <ArticleList articles=latest heading=ItemHeading::H3 /> }.into_any()
        }
    };
    let sections = content
        .menu()
        .iter()
        .enumerate()
        .map(|(i, section)| {
            let heading_id = format!("home-section-{i}");
            let mut seen = Vec::new();
            let links = section
                .children
                .iter()
                .filter_map(|node| {
                    node.link
                        .as_ref()
                        .and_then(TermRef::href)
                        .map(|href| (href, node.label.clone()))
                })
                .filter(|(href, _)| {
                    let new = !seen.contains(href);
                    seen.push(href.clone());
                    new
                })
                .map(|(href, label)| view! { <li><a href=href>{label}</a></li> })
                .collect_view();
            view! {
                <section class="home-section" aria-labelledby=heading_id.clone()>
                    <h3 id=heading_id.clone()>{section.label.clone()}</h3>
                    <ul>{links}</ul>
                </section>
            }
        })
        .collect_view();
    let news_href = routes::news_href(&NewsFilter::default(), 1);
    view! {
        <Title text=meta.name.clone() />
        <div class="home">
            <h1>{meta.title.clone()}</h1>
            {meta.tagline.clone().map(|t| view! { <p class="tagline">{t}</p> })}
            <section aria-labelledby="latest-news">
                <h2 id="latest-news">"Latest news"</h2>
                <Fetched resource=first view=latest />
                <p class="more-link"><a href=news_href>"All news"</a></p>
            </section>
            <section aria-labelledby="explore">
                <h2 id="explore">"Explore"</h2>
                <div class="home-sections">{sections}</div>
            </section>
        </div>
    }
}
