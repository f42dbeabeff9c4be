//! Bounded edit distance (Damerau–Levenshtein, optimal string alignment):
//! one edit is an insertion, deletion, substitution or swap of neighbours.

/// The number of edits between `a` and `b` if it is at most `max`.
pub fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    if !Shape::of(a).may_be_within(Shape::of(b), max) {
        return None;
    }
    if a.is_ascii() && b.is_ascii() {
        bounded(a.as_bytes(), b.as_bytes(), max)
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        bounded(&a, &b, max)
    }
}

/// What a quick check needs of a word to rule it out before counting
/// edits: its length and the set of letters it is made of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// `a`–`z` each a bit of their own, other characters sharing the rest.
    letters: u32,
    /// Characters, at most 255.
    chars: u8,
}

impl Shape {
    pub fn of(word: &str) -> Shape {
        word.chars().fold(Shape::default(), |shape, c| {
            let bit = match c {
                'a'..='z' => c as u32 - 'a' as u32,
                _ => 26 + c as u32 % 6,
            };
            Shape {
                letters: shape.letters | 1 << bit,
                chars: shape.chars.saturating_add(1),
            }
        })
    }

    /// False when the words are surely more than `max` edits apart: an edit
    /// changes the length by at most one and the letter set by at most two.
    pub fn may_be_within(self, other: Shape, max: usize) -> bool {
        let long = self.chars == u8::MAX || other.chars == u8::MAX;
        (long || usize::from(self.chars.abs_diff(other.chars)) <= max)
            && (self.letters ^ other.letters).count_ones() as usize <= 2 * max
    }
}

// Every index is below the lengths fixed at the top (`i <= a.len()`,
// `j <= b.len()`, rows of `width = b.len() + 1`), and this is the hottest
// loop of typo matching: indexed directly.
#[allow(clippy::indexing_slicing)]
fn bounded<T: PartialEq + Copy>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    // Three rows: two back (for swaps), previous, current. Words are short:
    // keep them on the stack.
    let mut stack = [0usize; 3 * 48];
    let mut heap = Vec::new();
    let rows: &mut [usize] = if 3 * width <= stack.len() {
        &mut stack[..3 * width]
    } else {
        heap.resize(3 * width, 0);
        &mut heap
    };
    for (j, cell) in rows[width..2 * width].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (older, rest) = rows.split_at_mut(width);
        let (prev, cur) = rest.split_at_mut(width);
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(older[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        rows.rotate_left(width);
    }
    // After the last rotation the final row sits in the middle slot.
    let d = rows[2 * width - 1];
    (d <= max).then_some(d)
}

/// How many edits a word of this length may have and still match: none
/// under 5 letters, one from 5, two from 9.
pub fn allowed_edits(word: &str) -> usize {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::{bounded, distance};

    #[test]
    fn counts_edits_up_to_the_bound() {
        assert_eq!(distance("terrorism", "terorism", 2), Some(1));
        assert_eq!(distance("sarajevo", "sarajvo", 1), Some(1));
        assert_eq!(distance("radicalization", "radicalisation", 2), Some(1));
        assert_eq!(distance("form", "from", 1), Some(1));
        assert_eq!(distance("abc", "abc", 0), Some(0));
        assert_eq!(distance("kitten", "sitting", 2), None);
        assert_eq!(distance("kitten", "sitting", 3), Some(3));
        assert_eq!(distance("", "ab", 2), Some(2));
        assert_eq!(distance("zeković", "zekovic", 1), Some(1));
    }

    #[test]
    fn the_letter_set_check_never_rejects_a_match() {
        let words = [
            "abba", "baba", "abab", "aabb", "ab", "ba", "a", "", "abc", "cab", "bca", "abcd",
            "dcba", "ačb", "acb", "čab", "zz", "zaz", "azza", "žaža",
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                for max in 0..=3 {
                    assert_eq!(distance(a, b, max), bounded(&ca, &cb, max), "{a} {b} {max}");
                }
            }
        }
    }
}
