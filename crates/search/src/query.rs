//! Parsing what the reader typed: words, "quoted phrases", and whether the
//! last word is still being typed.

use super::tokenize::tokenize;

/// Longest query read, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 256;
/// Most words a query keeps.
pub const MAX_WORDS: usize = 12;

/// A parsed query. Every word is required.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<QueryWord>,
    /// Each phrase lists indexes into `words`, in order.
    pub phrases: Vec<Vec<usize>>,
}

/// One required word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryWord {
    /// Folded, lower-case.
    pub term: String,
    /// The reader may still be typing it: match it as a prefix too.
    pub prefix: bool,
}

impl Query {
    /// Whether there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// Parses a query. Quotes (straight or typographic) delimit phrases; an
/// unclosed quote runs to the end.
pub fn parse(input: &str) -> Query {
    let input = match input.char_indices().nth(MAX_QUERY_CHARS) {
        Some((cut, _)) => input.get(..cut).unwrap_or(input),
        None => input,
    };
    let mut query = Query::default();
    let mut in_phrase = false;
    for (i, part) in input.split(is_quote).enumerate() {
        if i > 0 {
            in_phrase = !in_phrase;
        }
        let first = query.words.len();
        for token in tokenize(part) {
            if query.words.len() == MAX_WORDS {
                break;
            }
            query.words.push(QueryWord {
                term: token.term,
                prefix: false,
            });
        }
        if in_phrase && query.words.len() - first > 1 {
            query.phrases.push((first..query.words.len()).collect());
        }
    }
    // The last word is being typed unless the query ends with a space or a
    // closing quote.
    let ends_open = input.chars().last().is_some_and(char::is_alphanumeric);
    if let (true, Some(last)) = (ends_open, query.words.last_mut()) {
        last.prefix = true;
    }
    query
}
