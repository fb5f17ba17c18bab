//! Turning statements into safe HTML and citations: the text with the evidence of each
//! position marked in place (everything escaped), a plain-text citation and BibTeX.

use stances_core::Statement;

pub use stances_core::escape_html as escape;

/// The anchor of one piece of evidence on a statement page.
pub fn evidence_anchor(code: &str, k: usize) -> String {
    format!("ev-{code}-{k}")
}

/// The statement's text as HTML, each evidence span in a `<mark>` naming its positions,
/// with an anchor at the start of each span. Offsets that do not fall on the text's
/// character boundaries are ignored rather than trusted.
pub fn highlighted(s: &Statement, label: &dyn Fn(&str) -> String) -> String {
    let text = &s.text;
    // Every span: (start, end, code, k).
    let mut spans: Vec<(usize, usize, &str, usize)> = Vec::new();
    for p in &s.positions {
        for (k, e) in p.evidence.iter().enumerate() {
            if e.start < e.end && e.end <= text.len() && text.is_char_boundary(e.start) && text.is_char_boundary(e.end)
            {
                spans.push((e.start, e.end, p.code.as_str(), k));
            }
        }
    }
    let mut cuts: Vec<usize> = spans.iter().flat_map(|s| [s.0, s.1]).collect();
    cuts.push(0);
    cuts.push(text.len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() + 64 * spans.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        for (_, _, code, k) in spans.iter().filter(|s| s.0 == a) {
            out.push_str(&format!("<span id=\"{}\"></span>", escape(&evidence_anchor(code, *k))));
        }
        let mut codes: Vec<&str> = spans.iter().filter(|s| s.0 <= a && b <= s.1).map(|s| s.2).collect();
        codes.dedup();
        let piece = escape(&text[a..b]);
        if codes.is_empty() {
            out.push_str(&piece);
        } else {
            let labels: Vec<String> = codes.iter().map(|c| label(c)).collect();
            out.push_str(&format!(
                "<mark data-positions=\"{}\" title=\"{}\">{piece}</mark>",
                escape(&codes.join(" ")),
                escape(&labels.join("; "))
            ));
        }
    }
    out
}

/// A plain-text citation of a statement.
pub fn citation(s: &Statement, url: &str) -> String {
    let author = if s.organization.name.is_empty() { "Unknown author" } else { &s.organization.name };
    let date = s.date.map_or("n.d.".to_string(), |d| d.to_string());
    format!("{author} ({date}). {} [Statement]. {url}", sentence(&cited_title(s)))
}

/// The title a statement is cited by: its own, else its first words.
pub fn cited_title(s: &Statement) -> String {
    match s.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => t.to_string(),
        None => shorten(s.text.trim_start_matches(stances_core::BULLET).lines().next().unwrap_or(""), 80),
    }
}

/// A text ending as a sentence does: a full stop only where it has no closing mark.
fn sentence(t: &str) -> String {
    let t = t.trim();
    match t.chars().last() {
        Some('.' | '!' | '?' | '…' | '»' | '"' | '”' | '’') | None => t.to_string(),
        Some(_) => format!("{t}."),
    }
}

/// A quotation in curly double quotes; the quotes inside it become single ones, so a
/// quotation that ends with a quotation ends `now.’”`, not `now.””`.
pub fn quote(text: &str) -> String {
    let mut inner = String::with_capacity(text.len() + 8);
    let mut open = true;
    for c in text.chars() {
        match c {
            '“' => inner.push('‘'),
            '”' => inner.push('’'),
            '"' => {
                inner.push(if open { '‘' } else { '’' });
                open = !open;
            }
            c => inner.push(c),
        }
    }
    format!("“{inner}”")
}

/// The statement as CSL-JSON (one item), which Zotero and other reference managers import.
pub fn csl_json(id: i64, s: &Statement, url: &str) -> String {
    let author = if s.organization.name.is_empty() { "Unknown author" } else { &s.organization.name };
    let mut item = serde_json::json!({
        "id": format!("stances-{id}"),
        "type": "document",
        "genre": "Statement",
        "title": cited_title(s),
        "author": [{"literal": author}],
        "URL": url,
    });
    if let Some(d) = s.date {
        let parts: Vec<i64> =
            [Some(i64::from(d.year)), d.month.map(i64::from), d.day.map(i64::from)].into_iter().flatten().collect();
        item["issued"] = serde_json::json!({"date-parts": [parts]});
    }
    if let Some(l) = &s.language {
        item["language"] = serde_json::json!(l);
    }
    serde_json::to_string_pretty(&serde_json::json!([item])).unwrap_or_default()
}

/// The statement as a BibTeX entry.
pub fn bibtex(id: i64, s: &Statement, url: &str) -> String {
    let author = if s.organization.name.is_empty() { "Unknown author" } else { &s.organization.name };
    let mut fields =
        vec![format!("  author = {{{{{}}}}}", bib(author)), format!("  title = {{{}}}", bib(&cited_title(s)))];
    if let Some(d) = s.date {
        fields.push(format!("  year = {{{}}}", d.year));
        if let Some(m) = d.month {
            const MONTHS: [&str; 12] =
                ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
            fields.push(format!("  month = {}", MONTHS[usize::from(m.clamp(1, 12)) - 1]));
        }
    }
    fields.push("  howpublished = {Statement}".to_string());
    fields.push(format!("  url = {{{}}}", bib(url)));
    if let Some(l) = &s.language {
        fields.push(format!("  language = {{{}}}", bib(l)));
    }
    format!("@misc{{stances-{id},\n{}\n}}", fields.join(",\n"))
}

/// Escapes BibTeX's special characters.
fn bib(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

/// The first `n` characters of a text, with an ellipsis when cut.
pub fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut out: String = s.chars().take(n).collect();
    if let Some(i) = out.rfind(' ') {
        out.truncate(i);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use stances_core::{Evidence, PartialDate, Position};

    use super::*;

    #[test]
    fn citations_end_once_and_name_untitled_statements_by_their_words() {
        let mut s = Statement {
            organization: stances_core::OrganizationRef { name: "Harbour Workers Union".into(), ..Default::default() },
            title: Some("Stop the war, open the ports to refugees!".into()),
            date: PartialDate::ymd(2022, 3, 1),
            text: "We call for peace. We say: \"stop now.\"".into(),
            ..Default::default()
        };
        let c = citation(&s, "https://s.example/statements/1");
        assert_eq!(c, "Harbour Workers Union (2022-03-01). Stop the war, open the ports to refugees! [Statement]. https://s.example/statements/1");
        s.title = None;
        let c = citation(&s, "u");
        assert!(c.contains("(2022-03-01). We call for peace. We say: \"stop now.\" [Statement]. u"), "{c}");
        assert!(!c.contains("Statement. Statement"), "{c}");
        assert!(bibtex(1, &s, "u").contains("title = {We call for peace."), "{}", bibtex(1, &s, "u"));
        let csl: serde_json::Value = serde_json::from_str(&csl_json(1, &s, "u")).expect("CSL-JSON");
        assert_eq!(csl[0]["issued"]["date-parts"][0], serde_json::json!([2022, 3, 1]));
        assert_eq!(csl[0]["author"][0]["literal"], "Harbour Workers Union");
        assert_eq!(csl[0]["type"], "document");
    }

    #[test]
    fn a_quotation_of_a_quotation_nests_its_quotes() {
        assert_eq!(quote("We say: \"stop now.\""), "“We say: ‘stop now.’”");
        assert_eq!(quote("They wrote “no”."), "“They wrote ‘no’.”");
        assert_eq!(quote("Plain."), "“Plain.”");
    }

    fn statement(text: &str, spans: &[(&str, usize, usize)]) -> Statement {
        let mut s = Statement { text: text.into(), ..Default::default() };
        s.organization.name = "Peace & Justice {League}".into();
        s.title = Some("No to war_now".into());
        s.date = PartialDate::ymd(2022, 3, 1);
        for (code, a, b) in spans {
            let quoted = text.get(*a..*b).unwrap_or_default().to_string();
            s.positions.push(Position::machine(*code, vec![Evidence { start: *a, end: *b, text: quoted }]));
        }
        s
    }

    #[test]
    fn evidence_is_marked_in_place_and_everything_escaped() {
        let text = "We <b>condemn</b> it. Stop the war & talk now.";
        let s = statement(text, &[("condemn_invasion", 0, 21), ("ceasefire", 22, 46), ("negotiations", 22, 46)]);
        let html = highlighted(&s, &|c| format!("label {c}"));
        assert!(
            html.starts_with("<span id=\"ev-condemn_invasion-0\"></span><mark data-positions=\"condemn_invasion\""),
            "{html}"
        );
        assert!(html.contains("We &lt;b&gt;condemn&lt;/b&gt; it.</mark>"), "{html}");
        assert!(html.contains("data-positions=\"ceasefire negotiations\""), "{html}");
        assert!(html.contains("Stop the war &amp; talk now."), "{html}");
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn bad_offsets_are_ignored() {
        let text = "Stop é war.";
        let s = statement(text, &[("ceasefire", 5, 6), ("negotiations", 3, 400)]);
        assert_eq!(highlighted(&s, &|c| c.to_string()), "Stop é war.");
    }

    #[test]
    fn citations() {
        let s = statement("Text.", &[]);
        assert_eq!(
            citation(&s, "https://x/statements/3"),
            "Peace & Justice {League} (2022-03-01). No to war_now. [Statement]. https://x/statements/3"
        );
        let b = bibtex(3, &s, "https://x/statements/3");
        assert!(b.starts_with("@misc{stances-3,\n  author = {{Peace \\& Justice \\{League\\}}},"), "{b}");
        assert!(b.contains("title = {No to war\\_now}") && b.contains("month = mar") && b.ends_with("}"), "{b}");
    }
}
