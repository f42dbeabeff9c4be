//! The published news, fetched on demand and kept in memory: a page
//! fetches only what it shows, and a file fetched once is never fetched
//! again in the session (concurrent requests for it share one download).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared, join_all};
use leptos::prelude::{GetValue, LocalStorage, StoredValue};
use serde::de::DeserializeOwned;

use newsroom_content::files::{List, article_file, is_slug, list_file, positions_file};
use newsroom_content::parse::parse;
use newsroom_content::publish::{intersect, ungap};
use newsroom_content::{Article, DataError, ListPage, NewsFilter, Paged, Summary, TaxonomyKind};

use super::fetch::fetch_optional;

type Loaded<T> = Result<Option<Rc<T>>, DataError>;
type Pending<T> = Shared<LocalBoxFuture<'static, Loaded<T>>>;

/// Downloads of one type of file, by path.
struct Files<T>(RefCell<HashMap<String, Pending<T>>>);

impl<T: DeserializeOwned + 'static> Files<T> {
    fn new() -> Self {
        Files(RefCell::new(HashMap::new()))
    }

    /// The file's content; `None` when the server has no such file. A
    /// failure is not kept, so the next call tries again.
    async fn get(&self, file: String) -> Loaded<T> {
        let pending = self
            .0
            .borrow_mut()
            .entry(file.clone())
            .or_insert_with(|| {
                let file = file.clone();
                async move {
                    let Some(text) = fetch_optional(&file).await? else {
                        return Ok(None);
                    };
                    parse::<T>(&file, &text).map(|v| Some(Rc::new(v)))
                }
                .boxed_local()
                .shared()
            })
            .clone();
        let result = pending.await;
        if result.is_err() {
            self.0.borrow_mut().remove(&file);
        }
        result
    }

    /// Drops what is kept of a file, so the next call fetches it again.
    fn forget(&self, file: &str) {
        self.0.borrow_mut().remove(file);
    }
}

struct Caches {
    lists: Files<ListPage>,
    articles: Files<Article>,
    positions: Files<Vec<u32>>,
}

/// The news archive, provided to every page by the shell.
#[derive(Clone, Copy)]
pub struct Archive {
    caches: StoredValue<Rc<Caches>, LocalStorage>,
    page_size: usize,
}

/// A missing file the build always writes: the published data is incomplete.
fn missing(file: String) -> DataError {
    DataError::Status {
        file,
        status: 404,
        status_text: "Not Found".to_owned(),
    }
}

impl Archive {
    /// An empty archive for lists of `page_size` articles per page.
    pub fn new(page_size: usize) -> Self {
        Archive {
            caches: StoredValue::new_local(Rc::new(Caches {
                lists: Files::new(),
                articles: Files::new(),
                positions: Files::new(),
            })),
            page_size: page_size.max(1),
        }
    }

    /// The same archive (its files shared) for lists of `page_size`.
    pub fn with_page_size(self, page_size: usize) -> Self {
        Archive {
            page_size: page_size.max(1),
            ..self
        }
    }

    fn caches(&self) -> Rc<Caches> {
        self.caches.get_value()
    }

    /// An article by slug; `None` when there is none (an impossible slug
    /// is never requested).
    pub async fn article(&self, slug: &str) -> Loaded<Article> {
        if !is_slug(slug) {
            return Ok(None);
        }
        self.caches().articles.get(article_file(slug)).await
    }

    /// The first page of a list (which the build always writes).
    pub async fn first_page(&self, list: &List) -> Result<Rc<ListPage>, DataError> {
        self.written(list, 1).await
    }

    /// A page of a list that the build must have written.
    async fn written(&self, list: &List, page: usize) -> Result<Rc<ListPage>, DataError> {
        let file = list_file(list, page);
        let lists = &self.caches().lists;
        match lists.get(file.clone()).await? {
            Some(page) => Ok(page),
            // Not kept: the build always writes it, so Retry asks again.
            None => {
                lists.forget(&file);
                Err(missing(file))
            }
        }
    }

    /// One page of the news list with the given filters. A page past the
    /// end comes back empty, with the real page count.
    // Boxed: one copy of this state machine in the wasm, however many
    // pages await it.
    pub fn news(
        &self,
        filter: &NewsFilter,
        page: usize,
    ) -> LocalBoxFuture<'static, Result<Paged<Summary>, DataError>> {
        let archive = *self;
        let filter = filter.clone();
        async move {
            let page = page.max(1);
            match filter.terms.as_slice() {
                [] => archive.paged(&List::All, page).await,
                [(kind, slug)] => archive.paged(&List::Term(*kind, slug.clone()), page).await,
                terms => archive.combined(terms, page).await,
            }
        }
        .boxed_local()
    }

    async fn paged(&self, list: &List, page: usize) -> Result<Paged<Summary>, DataError> {
        let caches = self.caches();
        let found = caches.lists.get(list_file(list, page)).await?;
        let (total, items) = match found {
            Some(p) => (p.total, p.items.clone()),
            // Past the end: the first page knows the length.
            None => (self.first_page(list).await?.total, Vec::new()),
        };
        Ok(self.paging(items, page, total))
    }

    fn paging(&self, items: Vec<Summary>, page: usize, total: usize) -> Paged<Summary> {
        Paged {
            items,
            page,
            pages: total.div_ceil(self.page_size).max(1),
            total,
        }
    }

    /// Several filters: intersects the terms' positions in the full list,
    /// then takes the page's summaries from the full list's pages.
    async fn combined(
        &self,
        terms: &[(TaxonomyKind, String)],
        page: usize,
    ) -> Result<Paged<Summary>, DataError> {
        let caches = self.caches();
        let files: Vec<String> = terms
            .iter()
            .map(|(kind, slug)| positions_file(*kind, slug))
            .collect();
        let loaded = join_all(files.iter().map(|f| caches.positions.get(f.clone()))).await;
        let mut sets = Vec::with_capacity(loaded.len());
        for (file, gaps) in files.into_iter().zip(loaded) {
            let Some(gaps) = gaps? else {
                caches.positions.forget(&file);
                return Err(missing(file));
            };
            let positions = ungap(&gaps).ok_or_else(|| DataError::Invalid {
                file,
                reason: "positions overflow".to_owned(),
            })?;
            sets.push(positions);
        }
        let matching = intersect(sets);
        let size = self.page_size;
        let wanted: Vec<usize> = matching
            .iter()
            .skip((page - 1).saturating_mul(size))
            .take(size)
            .map(|&p| p as usize)
            .collect();
        // The full list's pages holding them (ascending, so equal ones touch).
        let mut pages: Vec<usize> = wanted.iter().map(|p| p / size + 1).collect();
        pages.dedup();
        let loaded = join_all(pages.iter().map(|&n| self.written(&List::All, n))).await;
        let mut items = Vec::with_capacity(wanted.len());
        for (n, found) in pages.into_iter().zip(loaded) {
            let found = found?;
            for p in wanted.iter().filter(|&&p| p / size + 1 == n) {
                let item = found
                    .items
                    .get(p % size)
                    .ok_or_else(|| DataError::Invalid {
                        file: list_file(&List::All, n),
                        reason: format!("has no article at position {p}"),
                    })?;
                items.push(item.clone());
            }
        }
        Ok(self.paging(items, page, matching.len()))
    }
}
