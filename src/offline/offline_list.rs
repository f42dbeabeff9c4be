use leptos::prelude::*;

use crate::components::article_list::{ArticleList, ItemHeading};
use crate::components::fetched::Fetched;
use crate::components::pager::Pager;
use crate::contexts::use_archive;
use crate::data::{Archive, DataError, Summary};
use crate::offline::saved::load_saved;
use crate::routes;

/// How many saved articles a page of the list shows.
const PAGE_SIZE: usize = 20;

/// One page of the saved articles.
#[derive(Clone, Debug)]
struct SavedPage {
    page: usize,
    total: usize,
    items: Vec<Summary>,
}

/// The articles saved on this device for offline reading, a page at a time.
#[component]
pub fn OfflineList(
    /// The page to show, 1-based.
    #[prop(into)]
    page: Signal<usize>,
    /// Links to the other pages; without, a link to the full list.
    #[prop(optional)]
    paged: bool,
    /// Heading level of each item's title.
    heading: ItemHeading,
) -> impl IntoView {
    let archive = use_archive();
    let found = LocalResource::new(move || saved_page(archive, page.get()));
    let shown = move |found: Option<SavedPage>| match found {
        None => view! {
            <p class="offline-unavailable">
                "Nothing is saved for offline reading in this browser: it does not allow it \
                 (a private window, for example), or the site has not finished saving yet."
            </p>
        }
        .into_any(),
        Some(saved) if saved.total == 0 => {
            view! { <p>"No articles are saved on this device yet."</p> }.into_any()
        }
        Some(saved) => {
            let count = match saved.total {
                1 => "1 article is saved on this device.".to_owned(),
                n => format!("{n} articles are saved on this device."),
            };
            let more = if paged {
                let pages = saved.total.div_ceil(PAGE_SIZE);
                let href = Callback::new(routes::offline_href);
                view! { <Pager href page=saved.page pages /> }.into_any()
            } else {
                view! {
                    <p><a href=routes::offline_href(1)>"Everything available offline"</a></p>
                }
                .into_any()
            };
            view! {
                <p class="offline-count">{count}</p>
                <ArticleList articles=saved.items heading />
                {more}
            }
            .into_any()
        }
    };
    view! { <Fetched resource=found view=shown keep_previous=paged /> }
}

/// A page of the saved articles, read from the saved files themselves.
async fn saved_page(archive: Archive, page: usize) -> Result<Option<SavedPage>, DataError> {
    let Some(saved) = load_saved().await? else {
        return Ok(None);
    };
    let slugs = saved.articles();
    let shown = slugs.iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE);
    let articles = futures::future::join_all(shown.map(|slug| archive.article(slug))).await;
    let mut items = Vec::new();
    for article in articles {
        items.extend(article?.map(|a| Summary::from(&*a)));
    }
    Ok(Some(SavedPage {
        page,
        total: slugs.len(),
        items,
    }))
}

/// What a page that could not be downloaded offers instead: the articles
/// this device can open offline.
#[component]
pub fn SavedChoices() -> impl IntoView {
    view! {
        <section class="offline-choices" aria-labelledby="offline-choices-title">
            <h2 id="offline-choices-title">"Available offline"</h2>
            <p>"This is not saved on this device. These articles are:"</p>
            <OfflineList page=1 heading=ItemHeading::H3 />
        </section>
    }
}
