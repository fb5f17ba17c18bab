//! Dates as statements write them, in English and the major European languages:
//! "March 1", "February 27, 2022", "30 January 2022", "1er mars 2022", "3 de marzo de 2022",
//! "3. März 2022", "2022-03-01", "01.03.2022". A date without a year is kept as such and
//! completed later from the page's own date or its dated neighbours.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use stances_core::PartialDate;

/// A date found in text, possibly without its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offset where the date starts.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The year, when written.
    pub year: Option<i32>,
    /// The month, 1–12.
    pub month: u8,
    /// The day, when written.
    pub day: Option<u8>,
}

impl DateMention {
    /// The date, when it has a year (and is a real calendar day).
    pub fn date(&self) -> Option<PartialDate> {
        let year = self.year?;
        match self.day {
            Some(d) => PartialDate::ymd(year, self.month, d),
            None => PartialDate::ym(year, self.month),
        }
    }

    /// Completes a year-less date: the latest year that puts it on or before `anchor`.
    /// A date with a year is returned as it is.
    pub fn resolve(&self, anchor: Option<PartialDate>) -> Option<PartialDate> {
        if self.year.is_some() {
            return self.date();
        }
        let anchor = anchor?;
        let candidate = |year| match self.day {
            Some(d) => PartialDate::ymd(year, self.month, d),
            None => PartialDate::ym(year, self.month),
        };
        let this_year = candidate(anchor.year);
        match (this_year, anchor.month) {
            // Never after the anchor: a "December 30" on a page of "2022-01-02" is 2021.
            (Some(d), Some(am)) if d.month > Some(am) => candidate(anchor.year - 1),
            (Some(d), Some(am))
                if d.month == Some(am) && d.day.is_some() && anchor.day.is_some() && d.day > anchor.day =>
            {
                candidate(anchor.year - 1)
            }
            (Some(d), _) => Some(d),
            // 29 February in a non-leap anchor year: the leap year before it.
            (None, _) => (1..=4).map(|k| anchor.year - k).find_map(candidate),
        }
    }
}

/// Month names and their number, in every language file's `[dates] months`.
static MONTHS: LazyLock<HashMap<String, u8>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for l in crate::languages::all() {
        for (k, names) in l.dates.months.iter().enumerate() {
            for n in names {
                map.entry(n.to_lowercase()).or_insert(k as u8 + 1);
            }
        }
    }
    map
});

fn month_number(name: &str) -> Option<u8> {
    MONTHS.get(&name.trim_end_matches('.').to_lowercase()).copied()
}

static MONTH_ALT: LazyLock<String> = LazyLock::new(|| {
    let mut names: Vec<&str> = MONTHS.keys().map(String::as_str).collect();
    // Longest first so that "sept" is not cut to "sep".
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.iter().map(|n| regex::escape(n)).collect::<Vec<_>>().join("|")
});

/// "Month D[, YYYY]" (English and Dutch/German month-first).
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b({m})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?", m = *MONTH_ALT))
        .expect("month-day pattern compiles")
});

/// "D Month[ YYYY]", "D. Month YYYY", "D de Month de YYYY", "1er mars", "1st of March".
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th|er|re|º|°|\.)?\s*(?:of\s+|de\s+)?({m})\b\.?(?:,?\s+(?:de\s+|del\s+)?(\d{{4}})\b)?",
        m = *MONTH_ALT
    ))
    .expect("day-month pattern compiles")
});

/// "Month YYYY" ("March 2022", "mars 2022", "marzo de 2022").
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b({m})\.?,?\s+(?:de\s+|del\s+)?(\d{{4}})\b", m = *MONTH_ALT))
        .expect("month-year pattern compiles")
});

/// Year-first dates: ISO "2022-03-01", and "2015.01.24", "2022/03/01" (one separator).
static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})([-./])(\d{1,2})([-./])(\d{1,2})\b").expect("iso pattern compiles"));

/// A year and month alone, "2022-03" (never part of a longer date or number).
static ISO_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})\b").expect("iso month pattern compiles"));

/// Dates written with the characters for year, month and day: "2022年02月24日".
static YMD_CHARACTERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]").expect("year-month-day pattern compiles")
});

/// Numeric dates, "01.03.2022", "1/3/2022", "27/02/22" (day first, as most of the world
/// writes them; month first only when the day-first reading is impossible; a two-digit
/// year is of this century).
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})([./])(\d{1,2})[./](\d{4}|\d{2})\b(?:[./]\d)?").expect("numeric pattern compiles")
});

/// A time of day: "09:56", "17h30", "10.30 Uhr", "5 pm".
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}[:h.]\d{2}\b(?:\s*(?:h|uhr|am|pm|cet|cest|utc|gmt))?|\b\d{1,2}\s*(?:am|pm)\b")
        .expect("time pattern compiles")
});

/// "/2022/02/24/", "/2022/02/": the date many sites write into a page's address.
static ADDRESS_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/((?:19|20)\d\d)/(\d{1,2})/(?:(\d{1,2})/)?").expect("address date pattern compiles"));

/// The publication date a page's address holds, if it holds one.
pub fn in_address(url: &str) -> Option<PartialDate> {
    let c = ADDRESS_DATE.captures(url)?;
    let year: i32 = c[1].parse().ok()?;
    let month: u8 = c[2].parse().ok()?;
    match c.get(3).and_then(|d| d.as_str().parse::<u8>().ok()) {
        Some(day) => PartialDate::ymd(year, month, day),
        None => PartialDate::ym(year, month),
    }
}

fn plausible_year(y: i32) -> bool {
    (1900..=2100).contains(&y)
}

/// Every date mention in `text`, in order, without overlaps (the longest reading wins).
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let mut found: Vec<DateMention> = Vec::new();
    // Every form read here has a digit (a day or a year): most text has none to look at.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return found;
    }
    for c in ISO.captures_iter(text) {
        if c[2] != c[4] {
            continue;
        }
        let (Ok(y), Ok(m), Ok(d)) = (c[1].parse(), c[3].parse(), c[5].parse()) else { continue };
        if plausible_year(y) && PartialDate::ymd(y, m, d).is_some() {
            let all = c.get(0).expect("match");
            found.push(DateMention { start: all.start(), end: all.end(), year: Some(y), month: m, day: Some(d) });
        }
    }
    for c in YMD_CHARACTERS.captures_iter(text) {
        let (Ok(y), Ok(m), Ok(d)) = (c[1].parse(), c[2].parse(), c[3].parse()) else { continue };
        if plausible_year(y) && PartialDate::ymd(y, m, d).is_some() {
            let all = c.get(0).expect("match");
            found.push(DateMention { start: all.start(), end: all.end(), year: Some(y), month: m, day: Some(d) });
        }
    }
    for c in ISO_MONTH.captures_iter(text) {
        let all = c.get(0).expect("match");
        let joined = |b: Option<u8>| b.is_some_and(|b| b == b'-' || b == b'/' || b.is_ascii_digit());
        let bytes = text.as_bytes();
        if joined(bytes.get(all.end()).copied()) || all.start() > 0 && joined(bytes.get(all.start() - 1).copied()) {
            continue;
        }
        let (Ok(y), Ok(m)) = (c[1].parse::<i32>(), c[2].parse::<u8>()) else { continue };
        if plausible_year(y) && (1..=12).contains(&m) {
            found.push(DateMention { start: all.start(), end: all.end(), year: Some(y), month: m, day: None });
        }
    }
    for c in NUMERIC.captures_iter(text) {
        let (Ok(a), Ok(b), Ok(y)) = (c[1].parse::<u8>(), c[3].parse::<u8>(), c[4].parse::<i32>()) else {
            continue;
        };
        // "1.2.3.4" is a number, not a date.
        if c.get(0).is_some_and(|m| m.as_str().matches(['.', '/']).count() > 2) {
            continue;
        }
        let y = if c[4].len() == 2 { 2000 + y } else { y };
        let (d, m) = if b > 12 && &c[2] == "/" { (b, a) } else { (a, b) };
        if plausible_year(y) && PartialDate::ymd(y, m, d).is_some() {
            let all = c.get(0).expect("match");
            found.push(DateMention { start: all.start(), end: all.end(), year: Some(y), month: m, day: Some(d) });
        }
    }
    for c in DAY_MONTH.captures_iter(text) {
        let Some(m) = month_number(&c[2]) else { continue };
        let Ok(d) = c[1].parse::<u8>() else { continue };
        let y = c.get(3).and_then(|y| y.as_str().parse::<i32>().ok()).filter(|y| plausible_year(*y));
        if !(1..=31).contains(&d) || !accept_bare_month(&c[2], y.is_some()) {
            continue;
        }
        let all = c.get(0).expect("match");
        let end = if y.is_none() { c.get(2).expect("month").end() } else { all.end() };
        found.push(DateMention { start: all.start(), end, year: y, month: m, day: Some(d) });
    }
    for c in MONTH_DAY.captures_iter(text) {
        let Some(m) = month_number(&c[1]) else { continue };
        let Ok(d) = c[2].parse::<u8>() else { continue };
        let y = c.get(3).and_then(|y| y.as_str().parse::<i32>().ok()).filter(|y| plausible_year(*y));
        if !(1..=31).contains(&d) || !accept_bare_month(&c[1], y.is_some()) {
            continue;
        }
        let all = c.get(0).expect("match");
        let end = if y.is_none() { c.get(2).expect("day").end() } else { all.end() };
        found.push(DateMention { start: all.start(), end, year: y, month: m, day: Some(d) });
    }
    for c in MONTH_YEAR.captures_iter(text) {
        let Some(m) = month_number(&c[1]) else { continue };
        let Ok(y) = c[2].parse::<i32>() else { continue };
        if plausible_year(y) {
            let all = c.get(0).expect("match");
            found.push(DateMention { start: all.start(), end: all.end(), year: Some(y), month: m, day: None });
        }
    }
    // Keep the most complete, then longest, reading of overlapping mentions.
    found.sort_by_key(|d| {
        (d.start, std::cmp::Reverse(d.year.is_some() as u8 + d.day.is_some() as u8), std::cmp::Reverse(d.end))
    });
    let mut out: Vec<DateMention> = Vec::with_capacity(found.len());
    for d in found {
        match out.last_mut() {
            Some(last) if d.start < last.end => {
                let score = |x: &DateMention| (x.year.is_some() as u8 + x.day.is_some() as u8, x.end - x.start);
                if score(&d) > score(last) {
                    *last = d;
                }
            }
            _ => out.push(d),
        }
    }
    out
}

/// Short or ambiguous month words ("may", "mar", "jan") count only with a year or when
/// written with a capital, so "we may 5 times" or "mar 3" in prose do not become dates.
fn accept_bare_month(word: &str, has_year: bool) -> bool {
    has_year || !crate::languages::is_ambiguous_month(word) || word.starts_with(|c: char| c.is_uppercase())
}

/// The date that a line consists of, alone or nearly ("March 2, 2022", "Monday 31 January 2022").
pub fn date_line(text: &str) -> Option<DateMention> {
    let t = text.trim();
    // A date line is short: a place, a weekday and a date at most.
    if t.len() > 80 {
        return None;
    }
    let found = find_dates(t);
    let d = *found.first()?;
    // "Paris, le 2 mars 2022", "Madrid, 1 de marzo de 2022": a place may come first.
    let before = PLACE.find(&t[..d.start]).map_or(&t[..d.start], |m| &t[m.end()..d.start]);
    // "Stockholm den 24 februari 2022": a city the reader knows, without a comma.
    let before = match before.split_once(' ') {
        Some((city, rest)) if crate::country::from_city(city).is_some() => rest,
        _ => before,
    };
    // "25-27 February 2022": the first day of a range.
    let before = DAY_RANGE.replace(before, "");
    // "Created: 2015.01.24 / Updated: 2015.01.27": the first date, the others labelled.
    let mut after = t[d.end..].to_string();
    for other in found[1..].iter().rev() {
        after.replace_range(other.start - d.end..other.end - d.end, " ");
    }
    let rest = format!("{before}{after}");
    // "18 March 2014, 09:56", "25.02.2022 - 10:30": the time of day is part of the line.
    let rest = TIME.replace_all(&rest, " ");
    let rest_words =
        rest.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).filter(|w| !is_date_filler(w)).count();
    (rest_words == 0).then_some(d)
}

/// Whether a short line ends with a date (and perhaps its time of day), not a sentence:
/// "Ministry of Harbours, posted 18 March 2023 16:56".
pub fn ends_with_date(text: &str) -> bool {
    let t = text.trim();
    if t.len() > 120 || t.ends_with(['.', '!', '?', ';', ',']) {
        return false;
    }
    // A name or place before it: a wrapped sentence's last line may be its date alone.
    find_dates(t).last().is_some_and(|d| {
        t[..d.start].starts_with(char::is_uppercase) && !without_time(&t[d.end..]).chars().any(char::is_alphanumeric)
    })
}

/// The words of a date line that are no date: its labels and weekdays ("posted",
/// "Thursday"), which an author's name beside a date does not end with.
pub fn strip_date_filler(name: &str) -> &str {
    let mut name = name.trim_end_matches([',', ' ']);
    while let Some((head, last)) = name.rsplit_once(' ') {
        if !is_date_filler(last.trim_matches(|c: char| !c.is_alphanumeric())) {
            break;
        }
        name = head.trim_end_matches([',', ' ', '-', '–', '|']);
    }
    name
}

/// The time of day after a date ("16:56", "10.30 am") removed.
pub fn without_time(text: &str) -> String {
    TIME.replace_all(text, " ").trim().to_string()
}

/// The full date of a sentence in the opening of a report that tells what was said
/// then ("..., Onyeama stated this at a press briefing Friday, February 25, 2022").
/// Or one that names the author ("The Quay Council, meeting on 1st of March, 2022, ..."):
/// a first person is not enough ("On February 24, 2022, the army attacked our country").
pub fn reported_on(text: &str, author: Option<&str>) -> Option<DateMention> {
    let speech = crate::languages::speech(None);
    let opening = &text[..text.len().min(text.char_indices().nth(1500).map_or(text.len(), |(i, _)| i))];
    opening.split_inclusive(['.', '\n']).find_map(|sentence| {
        let d = find_dates(sentence).into_iter().find(|d| d.year.is_some() && d.day.is_some())?;
        let reports =
            sentence.split_whitespace().any(|w| speech.is_reporting(w.trim_matches(|c: char| !c.is_alphanumeric())));
        let named = author.is_some_and(|a| a.len() >= 3 && sentence.contains(a));
        (reports || named).then_some(d)
    })
}

/// The place written before a date on a dateline or signature ("Paris" in "Paris, le
/// 2 mars 2022"), if any.
pub fn place_of(text: &str, d: &DateMention) -> Option<String> {
    let m = PLACE.find(&text[..d.start])?;
    let place = m.as_str().trim().trim_end_matches(',').trim();
    (!place.is_empty()).then(|| place.to_string())
}

/// The first day of a range before a date ("25-" of "25-27 February 2022").
static DAY_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}\s*[-–]\s*$").expect("day range pattern compiles"));

/// A place name and comma before a date on a dateline.
static PLACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}[\p{L}.'-]*(?:\s[\p{L}.'-]+){0,2},\s*").expect("place pattern"));

/// Words that may stand beside a date on a dateline: the labels and weekdays of the
/// language files ("Posted", "Press statement", "Thursday", "le"); places are not.
fn is_date_filler(w: &str) -> bool {
    crate::languages::is_date_label(w) || crate::languages::is_weekday(w)
}

/// A byline that dates a statement and may name its author: "By the Harbour Union, May
/// 25, 2022" (the language files' `[dates] bylines`). The name and the date.
pub fn byline(line: &str) -> Option<(&str, DateMention)> {
    let t = line.trim();
    let (first, rest) = t.split_once(' ')?;
    if !crate::languages::is_byline_word(first) || t.len() > 160 {
        return None;
    }
    let comma = rest.find(", ")?;
    let (name, tail) = (rest[..comma].trim(), &rest[comma + 2..]);
    let d = date_line(tail)?;
    let offset = t.len() - tail.len();
    let start = line.len() - line.trim_start().len() + offset;
    Some((name, DateMention { start: d.start + start, end: d.end + start, ..d }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Option<(Option<i32>, u8, Option<u8>)> {
        find_dates(text).first().map(|d| (d.year, d.month, d.day))
    }

    #[test]
    fn english_formats() {
        assert_eq!(first("February 27, 2022 - The party"), Some((Some(2022), 2, Some(27))));
        assert_eq!(first("Movement 30 January 2022"), Some((Some(2022), 1, Some(30))));
        assert_eq!(first("March 1 - The Alliance"), Some((None, 3, Some(1))));
        assert_eq!(first("on the 3rd of March, 2023"), Some((Some(2023), 3, Some(3))));
        assert_eq!(first("Sept. 5th 2021"), Some((Some(2021), 9, Some(5))));
        assert_eq!(first("Publication date: Monday 31 January 2022"), Some((Some(2022), 1, Some(31))));
    }

    #[test]
    fn european_formats() {
        assert_eq!(first("Paris, le 1er mars 2022"), Some((Some(2022), 3, Some(1))));
        assert_eq!(first("Madrid, 3 de marzo de 2022"), Some((Some(2022), 3, Some(3))));
        assert_eq!(first("Berlin, den 3. März 2022"), Some((Some(2022), 3, Some(3))));
        assert_eq!(first("Roma, 24 febbraio 2022"), Some((Some(2022), 2, Some(24))));
        assert_eq!(first("Lisboa, 2 de março de 2022"), Some((Some(2022), 3, Some(2))));
        assert_eq!(first("Amsterdam, 4 maart 2022"), Some((Some(2022), 3, Some(4))));
        // The month names come from the language files, declined forms included.
        assert_eq!(first("Praha, 24. února 2022"), Some((Some(2022), 2, Some(24))));
        assert_eq!(first("Warszawa, 1 marca 2022 r."), Some((Some(2022), 3, Some(1))));
        assert_eq!(first("Москва, 25 февраля 2022 года"), Some((Some(2022), 2, Some(25))));
        assert_eq!(first("Київ, 24 лютого 2022"), Some((Some(2022), 2, Some(24))));
        assert_eq!(first("Helsinki 28. helmikuuta 2022"), Some((Some(2022), 2, Some(28))));
        for line in ["18 March 2014, 09:56", "25.02.2022 - 10:30", "Jueves 24 de febrero de 2022 | 17:45"] {
            assert!(date_line(line).is_some(), "{line}: a date line with its time");
        }
    }

    #[test]
    fn a_reports_sentence_tells_when_it_was_said() {
        let text = "The council urged calm.\nThe Herald reports the minister stated this at a press briefing Friday, February 25, 2022, in Portville.";
        assert_eq!(
            reported_on(text, None).and_then(|d| d.date()).map(|d| d.to_string()).as_deref(),
            Some("2022-02-25")
        );
        assert!(
            reported_on("On February 24, 2022 the army crossed the border.", None).is_none(),
            "no one said it then"
        );
        let own = "The Quay Council, meeting on 1st of March, 2022, calls for talks.";
        assert!(reported_on(own, Some("Quay Council")).is_some(), "the author acts then");
        let ours = "On February 24, 2022, the army attacked our country.";
        assert!(reported_on(ours, Some("Quay Council")).is_none(), "an event it tells of");
    }

    #[test]
    fn numeric_formats() {
        assert_eq!(first("2022-03-01"), Some((Some(2022), 3, Some(1))));
        assert_eq!(first("Wien, 01.03.2022"), Some((Some(2022), 3, Some(1))));
        assert_eq!(first("3/24/2022"), Some((Some(2022), 3, Some(24))));
        assert_eq!(first("2022-02-30"), None);
        assert_eq!(first("Created: 2015.01.24"), Some((Some(2015), 1, Some(24))), "year first, with dots");
        assert_eq!(first("2015.01-24"), None, "two separators");
        assert_eq!(first("date 2022-02 The war"), Some((Some(2022), 2, None)), "a year and month");
        assert_eq!(first("the 2022-2023 season"), None);
        assert_eq!(first("2022年02月24日"), Some((Some(2022), 2, Some(24))));
    }

    #[test]
    fn month_and_year_only() {
        assert_eq!(first("in March 2022 we"), Some((Some(2022), 3, None)));
    }

    #[test]
    fn modal_may_is_not_a_month() {
        assert_eq!(first("we may 5 times"), None);
        assert_eq!(first("May 5"), Some((None, 5, Some(5))));
    }

    #[test]
    fn yearless_dates_take_the_year_before_the_anchor() {
        let d = find_dates("March 1")[0];
        assert_eq!(d.resolve(PartialDate::ymd(2022, 3, 2)).map(|d| d.to_string()), Some("2022-03-01".into()));
        let d = find_dates("December 30")[0];
        assert_eq!(d.resolve(PartialDate::ymd(2022, 1, 2)).map(|d| d.to_string()), Some("2021-12-30".into()));
        let d = find_dates("March 5")[0];
        assert_eq!(d.resolve(PartialDate::ymd(2022, 3, 2)).map(|d| d.to_string()), Some("2021-03-05".into()));
        assert_eq!(d.resolve(None), None);
    }

    #[test]
    fn date_lines() {
        assert!(date_line("March 2, 2022").is_some());
        assert!(date_line("Monday 31 January 2022").is_some());
        assert!(date_line("March 2, 2022 we condemn").is_none());
        assert!(date_line("Paris, le 2 mars 2022").is_some());
        assert!(date_line("Nordstadt, den 4. März 2022").is_some());
        assert!(date_line("Déclaration du 1er mars 2022").is_some());
        assert!(date_line("Stellungnahme vom 3. März 2022").is_some());
        assert!(date_line("Statement of the Council, 3 March 2022").is_none());
        assert!(date_line("Madrid, 1 de marzo de 2022").is_some());
        assert!(date_line("Created: 2015.01.24 / Updated: 2015.01.27 15:59").is_some(), "labelled dates");
        assert!(date_line("Adopted on 25-27 February 2022").is_some(), "a range of days");
        assert!(date_line("Stockholm den 24 februari 2022").is_some(), "a city without a comma");
        assert!(date_line("We met in Paris, on 2 March 2022").is_none());
    }

    #[test]
    fn two_digit_years_addresses_and_labelled_date_lines() {
        let d = find_dates("Bulletin – 27/02/22");
        assert_eq!(d.first().and_then(|m| m.date()), PartialDate::ymd(2022, 2, 27));
        assert!(find_dates("version 1.2.3.4 released").is_empty());
        assert_eq!(in_address("https://x.example/2022/02/24/statement/"), PartialDate::ymd(2022, 2, 24));
        assert_eq!(in_address("https://x.example/2022/03/peace.html"), PartialDate::ym(2022, 3));
        assert_eq!(in_address("https://x.example/news/12345"), None);
        assert!(date_line("Press Statement Feb 2022").is_some(), "labels stand beside a date");
        assert!(date_line("Harbour Union, Feb 2022 and more").is_none());
        assert!(date_line("Jueves 24 de febrero de 2022 | 17:45").is_some(), "a weekday and a time");
        let (name, d) = byline("By the Harbour Union, May 25, 2022").expect("byline");
        assert_eq!((name, d.date()), ("the Harbour Union", PartialDate::ymd(2022, 5, 25)));
        assert_eq!(&"By the Harbour Union, May 25, 2022"[d.start..d.end], "May 25, 2022");
        assert!(byline("By March 2022, the war had displaced millions").is_none());
    }
}
