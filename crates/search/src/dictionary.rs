//! The sorted list of indexed words, kept in one string: tens of thousands
//! of separate allocations would cost memory, load time and cache misses
//! on every scan for typos.

/// Indexed words in sorted order, each identified by its position.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dictionary {
    text: String,
    /// Word `t` is `text[ends[t - 1]..ends[t]]` (from 0 for the first).
    ends: Vec<u32>,
}

impl Dictionary {
    /// Appends a word; callers keep the order sorted and unique.
    pub(super) fn push(&mut self, word: &str) {
        self.text.push_str(word);
        self.ends.push(self.text.len() as u32);
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The word with id `t`.
    pub fn get(&self, t: u32) -> Option<&str> {
        let t = t as usize;
        let end = *self.ends.get(t)? as usize;
        let start = match t.checked_sub(1) {
            Some(prev) => *self.ends.get(prev)? as usize,
            None => 0,
        };
        self.text.get(start..end)
    }

    /// The last word, if any.
    pub fn last(&self) -> Option<&str> {
        self.get(self.len().checked_sub(1)? as u32)
    }

    /// The words with their ids, in order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &str)> {
        let mut start = 0;
        self.ends.iter().enumerate().map(move |(t, &end)| {
            let word = self.text.get(start..end as usize).unwrap_or("");
            start = end as usize;
            (t as u32, word)
        })
    }

    /// The id of `word`, if indexed.
    pub fn find(&self, word: &str) -> Option<u32> {
        let t = self.first_not_below(word);
        (self.get(t) == Some(word)).then_some(t)
    }

    /// The ids of all words starting with `prefix`.
    pub fn prefix_range(&self, prefix: &str) -> std::ops::Range<u32> {
        let start = self.first_not_below(prefix);
        let mut end = start;
        // Binary search for the end of the block sharing the prefix.
        let mut hi = self.len() as u32;
        while end < hi {
            let mid = end + (hi - end) / 2;
            if self.get(mid).is_some_and(|w| w.starts_with(prefix)) {
                end = mid + 1;
            } else {
                hi = mid;
            }
        }
        start..end
    }

    /// The id of the first word not sorting before `word`.
    fn first_not_below(&self, word: &str) -> u32 {
        let (mut lo, mut hi) = (0u32, self.len() as u32);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.get(mid).is_some_and(|w| w < word) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Approximate heap memory held, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::Dictionary;

    #[test]
    fn finds_words_and_prefixes() {
        let mut d = Dictionary::default();
        for w in ["a", "ab", "abc", "b", "ba", "čas"] {
            d.push(w);
        }
        assert_eq!(d.len(), 6);
        assert_eq!(d.get(0), Some("a"));
        assert_eq!(d.get(5), Some("čas"));
        assert_eq!(d.get(6), None);
        assert_eq!(d.find("ab"), Some(1));
        assert_eq!(d.find("abd"), None);
        assert_eq!(d.prefix_range("a"), 0..3);
        assert_eq!(d.prefix_range("ab"), 1..3);
        assert_eq!(d.prefix_range("b"), 3..5);
        assert_eq!(d.prefix_range("č"), 5..6);
        assert!(d.prefix_range("x").is_empty());
        assert_eq!(d.prefix_range(""), 0..6);
        assert_eq!(d.last(), Some("čas"));
        let all: Vec<(u32, &str)> = d.iter().collect();
        assert_eq!(all[2], (2, "abc"));
        assert!(Dictionary::default().prefix_range("a").is_empty());
    }
}
