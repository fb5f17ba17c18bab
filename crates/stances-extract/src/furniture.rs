//! Page furniture: the lines of a page that belong to the page and not to any statement
//! on it — a source URL, publication date, copyright, donation appeals, calls for more
//! statements, section labels, sharing links. They are set aside (marked, not deleted), and
//! what they say about the page (its URL, date, publication) goes into the page metadata.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};
use stances_core::{Block, BlockKind, Furniture, PageMeta};

use crate::dates;

static URL_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:URL:\s*|Source:\s*)?(https?://\S+)$").expect("url pattern"));

static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:publication date|published(?: on)?|posted(?: on)?|date published|date de publication|publié le|fecha de publicación|publicado el|veröffentlicht am|datum|data di pubblicazione|pubblicato il|date|fecha)\s*:?\s*",
    )
    .expect("published pattern")
});

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:copyright\b|©|\(c\)\s*\d{4})|all rights reserved|tous droits réservés|todos los derechos reservados|alle rechte vorbehalten|tutti i diritti riservati")
        .expect("copyright pattern")
});

static DONATION: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        r"(?i)\b(?:consider|please|you can|help us by|by)\s+(?:donating|making a donation|a donation|subscribing|becoming a (?:member|subscriber|patron|supporter))",
        r"(?i)\bif you (?:like|liked|enjoyed|value|found)\b.{0,80}\b(?:donat|support|subscri|contribut|chip in)",
        r"(?i)\b(?:donate|donations?|standing order|chip in)\b.{0,120}\b(?:work|support|functioning|journalism|independent|running)",
        r"(?i)\bsupport (?:our|independent) (?:work|journalism|media)\b",
        r"(?i)\b(?:faites un don|soutenez-nous|haz una donación|haga una donación|dona ahora|jetzt spenden|unterstützen sie uns)\b",
    ])
    .expect("donation patterns")
});

static SUBMISSION_CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:please send (?:your |us |in )?(?:statements?|declarations?|texts?)|send (?:your|us your|in your) statements?|so we can (?:continue to )?update this page|this page (?:will be|is being) updated|to add your (?:organisation|organization|statement)|envoyez(?:-nous)? vos (?:déclarations|communiqués)|envíen(?:nos)? sus (?:declaraciones|comunicados)|schickt uns eure erklärungen)")
        .expect("submission pattern")
});

static NAVIGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:share(?: this| on \w+)?|tweet|print(?: this)?|email this|read more|related(?: articles| posts)?|tags?\s*:.*|categories\s*:.*|filed under.*|follow us.*|subscribe(?: to our newsletter)?.*|leave a (?:comment|reply)|\d+ comments?|comments|skip to (?:main )?content|back to top|this (?:website|site) uses cookies.*|we use cookies.*|accept(?: all)? cookies|previous article|next article|partager|compartir|teilen|advert|advertisement|sponsored(?: content)?|anzeige|publicité|publicidad)[.!]?$")
        .expect("navigation pattern")
});

/// "PRESS RELEASE", "For immediate release", "Communiqué de presse": a label, not text.
static RELEASE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:press release|news release|media release|press statement|media statement|public statement|for immediate release|embargoed until[^.]*|communiqué de presse|comunicado de prensa|nota de prensa|pressemitteilung|comunicato stampa)[\s—–:|-]*)+$")
        .expect("release label pattern")
});

/// The end of a press release's text: notes to editors, contacts, "ENDS".
static RELEASE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:notes? (?:to|for) editors|editors'? notes?|media contacts?|press contacts?|for (?:more|further) information|contact for media|ends|-?\s*30\s*-?|###|fin|ende)\b[:.]?")
        .expect("release end pattern")
});

static COPYRIGHT_HOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:copyright\s*)?(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?(.+?)(?:\s+[-–|,.]\s+.*|\.\s*all rights reserved.*|\s+all rights.*)?$")
        .expect("copyright holder pattern")
});

static COMMENT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d+ (?:comments|responses|replies|thoughts on .*)$").expect("comment count pattern")
});

static POSTSCRIPT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:p\.?\s?s\.?)\s*:?$").expect("postscript pattern"));

/// Marks furniture among `blocks` and fills `meta` from what it says.
pub fn mark(blocks: &mut [Block], meta: &mut PageMeta) {
    let mut in_trailer = false;
    for i in 0..blocks.len() {
        if in_trailer {
            blocks[i].furniture = Some(Furniture::Navigation);
            continue;
        }
        let text = blocks[i].text.clone();
        let kind = classify(&text, i, blocks[i].kind, meta);
        // A word or two left over from a line broken in copying ("reserved") belongs to the
        // furniture line before it.
        let leftover = i > 0
            && blocks[i - 1].furniture.is_some()
            && text.split_whitespace().count() <= 2
            && text.starts_with(char::is_lowercase);
        blocks[i].furniture = kind.or(leftover.then(|| blocks[i - 1].furniture).flatten());
        // A "PS:" or a comments heading ends the content: what follows is appeals and replies.
        if matches!(kind, Some(Furniture::Donation)) && POSTSCRIPT.is_match(&text) {
            in_trailer = true;
        }
        if RELEASE_END.is_match(&text) && text.split_whitespace().count() <= 60 {
            blocks[i].furniture = Some(Furniture::Navigation);
            in_trailer = true;
        }
        if blocks[i].kind == BlockKind::Heading && is_comments_heading(&text) {
            blocks[i].furniture = Some(Furniture::Navigation);
            in_trailer = true;
        }
    }
}

fn classify(text: &str, index: usize, kind: BlockKind, meta: &mut PageMeta) -> Option<Furniture> {
    let words = text.split_whitespace().count();
    if let Some(c) = URL_LINE.captures(text) {
        if index == 0 || meta.source_url.is_none() {
            meta.source_url.get_or_insert_with(|| c[1].to_string());
        }
        return Some(Furniture::Metadata);
    }
    if let Some(m) = PUBLISHED.find(text) {
        let rest = &text[m.end()..];
        if let Some(d) = dates::date_line(rest).and_then(|d| d.date()) {
            meta.published.get_or_insert(d);
            return Some(Furniture::Metadata);
        }
    }
    if words <= 30 && COPYRIGHT.is_match(text) {
        if meta.publication.is_none() {
            meta.publication = publication_from_copyright(text);
        }
        return Some(Furniture::Copyright);
    }
    if POSTSCRIPT.is_match(text) || (words <= 120 && DONATION.is_match(text)) {
        return Some(Furniture::Donation);
    }
    if RELEASE_LABEL.is_match(text) {
        return Some(Furniture::Section);
    }
    if words <= 60 && SUBMISSION_CALL.is_match(text) {
        return Some(Furniture::SubmissionCall);
    }
    if is_dash_label(text) || is_breadcrumb(text, kind) || is_share_bar(text) {
        return Some(Furniture::Section);
    }
    if is_related(text) {
        return Some(Furniture::Navigation);
    }
    if words <= 8 && NAVIGATION.is_match(text) {
        return Some(Furniture::Navigation);
    }
    None
}

/// "Copyright © International Viewpoint - online socialist magazine" → "International Viewpoint".
/// A label of a list of other articles ("Related news", "À lire aussi"): what follows it
/// is another item of the page.
pub fn is_related(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    text.split_whitespace().count() <= 8
        && crate::languages::all()
            .iter()
            .flat_map(|l| &l.headings.related)
            .any(|r| lower.strip_prefix(r.as_str()).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric)))
}

fn publication_from_copyright(text: &str) -> Option<String> {
    let name = COPYRIGHT_HOLDER.captures(text)?.get(1)?.as_str().trim().trim_end_matches(['.', ',']);
    let words = name.split_whitespace().count();
    (words > 0 && words <= 8 && name.starts_with(char::is_uppercase)).then(|| name.to_string())
}

fn is_dash_label(text: &str) -> bool {
    let t = text.trim();
    t.len() > 4 && t.starts_with(['-', '–', '—']) && t.ends_with(['-', '–', '—']) && t.split_whitespace().count() <= 10
}

fn is_breadcrumb(text: &str, kind: BlockKind) -> bool {
    let arrows = text.matches(" > ").count() + text.matches(" » ").count() + text.matches(" › ").count();
    let slashes = text.matches(" / ").count();
    let short = text.split_whitespace().count() <= 16;
    short && (arrows >= 2 || (kind != BlockKind::Paragraph && slashes >= 2))
}

/// "Facebook Twitter WhatsApp Email": a row of sharing buttons.
fn is_share_bar(text: &str) -> bool {
    const SOCIAL: &[&str] = &[
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "telegram",
        "linkedin",
        "pinterest",
        "pint",
        "reddit",
        "email",
        "e-mail",
        "mail",
        "print",
        "share",
        "tweet",
        "mastodon",
        "bluesky",
        "threads",
        "copy",
        "link",
        "flipboard",
        "tumblr",
        "vk",
        "messenger",
        "sms",
        "baixar",
        "download",
        "partager",
        "compartir",
        "teilen",
        "imprimer",
        "imprimir",
        "drucken",
    ];
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.len() >= 2 && words.len() <= 10 && words.iter().all(|w| SOCIAL.contains(&w.as_str()))
}

fn is_comments_heading(text: &str) -> bool {
    let t = text.to_lowercase();
    matches!(
        t.trim_end_matches([':', '.']),
        "comments" | "leave a reply" | "leave a comment" | "commentaires" | "comentarios" | "kommentare"
    ) || COMMENT_COUNT.is_match(&t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    fn furniture_of(page: &str) -> (Vec<(Option<Furniture>, String)>, PageMeta) {
        let mut blocks = text::blocks(page);
        let mut meta = PageMeta::default();
        mark(&mut blocks, &mut meta);
        (blocks.into_iter().map(|b| (b.furniture, b.text)).collect(), meta)
    }

    #[test]
    fn magazine_furniture_is_set_aside_and_read() {
        let page = "https://mag.example/article/12\n\nPeace League statement\n\n- World news -\n\nPublication date: Tuesday 8 March 2022\n\nCopyright © The Example Review - a magazine - All rights\n\nreserved\n\nWe call for peace.\n\nPS:\n\nIf you liked this article, please consider donating to keep our work going.";
        let (blocks, meta) = furniture_of(page);
        let content: Vec<&str> = blocks.iter().filter(|b| b.0.is_none()).map(|b| b.1.as_str()).collect();
        assert_eq!(content, vec!["Peace League statement", "We call for peace."]);
        assert_eq!(meta.source_url.as_deref(), Some("https://mag.example/article/12"));
        assert_eq!(meta.published.map(|d| d.to_string()).as_deref(), Some("2022-03-08"));
        assert_eq!(meta.publication.as_deref(), Some("The Example Review"));
    }

    #[test]
    fn calls_for_statements_and_sharing_are_furniture() {
        let (blocks, _) = furniture_of("Please send statements to editor@example.org so we can keep this page current\n\nShare this\n\nWe oppose the war.");
        assert_eq!(blocks[0].0, Some(Furniture::SubmissionCall));
        assert_eq!(blocks[1].0, Some(Furniture::Navigation));
        assert_eq!(blocks[2].0, None);
    }

    #[test]
    fn breadcrumbs_and_share_bars_are_furniture() {
        let (blocks, _) = furniture_of("Home » Statements » Peace League\n\nFacebook Twitter WhatsApp Email\n\nWe share the view that the war must end.");
        assert_eq!(blocks[0].0, Some(Furniture::Section));
        assert_eq!(blocks[1].0, Some(Furniture::Section));
        assert_eq!(blocks[2].0, None);
    }

    #[test]
    fn statements_about_donations_of_aid_are_content() {
        let (blocks, _) =
            furniture_of("We call on governments to donate medical supplies to the people of the region.");
        assert_eq!(blocks[0].0, None);
    }

    #[test]
    fn press_release_labels_and_notes_are_furniture() {
        let (blocks, _) = furniture_of("PRESS RELEASE — FOR IMMEDIATE RELEASE\n\nThe League calls for peace.\n\nNotes to editors: The League has 300 members.\n\nContact: press@example.org");
        assert_eq!(blocks[0].0, Some(Furniture::Section));
        assert_eq!(blocks[1].0, None);
        assert_eq!(blocks[2].0, Some(Furniture::Navigation));
        assert_eq!(blocks[3].0, Some(Furniture::Navigation));
    }

    #[test]
    fn comment_sections_end_the_content() {
        let (blocks, _) = furniture_of("We oppose the war.\n\n3 Comments\n\nGreat statement, comrades!");
        assert_eq!(blocks[2].0, Some(Furniture::Navigation));
    }
}
