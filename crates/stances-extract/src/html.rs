//! HTML to blocks. The main content is found by `trafilatura` (a port of the trafilatura
//! extractor; it scored best of the maintained Rust extractors on the public article
//! benchmark, see ARCHITECTURE.md); its cleaned HTML is then walked into headings,
//! paragraphs and list items. When the extractor finds nothing, the whole body is walked
//! with navigation, headers, footers, forms and scripts left out.

use scraper::{ElementRef, Html, Node, Selector};
use stances_core::{Block, BlockKind, PageMeta, PartialDate};

use crate::text::{looks_like_heading, normalize};

/// Stack for the extraction thread: tree walks recurse once per nesting level, and a
/// page may nest thousands of levels (up to `detect::MAX_HTML_DEPTH`).
pub const EXTRACTION_STACK: usize = 512 * 1024 * 1024;

/// [`blocks`] on a thread with a stack deep enough for any page the depth check lets
/// through (the memory is reserved, and used only as deep as the page goes).
pub fn blocks_guarded(html: &str) -> Result<(Vec<Block>, PageMeta), crate::ExtractError> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("html-extract".into())
            .stack_size(EXTRACTION_STACK)
            .spawn_scoped(scope, || blocks(html))
            .map_err(|_| crate::ExtractError::Malformed)?
            .join()
            .map_err(|_| crate::ExtractError::Malformed)
    })
}

/// Blocks and page metadata of an HTML page.
pub fn blocks(html: &str) -> (Vec<Block>, PageMeta) {
    let doc = Html::parse_document(html);
    if let Some(own) = crate::own::statement_page(&doc) {
        return own;
    }
    // The extractor's own date finder guesses (a "© 2022" becomes 1 January 2022): the
    // page's date is read from its metadata only, below.
    let mut options = trafilatura::Options::default().with_fallback(true);
    options.html_date_mode = trafilatura::HtmlDateMode::Disabled;
    let (content, mut meta) = match trafilatura::extract(html, &options) {
        Ok(result) => {
            let m = &result.metadata;
            let meta = PageMeta {
                source_url: non_empty(&m.url),
                publication: non_empty(&m.sitename),
                published: None,
                title: non_empty(&m.title),
                language: non_empty(&m.language).map(|l| l.chars().take(2).collect()),
                sender: None,
            };
            (result.content_html, meta)
        }
        Err(_) => (String::new(), PageMeta::default()),
    };
    meta.published = published_from_meta(&doc);
    let mut out = Vec::new();
    if !content.trim().is_empty() {
        walk(Html::parse_fragment(&content).root_element(), &mut out);
    }
    // On small pages the extractor gives up on structure and returns all the page's text
    // as one paragraph, menus included: the page's own structure is better then.
    if out.len() <= 1 {
        out.clear();
        walk(doc.root_element(), &mut out);
        if meta.title.is_none() {
            meta.title = doc
                .select(&Selector::parse("title").expect("static selector"))
                .next()
                .map(|t| normalize(&t.text().collect::<String>()))
                .filter(|t| !t.is_empty());
        }
    }
    (out, meta)
}

/// The page's publication date as its metadata states it: Open Graph / article meta tags,
/// Dublin Core, schema.org (`itemprop` or JSON-LD), or a `<time datetime>` element.
fn published_from_meta(doc: &Html) -> Option<PartialDate> {
    const META: &[&str] = &[
        "meta[property='article:published_time']",
        "meta[property='og:published_time']",
        "meta[name='article:published_time']",
        "meta[name='date']",
        "meta[name='DC.date.issued']",
        "meta[name='dc.date']",
        "meta[name='DC.date']",
        "meta[name='dcterms.date']",
        "meta[name='citation_publication_date']",
        "meta[name='pubdate']",
        "meta[itemprop='datePublished']",
    ];
    let iso = |s: &str| {
        PartialDate::parse_iso(s.get(..10).unwrap_or(s)).or_else(|| PartialDate::parse_iso(s.get(..7).unwrap_or(s)))
    };
    for sel in META {
        let Ok(selector) = Selector::parse(sel) else { continue };
        if let Some(d) = doc.select(&selector).find_map(|e| e.value().attr("content").and_then(iso)) {
            return Some(d);
        }
    }
    let ld = Selector::parse("script[type='application/ld+json']").ok()?;
    for script in doc.select(&ld) {
        let text: String = script.text().collect();
        if let Some(i) = text.find("\"datePublished\"") {
            let rest = &text[i + 15..];
            let value = rest.split('"').nth(1).unwrap_or("");
            if let Some(d) = iso(value) {
                return Some(d);
            }
        }
    }
    let time = Selector::parse("article time[datetime], time[pubdate][datetime]").ok()?;
    doc.select(&time).find_map(|e| e.value().attr("datetime").and_then(iso))
}

fn non_empty(s: &str) -> Option<String> {
    let t = normalize(s);
    (!t.is_empty()).then_some(t)
}

/// Elements whose content is never statement text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "select",
    "iframe", "svg", "canvas", "figure", "menu", "dialog",
];

/// Elements that open a new block.
const BLOCKISH: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "body",
    "html",
    "center",
    "address",
    "hr",
    "details",
    "summary",
    "figcaption",
];

fn walk(el: ElementRef<'_>, out: &mut Vec<Block>) {
    let name = el.value().name();
    if SKIP.contains(&name) || hidden(el) {
        return;
    }
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => push(out, BlockKind::Heading, &inline_text(el)),
        // A table row is one line, its cells side by side.
        "tr" => {
            let cells: Vec<String> = el
                .children()
                .filter_map(ElementRef::wrap)
                .map(|c| normalize(&inline_text(c)))
                .filter(|c| !c.is_empty())
                .collect();
            push(out, BlockKind::Paragraph, &cells.join(" "));
        }
        "li" | "dt" | "dd" => {
            // The item's own text; nested lists become their own items.
            let mut own = String::new();
            for child in el.children() {
                match child.value() {
                    Node::Text(t) => own.push_str(t),
                    Node::Element(e) if matches!(e.name(), "ul" | "ol" | "p" | "div") => {}
                    Node::Element(_) => own.push_str(&ElementRef::wrap(child).map(inline_text).unwrap_or_default()),
                    _ => {}
                }
            }
            push(out, BlockKind::ListItem, &own);
            for child in el.children().filter_map(ElementRef::wrap) {
                if matches!(child.value().name(), "ul" | "ol" | "p" | "div") {
                    walk(child, out);
                }
            }
        }
        _ if has_block_children(el) => {
            let mut inline = String::new();
            for child in el.children() {
                match child.value() {
                    Node::Text(t) => inline.push_str(t),
                    Node::Element(e) if BLOCKISH.contains(&e.name()) || SKIP.contains(&e.name()) => {
                        flush_paragraph(out, &mut inline);
                        if let Some(c) = ElementRef::wrap(child) {
                            walk(c, out);
                        }
                    }
                    Node::Element(_) => inline.push_str(&ElementRef::wrap(child).map(inline_text).unwrap_or_default()),
                    _ => {}
                }
            }
            flush_paragraph(out, &mut inline);
        }
        _ => paragraph(el, out),
    }
}

/// A paragraph-like element: split at line breaks when it is a column of short lines
/// (a signature, an address), otherwise one block; all-bold short text is a heading.
fn paragraph(el: ElementRef<'_>, out: &mut Vec<Block>) {
    let mut lines = vec![String::new()];
    for node in el.descendants() {
        match node.value() {
            Node::Text(t) if !inside_skipped(node, el) => lines.last_mut().expect("one line").push_str(t),
            Node::Element(e) if e.name() == "br" => lines.push(String::new()),
            _ => {}
        }
    }
    let lines: Vec<String> = lines.iter().map(|l| normalize(l)).filter(|l| !l.is_empty()).collect();
    if lines.len() > 1 && lines.iter().all(|l| l.split_whitespace().count() <= 15) {
        for l in &lines {
            let kind =
                if looks_like_heading(l) && lines.len() <= 2 { BlockKind::Heading } else { BlockKind::Paragraph };
            push(out, kind, l);
        }
        return;
    }
    let text = lines.join(" ");
    let kind = if all_bold(el) && looks_like_heading(&text) { BlockKind::Heading } else { BlockKind::Paragraph };
    push(out, kind, &text);
}

fn inside_skipped(node: ego_tree::NodeRef<'_, Node>, stop: ElementRef<'_>) -> bool {
    node.ancestors()
        .take_while(|a| a.id() != stop.id())
        .filter_map(ElementRef::wrap)
        .any(|a| SKIP.contains(&a.value().name()))
}

fn flush_paragraph(out: &mut Vec<Block>, inline: &mut String) {
    let text = normalize(inline);
    inline.clear();
    if !text.is_empty() {
        push(out, BlockKind::Paragraph, &text);
    }
}

fn push(out: &mut Vec<Block>, kind: BlockKind, text: &str) {
    let text = normalize(text);
    if !text.is_empty() {
        out.push(Block::new(kind, text));
    }
}

fn inline_text(el: ElementRef<'_>) -> String {
    let mut s = String::new();
    for node in el.descendants() {
        match node.value() {
            Node::Text(t) if !inside_skipped(node, el) => s.push_str(t),
            Node::Element(e) if e.name() == "br" => s.push(' '),
            _ => {}
        }
    }
    s
}

fn has_block_children(el: ElementRef<'_>) -> bool {
    el.children().filter_map(ElementRef::wrap).any(|c| BLOCKISH.contains(&c.value().name()))
}

/// True when all the element's text sits inside `<strong>`/`<b>`.
fn all_bold(el: ElementRef<'_>) -> bool {
    let mut any = false;
    for node in el.descendants() {
        if let Node::Text(t) = node.value() {
            if t.trim().is_empty() {
                continue;
            }
            any = true;
            let bold = node
                .ancestors()
                .take_while(|a| a.id() != el.id())
                .filter_map(ElementRef::wrap)
                .any(|a| matches!(a.value().name(), "strong" | "b"));
            if !bold {
                return false;
            }
        }
    }
    any
}

/// Elements marked hidden or as page chrome by their attributes.
fn hidden(el: ElementRef<'_>) -> bool {
    let v = el.value();
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(v.attr("role"), Some("navigation" | "banner" | "contentinfo" | "complementary")) {
        return true;
    }
    v.attr("style").is_some_and(|s| s.replace(' ', "").contains("display:none"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(html: &str) -> Vec<(BlockKind, String)> {
        blocks(html).0.into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn fallback_walk_keeps_structure_and_drops_chrome() {
        let html = "<html><body><nav><a href=/>Home</a> <a href=/x>About</a></nav>\
            <div><h2>Party X: No to war</h2><p>We condemn the <b>attack</b>.</p>\
            <ul><li>Peace now</li><li>Talks <ul><li>inner</li></ul></li></ul></div>\
            <footer>© Site</footer><script>var x=1;</script></body></html>";
        let got = kinds(html);
        assert!(got.contains(&(BlockKind::Heading, "Party X: No to war".into())), "{got:?}");
        assert!(got.contains(&(BlockKind::Paragraph, "We condemn the attack.".into())), "{got:?}");
        assert!(got.contains(&(BlockKind::ListItem, "Talks".into())), "{got:?}");
        assert!(got.contains(&(BlockKind::ListItem, "inner".into())), "{got:?}");
        assert!(!got.iter().any(|(_, t)| t.contains("Home") || t.contains("var x") || t.contains("© Site")), "{got:?}");
    }

    #[test]
    fn short_lines_split_at_breaks() {
        let got = kinds("<html><body><article><p>We stand for peace, and we say it again and again and again so that the extractor keeps this paragraph.</p><p>Released by,<br>Jane Roe<br>Peace League</p></article></body></html>");
        assert!(got.iter().any(|(_, t)| t == "Jane Roe"), "{got:?}");
    }
}
