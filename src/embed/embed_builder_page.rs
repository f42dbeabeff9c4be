use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;
use newsroom_content::shared::EMBED_MARKER;

use crate::components::breadcrumb::Breadcrumb;
use crate::components::title::Title;
use crate::contexts::{use_archive, use_content};
use crate::data::{List, NewsFilter, TaxonomyKind};
use crate::embed::options::{
    EMBED_DEFAULT_LIMIT, EMBED_MAX_LIMIT, EmbedOptions, LinkTarget, Theme, parse_colour,
};
use crate::routes;

/// What a partner embeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Headlines,
    Article,
    Search,
}

/// What the partner has chosen so far.
#[derive(Clone, Debug, PartialEq)]
struct Choice {
    kind: Kind,
    filter: NewsFilter,
    limit: usize,
    article: String,
    options: EmbedOptions,
}

impl Choice {
    /// The embed's URL.
    fn href(&self) -> String {
        match self.kind {
            Kind::Headlines => routes::embed_news_href(&self.filter, self.limit, &self.options),
            Kind::Article => routes::embed_article_href(&self.article, &self.options),
            Kind::Search => routes::embed_search_href("", &self.options),
        }
    }
}

/// `/embed`: where a partner picks what to embed, sees it, and copies the
/// HTML to paste into their page.
#[component]
pub fn EmbedBuilderPage() -> impl IntoView {
    let content = use_content();
    let archive = use_archive();
    // One signal for the whole form: fewer reactive types in the wasm.
    let choice = RwSignal::new(Choice {
        kind: Kind::Headlines,
        filter: NewsFilter::default(),
        limit: EMBED_DEFAULT_LIMIT,
        article: String::new(),
        options: EmbedOptions::default(),
    });
    let copied = RwSignal::new(None::<&'static str>);
    let set = move |change: fn(&mut Choice, String), value: String| {
        copied.set(None);
        choice.update(|c| change(c, value));
    };

    let latest = LocalResource::new(move || async move { archive.first_page(&List::All).await });
    Effect::new(move |_| {
        if let Some(Ok(page)) = latest.get()
            && choice.with_untracked(|c| c.article.is_empty())
            && let Some(first) = page.items.first()
        {
            set(|c, slug| c.article = slug, first.slug.clone());
        }
    });

    let name = content.meta().name.clone();
    let public = content.meta().public_url().map(str::to_owned);
    // The embed's URL and the HTML to copy.
    let code = Memo::new(move |_| {
        let choice = choice.get();
        let href = choice.href();
        let origin = page_origin(public.as_deref());
        let frame_title = match choice.kind {
            Kind::Headlines => format!("Latest news from {name}"),
            Kind::Article => format!("An article from {name}"),
            Kind::Search => format!("Search {name}"),
        };
        let snippet = format!(
            "<iframe src=\"{origin}{}\" title=\"{}\" {EMBED_MARKER} loading=\"lazy\" style=\"width: 100%; border: 0;\"></iframe>\n<script src=\"{origin}{}\" async></script>",
            attr_text(&href),
            attr_text(&frame_title),
            routes::embed_script_href(),
        );
        (href, snippet)
    });
    let copy = move |_| {
        let text = code.with_untracked(|c| c.1.clone());
        let done = window().navigator().clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            let outcome = wasm_bindgen_futures::JsFuture::from(done).await;
            copied.set(Some(if outcome.is_ok() {
                "Copied."
            } else {
                "The browser did not allow copying: select the text and copy it."
            }));
        });
    };
    // In the page the browser runs, not the one prerendered.
    Effect::new(move |_| load_host_script());

    let filter_selects = TaxonomyKind::offered()
        .map(|k| {
            let tax = content.taxonomy(k);
            let id = format!("embed-filter-{}", k.key());
            let options = tax
                .terms
                .iter()
                .map(|t| view! { <option value=t.slug.clone()>{t.name.clone()}</option> })
                .collect_view();
            view! {
                <div class="filter">
                    <label for=id.clone()>{tax.title.clone()}</label>
                    <select
                        id=id
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            copied.set(None);
                            choice.update(|c| c.filter.set(k, (!value.is_empty()).then_some(value)));
                        }
                    >
                        <option value="">"Any"</option>
                        {options}
                    </select>
                </div>
            }
        })
        .collect_view();

    let article_select = move || {
        let items = match latest.get() {
            Some(Ok(page)) => page.items.clone(),
            _ => Vec::new(),
        };
        let options = items
            .into_iter()
            .map(|s| {
                let selected = choice.with_untracked(|c| c.article == s.slug);
                view! { <option value=s.slug.clone() selected=selected>{s.title.clone()}</option> }
            })
            .collect_view();
        view! {
            <div class="filter">
                <label for="embed-article">"Article"</label>
                <select id="embed-article" on:change=move |ev| set(|c, slug| c.article = slug, event_target_value(&ev))>{options}</select>
            </div>
        }
    };

    view! {
        <Title text="Embed our news" />
        <Breadcrumb trail=Vec::new() current="Embed our news" />
        <div class="embed-builder">
            <h1>"Embed our news"</h1>
            <p>
                "Show our latest headlines, an article or a search box on your own site. \
                 Choose below, check the preview, then copy the HTML into your page: the \
                 frame takes the height of its content by itself."
            </p>
            <form class="filters embed-options" on:submit=|ev| ev.prevent_default()>
                <fieldset class="filter">
                    <legend>"What to embed"</legend>
                    <label><input type="radio" name="embed-kind" checked=true on:change=move |_| set(|c, _| c.kind = Kind::Headlines, String::new()) />" Latest headlines"</label>
                    <label><input type="radio" name="embed-kind" on:change=move |_| set(|c, _| c.kind = Kind::Article, String::new()) />" One article"</label>
                    <label><input type="radio" name="embed-kind" on:change=move |_| set(|c, _| c.kind = Kind::Search, String::new()) />" A search box"</label>
                </fieldset>
                <div class="embed-option-group" hidden=move || choice.with(|c| c.kind != Kind::Headlines)>
                    {filter_selects}
                    <div class="filter">
                        <label for="embed-limit">"Headlines shown"</label>
                        <input
                            id="embed-limit"
                            type="number"
                            min="1"
                            max=EMBED_MAX_LIMIT.to_string()
                            prop:value=move || choice.with(|c| c.limit.to_string())
                            on:change=move |ev| set(|c, value| {
                                let n = value.trim().parse().unwrap_or(EMBED_DEFAULT_LIMIT);
                                c.limit = n.clamp(1, EMBED_MAX_LIMIT);
                            }, event_target_value(&ev))
                        />
                    </div>
                </div>
                <div class="embed-option-group" hidden=move || choice.with(|c| c.kind != Kind::Article)>{article_select}</div>
                <div class="filter">
                    <label for="embed-theme">"Colours"</label>
                    <select id="embed-theme" on:change=move |ev| set(|c, value| c.options.theme = Theme::parse(&value), event_target_value(&ev))>
                        <option value="auto">"As the reader's system (light or dark)"</option>
                        <option value="light">"Light"</option>
                        <option value="dark">"Dark"</option>
                    </select>
                </div>
                <div class="filter">
                    <label for="embed-accent">"Accent colour (links, buttons)"</label>
                    <input
                        id="embed-accent"
                        type="color"
                        value="#0b5cad"
                        on:input=move |ev| set(|c, value| c.options.accent = parse_colour(&value), event_target_value(&ev))
                    />
                </div>
                <div class="filter">
                    <label for="embed-target">"Links open in"</label>
                    <select id="embed-target" on:change=move |ev| set(|c, value| c.options.target = LinkTarget::parse(&value), event_target_value(&ev))>
                        <option value="_top">"Your page's window"</option>
                        <option value="_blank">"A new tab"</option>
                    </select>
                </div>
            </form>
            <h2 id="embed-code-title">"HTML to copy"</h2>
            <textarea class="embed-code" readonly=true rows="4" aria-labelledby="embed-code-title" prop:value=move || code.with(|c| c.1.clone())></textarea>
            <p class="embed-copy">
                <button type="button" class="button" on:click=copy>"Copy the HTML"</button>
                <span role="status">{move || copied.get()}</span>
            </p>
            <h2>"Preview"</h2>
            <iframe class="embed-preview" src=move || code.with(|c| c.0.clone()) title="Preview of the embed" {..custom_attribute(EMBED_MARKER, "")}></iframe>
        </div>
    }
}

/// Text safe inside a double-quoted HTML attribute.
fn attr_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// Where the site is served from: the page's origin in the browser; the
/// public address's in the prerendered page (empty without one).
fn page_origin(public: Option<&str>) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = public;
        window().location().origin().unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let public = public.unwrap_or_default();
        let host_at = public.find("://").map_or(0, |i| i + 3);
        match public.get(host_at..).and_then(|rest| rest.find('/')) {
            Some(path_at) => public.get(..host_at + path_at).unwrap_or(public).to_owned(),
            None => public.to_owned(),
        }
    }
}

/// Loads the host script partners include, so the preview resizes as
/// their page will.
fn load_host_script() {
    let doc = document();
    if doc
        .query_selector("script[data-embed-host]")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    if let Ok(script) = doc.create_element("script") {
        let _ = script.set_attribute("src", &routes::embed_script_href());
        let _ = script.set_attribute("data-embed-host", "");
        if let Some(head) = doc.head() {
            let _ = head.append_child(&script);
        }
    }
}
