//! The Porter stemmer (M. F. Porter, 1980) for English, so "workshops"
//! finds "workshop" and "elections" finds "election". Words that are not
//! plain ASCII letters are returned unchanged.

/// The stem of a lower-case word.
pub fn stem(word: &str) -> String {
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_owned();
    }
    let mut w = Stemmer {
        b: word.as_bytes().to_vec(),
    };
    w.step1a();
    w.step1b();
    w.step1c();
    w.step2();
    w.step3();
    w.step4();
    w.step5();
    String::from_utf8(w.b).unwrap_or_else(|_| word.to_owned())
}

struct Stemmer {
    b: Vec<u8>,
}

impl Stemmer {
    /// The letter at `i`, or 0 past the end: the rules stay in bounds, and
    /// a slip reads a consonant instead of panicking.
    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    fn cons(&self, i: usize) -> bool {
        match self.at(i) {
            b'a' | b'e' | b'i' | b'o' | b'u' => false,
            b'y' => i == 0 || !self.cons(i - 1),
            _ => true,
        }
    }

    /// The number of vowel-consonant sequences in `b[..end]`.
    fn measure(&self, end: usize) -> usize {
        let mut n = 0;
        let mut i = 0;
        while i < end && self.cons(i) {
            i += 1;
        }
        loop {
            while i < end && !self.cons(i) {
                i += 1;
            }
            if i >= end {
                return n;
            }
            while i < end && self.cons(i) {
                i += 1;
            }
            n += 1;
            if i >= end {
                return n;
            }
        }
    }

    fn vowel_in(&self, end: usize) -> bool {
        (0..end).any(|i| !self.cons(i))
    }

    fn double_cons(&self, end: usize) -> bool {
        end >= 2 && self.at(end - 1) == self.at(end - 2) && self.cons(end - 1)
    }

    /// consonant-vowel-consonant ending at `end - 1`, the last not w, x, y.
    fn cvc(&self, end: usize) -> bool {
        end >= 3
            && self.cons(end - 1)
            && !self.cons(end - 2)
            && self.cons(end - 3)
            && !matches!(self.at(end - 1), b'w' | b'x' | b'y')
    }

    fn ends(&self, suffix: &str) -> bool {
        self.b.ends_with(suffix.as_bytes())
    }

    /// Replaces `suffix` (which the word ends with) by `with`.
    fn set(&mut self, suffix: &str, with: &str) {
        let len = self.b.len() - suffix.len();
        self.b.truncate(len);
        self.b.extend_from_slice(with.as_bytes());
    }

    /// Replaces the first matching suffix when the stem before it has a
    /// measure above `min_m`.
    fn replace_first(&mut self, rules: &[(&str, &str)], min_m: usize) {
        for &(suffix, with) in rules {
            if self.ends(suffix) {
                let stem_len = self.b.len() - suffix.len();
                if self.measure(stem_len) > min_m {
                    self.set(suffix, with);
                }
                return;
            }
        }
    }

    fn step1a(&mut self) {
        if self.ends("sses") {
            self.set("sses", "ss");
        } else if self.ends("ies") {
            self.set("ies", "i");
        } else if !self.ends("ss") && self.ends("s") {
            self.set("s", "");
        }
    }

    fn step1b(&mut self) {
        if self.ends("eed") {
            if self.measure(self.b.len() - 3) > 0 {
                self.set("eed", "ee");
            }
            return;
        }
        let cut = if self.ends("ed") && self.vowel_in(self.b.len() - 2) {
            "ed"
        } else if self.ends("ing") && self.vowel_in(self.b.len() - 3) {
            "ing"
        } else {
            return;
        };
        self.set(cut, "");
        if self.ends("at") || self.ends("bl") || self.ends("iz") {
            self.b.push(b'e');
        } else if self.double_cons(self.b.len())
            && !matches!(self.at(self.b.len() - 1), b'l' | b's' | b'z')
        {
            self.b.pop();
        } else if self.measure(self.b.len()) == 1 && self.cvc(self.b.len()) {
            self.b.push(b'e');
        }
    }

    fn step1c(&mut self) {
        if self.ends("y") && self.vowel_in(self.b.len() - 1) {
            self.set("y", "i");
        }
    }

    fn step2(&mut self) {
        self.replace_first(
            &[
                ("ational", "ate"),
                ("tional", "tion"),
                ("enci", "ence"),
                ("anci", "ance"),
                ("izer", "ize"),
                ("bli", "ble"),
                ("alli", "al"),
                ("entli", "ent"),
                ("eli", "e"),
                ("ousli", "ous"),
                ("ization", "ize"),
                ("ation", "ate"),
                ("ator", "ate"),
                ("alism", "al"),
                ("iveness", "ive"),
                ("fulness", "ful"),
                ("ousness", "ous"),
                ("aliti", "al"),
                ("iviti", "ive"),
                ("biliti", "ble"),
                ("logi", "log"),
            ],
            0,
        );
    }

    fn step3(&mut self) {
        self.replace_first(
            &[
                ("icate", "ic"),
                ("ative", ""),
                ("alize", "al"),
                ("iciti", "ic"),
                ("ical", "ic"),
                ("ful", ""),
                ("ness", ""),
            ],
            0,
        );
    }

    fn step4(&mut self) {
        const SUFFIXES: [&str; 19] = [
            "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti",
            "ous", "ive", "ize", "ion", "al", "er", "ic", "ou",
        ];
        // Longest match first, as Porter's switch on the penultimate letter does.
        let Some(suffix) = SUFFIXES
            .iter()
            .filter(|s| self.ends(s))
            .max_by_key(|s| s.len())
        else {
            return;
        };
        let stem_len = self.b.len() - suffix.len();
        if *suffix == "ion" && !(stem_len > 0 && matches!(self.at(stem_len - 1), b's' | b't')) {
            return;
        }
        if self.measure(stem_len) > 1 {
            self.b.truncate(stem_len);
        }
    }

    fn step5(&mut self) {
        if self.ends("e") {
            let stem_len = self.b.len() - 1;
            let m = self.measure(stem_len);
            if m > 1 || (m == 1 && !self.cvc(stem_len)) {
                self.b.pop();
            }
        }
        if self.ends("ll") && self.measure(self.b.len()) > 1 {
            self.b.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn porter_reference_words() {
        for (word, expected) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("cats", "cat"),
            ("feed", "feed"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("sing", "sing"),
            ("conflated", "conflat"),
            ("troubled", "troubl"),
            ("sized", "size"),
            ("hopping", "hop"),
            ("falling", "fall"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("conditional", "condit"),
            ("generalization", "gener"),
            ("electrical", "electr"),
            ("hopefulness", "hope"),
            ("adjustment", "adjust"),
            ("adoption", "adopt"),
            ("controlling", "control"),
            ("roll", "roll"),
            ("workshops", "workshop"),
            ("radicalization", "radic"),
            ("elections", "elect"),
        ] {
            assert_eq!(stem(word), expected, "stem of {word}");
        }
    }
}
