use leptos::prelude::*;
use leptos_router::hooks::use_query;

use crate::components::article_list::ItemHeading;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::title::Title;
use crate::offline::offline_list::OfflineList;
use crate::routes::OfflineQuery;

/// `/offline`: the articles saved on this device, which open without a
/// connection.
#[component]
pub fn OfflinePage() -> impl IntoView {
    let query = use_query::<OfflineQuery>();
    let page = Signal::derive(move || query.get().unwrap_or_default().page());
    view! {
        <Title text="Available offline" />
        <Breadcrumb trail=Vec::new() current="Available offline" />
        <div class="offline-page">
            <h1>"Available offline"</h1>
            <p>"These articles are saved on this device: they open without a connection."</p>
            <OfflineList page paged=true heading=ItemHeading::H2 />
        </div>
    }
}
