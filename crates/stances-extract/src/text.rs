//! Plain text to blocks: paragraphs are separated by blank lines; bullets and numbered
//! points become list items; short lines without closing punctuation become headings.

use stances_core::{Block, BlockKind};

/// Characters that open a bullet point.
const BULLETS: &[char] = &[
    '•', '·', '◦', '▪', '▫', '■', '□', '●', '○', '►', '▸', '‣', '⁃', '*', '\u{F0B7}', '\u{F0A7}', '\u{F0D8}', '–', '—',
    '-', '✓', '✔', '→',
];

/// Splits plain text into blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut after_lead_in = false;
    for para in paragraphs(text) {
        // A paragraph whose lines are each a bullet is a list.
        let lines: Vec<&str> = para.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect();
        let lead = usize::from(lines.len() > 2 && bullet_text(lines[0]).is_none());
        if lines.len() > 1 && lines[lead..].iter().all(|l| bullet_text(l).is_some()) {
            if lead == 1 {
                out.push(Block::new(BlockKind::Paragraph, normalize(lines[0])));
            }
            for l in &lines[lead..] {
                out.push(Block::new(BlockKind::ListItem, normalize(bullet_text(l).unwrap_or(l))));
            }
            after_lead_in = false;
            continue;
        }
        // A line that ends well short of the paragraph's longest is a hard break (a
        // signature, an address, a heading typed without a blank line): it stands alone.
        if let Some(cut) = hard_break(&lines) {
            let (head, tail) = lines.split_at(cut);
            for part in [head, tail] {
                let text = part.join("\n");
                for b in blocks(&text) {
                    after_lead_in = b.text.ends_with(':') || (after_lead_in && b.kind == BlockKind::ListItem);
                    out.push(b);
                }
            }
            continue;
        }
        let joined = normalize(&lines.join(" "));
        if joined.is_empty() {
            continue;
        }
        let block = if let Some(item) = bullet_text(lines[0]).filter(|_| !is_dash_label(&joined)) {
            let rest: Vec<&str> = std::iter::once(item).chain(lines[1..].iter().copied()).collect();
            Block::new(BlockKind::ListItem, normalize(&rest.join(" ")))
        } else if after_lead_in && starts_indented(lines[0]) {
            // Bullets whose glyph was lost in copying leave only their indentation.
            Block::new(BlockKind::ListItem, joined)
        } else if lines.len() == 1 && looks_like_heading(&joined) {
            Block::new(BlockKind::Heading, joined)
        } else {
            Block::new(BlockKind::Paragraph, joined)
        };
        after_lead_in = block.text.ends_with(':') || (after_lead_in && block.kind == BlockKind::ListItem);
        out.push(block);
    }
    out
}

/// Where a paragraph's lines break early: the index just past the first line (not the
/// last) that is much shorter than the longest line, or is a date; or just before it, when the line
/// before ends a sentence and it starts a new one (a date line between two paragraphs
/// typed without blank lines stands alone, not as the end of the first).
fn hard_break(lines: &[&str]) -> Option<usize> {
    let longest = lines.iter().map(|l| l.trim().chars().count()).max()?;
    let capitals = |l: &str| l.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !l.chars().any(char::is_lowercase);
    // In a script written without spaces a paragraph is one line; a short line in one that
    // does not run on ("、") is a title, a name or a signer's line of its own.
    let unspaced_line = |l: &str| {
        let l = l.trim();
        crate::languages::is_mostly_unspaced(l) && l.chars().count() <= 30 && !l.ends_with(['、', '，', ','])
    };
    let short = |l: &str| l.trim().chars().count() * 10 < longest * 6;
    let Some(i) = lines[..lines.len().saturating_sub(1)]
        .iter()
        .position(|l| short(l) || capitals(l) || crate::dates::date_line(l).is_some() || unspaced_line(l))
    else {
        // A short last line that ends with a date signs or dates what is above it
        // ("Ministry of Harbours, posted 18 March 2023").
        let last = lines.last()?;
        return (lines.len() >= 2 && short(last) && crate::dates::ends_with_date(last)).then(|| lines.len() - 1);
    };
    let ends_sentence = |l: &str| l.trim_end().ends_with(['.', '!', '?', '"', '”', '»', ')']);
    let starts_one = |l: &str| l.trim_start().starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    if i > 0 && ends_sentence(lines[i - 1]) && starts_one(lines[i]) {
        Some(i)
    } else {
        Some(i + 1)
    }
}

/// The paragraphs of a text: runs of non-blank lines.
fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut current = String::new();
    let mut lines = text.lines().peekable();
    std::iter::from_fn(move || {
        for line in lines.by_ref() {
            if line.trim().is_empty() {
                if !current.is_empty() {
                    return Some(std::mem::take(&mut current));
                }
            } else {
                current.push_str(line);
                current.push('\n');
            }
        }
        (!current.is_empty()).then(|| std::mem::take(&mut current))
    })
}

/// The text of a bullet line without its glyph, or `None` when the line is no bullet.
fn bullet_text(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(|c: char| c.is_whitespace());
    let first = t.chars().next()?;
    if BULLETS.contains(&first) {
        let rest = &t[first.len_utf8()..];
        // "-5 degrees" or "--" is no bullet: a glyph is followed by a space.
        return rest.starts_with(char::is_whitespace).then(|| rest.trim_start());
    }
    // "1." "2)" "a)" "(3)"
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = if digits > 0 && digits <= 2 {
        &t[digits..]
    } else if t.len() > 2 && t.as_bytes()[0].is_ascii_lowercase() && t.as_bytes()[1] == b')' {
        &t[1..]
    } else {
        return None;
    };
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    rest.starts_with(char::is_whitespace).then(|| rest.trim_start())
}

fn starts_indented(line: &str) -> bool {
    line.starts_with(|c: char| c.is_whitespace())
}

/// "- News from around the world -": a label framed by dashes, not a bullet.
fn is_dash_label(text: &str) -> bool {
    let t = text.trim();
    t.len() > 2 && t.starts_with(['-', '–', '—']) && t.ends_with(['-', '–', '—'])
}

/// A short single line that does not end like a sentence.
pub fn looks_like_heading(text: &str) -> bool {
    let words = crate::languages::word_count(text);
    let last = text.chars().last().unwrap_or('.');
    let first = text.chars().next().unwrap_or('a');
    words <= 20
        && text.len() < 200
        && !matches!(last, '.' | ',' | ';' | ':' | '…' | '。' | '、' | '，' | '；' | '：')
        && !first.is_lowercase()
}

/// Collapses runs of whitespace (including no-break spaces) into one space and trims.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BlockKind, String)> {
        blocks(text).into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn paragraphs_headings_and_bullets() {
        let got = kinds("Party X: No to war!\n\nWe condemn the\nattack.\n\nWe call for:\n\n• Peace now.\n\n• Talks.\n");
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading, "Party X: No to war!".into()),
                (BlockKind::Paragraph, "We condemn the attack.".into()),
                (BlockKind::Paragraph, "We call for:".into()),
                (BlockKind::ListItem, "Peace now.".into()),
                (BlockKind::ListItem, "Talks.".into()),
            ]
        );
    }

    #[test]
    fn a_list_in_one_paragraph() {
        let got = kinds("Our demands:\n- ceasefire now;\n- talks;\n1. aid\n");
        assert_eq!(got.len(), 4);
        assert!(got[1..].iter().all(|(k, _)| *k == BlockKind::ListItem));
        assert_eq!(got[3].1, "aid");
    }

    #[test]
    fn indented_items_after_a_lead_in_are_list_items() {
        let got = kinds("Hence, we call for:\n\n\u{a0}Immediate withdrawal;\n\n\u{a0}A return to diplomacy;\n\nWe also salute them.\n");
        assert_eq!(got[1], (BlockKind::ListItem, "Immediate withdrawal;".into()));
        assert_eq!(got[2].0, BlockKind::ListItem);
        assert_eq!(got[3].0, BlockKind::Paragraph);
    }

    #[test]
    fn dash_labels_are_not_bullets() {
        assert_eq!(kinds("- News from around the world -")[0].0, BlockKind::Heading);
        assert_eq!(kinds("-5 degrees were measured today.")[0].0, BlockKind::Paragraph);
    }

    #[test]
    fn short_lines_are_hard_breaks_and_wrapped_prose_is_joined() {
        let got =
            kinds("Released by,\nJane Roe\nCentral Committee Member\nPeace League of the Northern Coast (PLNC)\n");
        assert_eq!(got.len(), 4, "{got:?}");
        let got = kinds("We condemn the invasion of the country and call on all\nparties to return to the negotiating table without any\ndelay.\n");
        assert_eq!(got, vec![(BlockKind::Paragraph, "We condemn the invasion of the country and call on all parties to return to the negotiating table without any delay.".into())]);
        let got = kinds("Peace League statement\nWe condemn the invasion of the country and call on all parties to return to talks.\n");
        assert_eq!(got[0], (BlockKind::Heading, "Peace League statement".into()));
        assert_eq!(got.len(), 2);
        let got = kinds("  • Comment of the Ministry of Harbours on the anniversary of the blockade of the port\n    Ministry of Harbours, posted 18 March 2023 16:56\n");
        assert_eq!(got[1], (BlockKind::Heading, "Ministry of Harbours, posted 18 March 2023 16:56".into()), "{got:?}");
        let got = kinds("We recall the blockade of the port that the occupying army began on\n24 February 2022\n");
        assert_eq!(got.len(), 1, "a wrapped sentence's date is not a line of its own: {got:?}");
    }

    #[test]
    fn in_unspaced_scripts_short_lines_stand_alone_and_sentences_are_paragraphs() {
        let got = kinds("ロシアの軍事侵攻に対する談話\n港湾労働組合連合会\n事務局長 山田 花子\n");
        assert_eq!(got.len(), 3, "{got:?}");
        let got = kinds("ロシア軍は民間施設を攻撃した。\n");
        assert_eq!(got[0].0, BlockKind::Paragraph, "a sentence is no heading");
    }

    #[test]
    fn whitespace_is_normalized() {
        assert_eq!(normalize(" a\u{a0} b\n\tc "), "a b c");
    }
}
