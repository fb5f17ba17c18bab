//! Dates as statements give them: often a full date, sometimes only a month.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date that may lack its day (`2022-03`) but always has a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year, e.g. 2022.
    pub year: i32,
    /// The month, 1–12, when known.
    pub month: Option<u8>,
    /// The day of the month, when known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// A full date, checked for being a real calendar day.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(())?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(())?;
        Some(Self { year, month: Some(month), day: Some(day) })
    }

    /// A month of a year.
    pub fn ym(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self { year, month: Some(month), day: None })
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM` (as the JSON output writes them).
    pub fn parse_iso(s: &str) -> Option<Self> {
        let mut parts = s.trim().splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        match parts.next() {
            Some(d) => Self::ymd(year, month, d.parse().ok()?),
            None => Self::ym(year, month),
        }
    }
}

impl PartialDate {
    /// How much of it is known: `day`, `month` or `year`.
    pub fn precision(&self) -> &'static str {
        match (self.month, self.day) {
            (Some(_), Some(_)) => "day",
            (Some(_), None) => "month",
            _ => "year",
        }
    }
}

/// Number of days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    /// Reads what [`Display`](fmt::Display) writes: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let year_only = || s.trim().parse::<i32>().ok().map(|year| PartialDate { year, month: None, day: None });
        PartialDate::parse_iso(&s)
            .or_else(year_only)
            .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")))
    }
}

/// Where a statement's date was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A dateline opening the statement ("March 1 - The party condemns ...").
    Dateline,
    /// A date beside the heading or on a line of its own at the top.
    Heading,
    /// The signature at the end ("Movement X, 30 January 2022").
    Signature,
    /// A sentence of a report that tells when it was said ("..., the minister stated at
    /// a press briefing on Friday, February 25, 2022").
    Report,
    /// The page's publication date, used because the statement itself has none.
    Publication,
    /// Given with the document (`ingest --published`, a feed entry's date), not read in it.
    Given,
    /// Set by an editor.
    Editor,
}

impl DateSource {
    /// Its name in the published data (`dateline`, `heading`, ..., `editor`).
    pub fn name(self) -> &'static str {
        match self {
            DateSource::Dateline => "dateline",
            DateSource::Heading => "heading",
            DateSource::Signature => "signature",
            DateSource::Report => "report",
            DateSource::Publication => "publication",
            DateSource::Given => "given",
            DateSource::Editor => "editor",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PartialDate;

    #[test]
    fn formats_full_and_month_dates() {
        assert_eq!(PartialDate::ymd(2022, 3, 1).map(|d| d.to_string()), Some("2022-03-01".into()));
        assert_eq!(PartialDate::ym(2022, 11).map(|d| d.to_string()), Some("2022-11".into()));
    }

    #[test]
    fn rejects_impossible_days() {
        assert_eq!(PartialDate::ymd(2022, 2, 29), None);
        assert!(PartialDate::ymd(2024, 2, 29).is_some());
        assert_eq!(PartialDate::ymd(2022, 13, 1), None);
        assert_eq!(PartialDate::ymd(2022, 4, 31), None);
    }

    #[test]
    fn parses_what_it_prints() {
        for s in ["2022-03-01", "1999-12", "2024-02-29"] {
            assert_eq!(PartialDate::parse_iso(s).map(|d| d.to_string()).as_deref(), Some(s));
        }
        assert_eq!(PartialDate::parse_iso("2022-02-30"), None);
        assert_eq!(PartialDate::parse_iso("March"), None);
    }

    #[test]
    fn orders_chronologically() {
        let a = PartialDate::ymd(2022, 2, 24);
        let b = PartialDate::ymd(2022, 3, 1);
        assert!(a < b);
    }
}
