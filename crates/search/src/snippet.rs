//! Snippets: a window of text around the matched words, with those words
//! marked. Matching uses the same folding as the index, so "Copelj" marks
//! "Čopelj".

use std::collections::HashSet;

use super::tokenize::tokenize;

/// A piece of a snippet; marked pieces are shown in `<mark>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

/// The whole of `text`, matched words marked.
pub fn highlight(text: &str, matched: &HashSet<String>) -> Vec<Segment> {
    segments(text, 0, text.len(), matched)
}

fn segments(text: &str, from: usize, to: usize, matched: &HashSet<String>) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = from;
    // Byte ranges from `tokenize` and `char_indices` are char boundaries;
    // `get` keeps a slip from panicking.
    let part = |a: usize, b: usize| text.get(a..b).unwrap_or_default().to_owned();
    for token in tokenize(text.get(from..to).unwrap_or_default()) {
        let (start, end) = (from + token.start, from + token.end);
        if matched.contains(&token.term) {
            if start > at {
                out.push(Segment {
                    text: part(at, start),
                    marked: false,
                });
            }
            out.push(Segment {
                text: part(start, end),
                marked: true,
            });
            at = end;
        }
    }
    if at < to {
        out.push(Segment {
            text: part(at, to),
            marked: false,
        });
    }
    out
}

/// About `words` words of `text` around its first matched word (from the
/// start when `matched` is empty), with `…` where text was cut; `None` when
/// no word matches.
pub fn snippet(text: &str, matched: &HashSet<String>, words: usize) -> Option<Vec<Segment>> {
    let tokens = tokenize(text);
    // With nothing to match, the start of the text.
    let first = if matched.is_empty() {
        0
    } else {
        tokens.iter().position(|t| matched.contains(&t.term))?
    };
    if tokens.is_empty() {
        return None;
    }
    let start_tok = first.saturating_sub(words / 4);
    let end_tok = (start_tok + words).min(tokens.len());
    let from = match start_tok {
        0 => 0,
        i => tokens.get(i).map_or(0, |t| t.start),
    };
    let to = if end_tok == tokens.len() {
        text.len()
    } else {
        tokens
            .get(end_tok.wrapping_sub(1))
            .map_or(text.len(), |t| t.end)
    };
    let mut out = segments(text, from, to, matched);
    if from > 0 {
        out.insert(
            0,
            Segment {
                text: "…".to_owned(),
                marked: false,
            },
        );
    }
    if to < text.len() {
        out.push(Segment {
            text: "…".to_owned(),
            marked: false,
        });
    }
    Some(out)
}
