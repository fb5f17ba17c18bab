//! Is a text about the codebook's topic at all? One case-insensitive pass over the
//! codebook's `keywords` (a word, or a prefix ending in `*`), at word starts only.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::Codebook;

/// The codebook's topic keywords, ready to match.
#[derive(Debug, Clone)]
pub struct TopicFilter {
    matcher: Option<AhoCorasick>,
    /// Per pattern: true when it is a prefix (may run on into more letters).
    prefix: Vec<bool>,
}

impl TopicFilter {
    /// The filter of a codebook; one without keywords accepts everything.
    pub fn new(codebook: &Codebook) -> Self {
        Self::of(&codebook.keywords)
    }

    /// The filter of the words that say a text is about another topic
    /// (`Codebook::elsewhere`); none accepts everything.
    pub fn elsewhere(codebook: &Codebook) -> Self {
        Self::of(&codebook.elsewhere)
    }

    fn of(keywords: &[String]) -> Self {
        let words: Vec<(String, bool)> = keywords
            .iter()
            .map(|k| k.trim())
            .filter(|k| !k.is_empty())
            .map(|k| match k.strip_suffix('*') {
                Some(p) => (p.to_lowercase(), true),
                None => (k.to_lowercase(), false),
            })
            .collect();
        let matcher = (!words.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(words.iter().map(|(w, _)| w))
                    .ok()
            })
            .flatten();
        Self { matcher, prefix: words.into_iter().map(|(_, p)| p).collect() }
    }

    /// Whether `text` names the topic.
    pub fn accepts(&self, text: &str) -> bool {
        self.accepts_lowered(&text.to_lowercase())
    }

    /// [`TopicFilter::accepts`], for a text already lower-cased.
    pub fn accepts_lowered(&self, lower: &str) -> bool {
        let Some(m) = &self.matcher else { return true };
        let word = |c: Option<char>| c.is_some_and(stances_core::languages::is_word_char);
        m.find_overlapping_iter(lower).any(|hit| {
            let before = lower[..hit.start()].chars().next_back();
            let after = lower[hit.end()..].chars().next();
            !word(before) && (self.prefix[hit.pattern().as_usize()] || !word(after))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(keywords: &[&str]) -> TopicFilter {
        let mut cb = crate::Codebook::parse(
            "topic = \"t\"\ntitle = \"T\"\nversion = \"1\"\n[[position]]\ncode = \"a\"\nlabel = \"A\"\ndescription = \"d\"\n",
            "t.toml",
        )
        .expect("codebook");
        cb.keywords = keywords.iter().map(|s| s.to_string()).collect();
        TopicFilter::new(&cb)
    }

    #[test]
    fn keywords_match_whole_words_and_prefixes_in_any_case() {
        let f = filter(&["ukrain*", "kyiv", "nato"]);
        assert!(f.accepts("Solidarity with UKRAINIAN workers"));
        assert!(f.accepts("Rally in Kyiv."));
        assert!(!f.accepts("Kyivan is not a keyword, only a prefix would be"));
        assert!(!f.accepts("A senator spoke on pensions"));
        assert!(!f.accepts("Sonatorial"));
    }

    #[test]
    fn no_keywords_accepts_everything() {
        assert!(filter(&[]).accepts("anything"));
    }

    #[test]
    fn keywords_in_scripts_without_spaces() {
        let f = filter(&["ウクライナ", "ukrain*"]);
        assert!(f.accepts("港湾労組はウクライナへの侵攻を非難する。"));
        assert!(!f.accepts("港湾労組は賃上げを求める。"));
    }
}
