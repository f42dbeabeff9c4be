//! Text normalisation shared by slugs and (later) search: lower-casing and
//! folding Latin diacritics to ASCII, with no Unicode tables beyond `std`.

/// ASCII folds of U+00C0..=U+00FF; `?` marks code points handled in `multi`.
const LATIN1: &str = "AAAAAA?CEEEEIIIIDNOOOOO?OUUUUY??aaaaaa?ceeeeiiiidnooooo?ouuuuy?y";
/// ASCII folds of U+0100..=U+017F; `?` marks code points handled in `multi`.
const LATIN_EXT_A: &str = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi??JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo??RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/// Folds that need more than one letter.
fn multi(c: char) -> Option<&'static str> {
    Some(match c {
        'Æ' => "AE",
        'æ' => "ae",
        'Þ' => "TH",
        'þ' => "th",
        'ß' => "ss",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        'Œ' => "OE",
        'œ' => "oe",
        _ => return None,
    })
}

/// The ASCII letters a Latin letter with diacritics folds to, if it has a fold.
pub fn fold_char(c: char) -> Option<&'static str> {
    let table = |t: &'static str, start: u32| {
        let i = (c as u32 - start) as usize;
        t.get(i..i + 1).filter(|s| *s != "?")
    };
    match c as u32 {
        0xC0..=0xFF => table(LATIN1, 0xC0).or_else(|| multi(c)),
        0x100..=0x17F => table(LATIN_EXT_A, 0x100).or_else(|| multi(c)),
        // Romanian comma-below letters and Azerbaijani schwa.
        0x218 => Some("S"),
        0x219 => Some("s"),
        0x21A => Some("T"),
        0x21B => Some("t"),
        0x18F => Some("E"),
        0x259 => Some("e"),
        _ => None,
    }
}

/// True for combining diacritical marks, which folding drops.
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F)
}

/// Lower-cases `input` and folds Latin diacritics to ASCII; other characters
/// (punctuation, other scripts) are kept as they are, lower-cased.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars().flat_map(char::to_lowercase) {
        if is_combining_mark(c) {
            continue;
        }
        match fold_char(c) {
            Some(folded) => out.push_str(folded),
            None => out.push(c),
        }
    }
    // Upper-case table entries (e.g. a lone `İ`) lower-case here.
    out.make_ascii_lowercase();
    out
}

/// The URL slug of a name: lower-cased, diacritics folded to ASCII, every run
/// of other characters turned into one `-`, no `-` at either end.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c);
        } else {
            pending_dash = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_cover_their_ranges() {
        assert_eq!(LATIN1.len(), 0x40);
        assert_eq!(LATIN_EXT_A.len(), 0x80);
    }

    #[test]
    fn folds_every_table_entry_to_ascii() {
        for cp in 0xC0..=0x17F_u32 {
            let c = char::from_u32(cp).unwrap_or(' ');
            if c == '×' || c == '÷' {
                assert_eq!(fold_char(c), None);
                continue;
            }
            let folded = fold_char(c).unwrap_or_else(|| panic!("no fold for {c}"));
            assert!(folded.is_ascii(), "{c} folds to {folded}");
        }
    }
}
