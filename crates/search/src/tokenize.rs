//! Splitting text into searchable words, keeping where each word stands in
//! the original text so snippets can mark it.

use newsroom_content::text::fold;

/// A word of a text: its folded form and its byte range in the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Lower-cased, diacritics folded.
    pub term: String,
    pub start: usize,
    pub end: usize,
}

/// Longest word kept, in bytes; longer runs are cut (they are never words).
pub const MAX_TERM_LEN: usize = 40;

/// The words of `text`: maximal runs of letters and digits, folded. A lone
/// `s` after an apostrophe ("TNTD’s") is dropped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start = None;
    let mut prev_apostrophe = false;
    let push = |start: usize, end: usize, after_apostrophe: bool, tokens: &mut Vec<Token>| {
        let Some(raw) = text.get(start..end) else {
            return;
        };
        if after_apostrophe && raw.eq_ignore_ascii_case("s") {
            return;
        }
        let mut term = fold(raw);
        if term.len() > MAX_TERM_LEN {
            let mut cut = MAX_TERM_LEN;
            while !term.is_char_boundary(cut) {
                cut -= 1;
            }
            term.truncate(cut);
        }
        tokens.push(Token { term, start, end });
    };
    let mut apostrophe_before_word = false;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
                apostrophe_before_word = prev_apostrophe;
            }
        } else if let Some(s) = start.take() {
            push(s, i, apostrophe_before_word, &mut tokens);
        }
        prev_apostrophe = matches!(c, '\'' | '’' | 'ʼ');
    }
    if let Some(s) = start {
        push(s, text.len(), apostrophe_before_word, &mut tokens);
    }
    tokens
}
