//! The one published shape of a statement: what the API returns, what `statements.jsonl`
//! and `stances export` write, and (flattened by [`STATEMENT_COLUMNS`]) what both
//! `statements.csv` files hold. The data page's dictionary is generated from the same
//! column lists, so a change of the contract shows in one place (and in the snapshot
//! tests of `tests/contract.rs`).

use serde::Serialize;
use stances_core::{country_code, Decided, Position, Statement, Status};
use stances_store::SourceRef;
use utoipa::ToSchema;

/// One piece of evidence: the sentence, as byte offsets into the statement's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct EvidenceOut {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The sentence.
    pub text: String,
}

/// A position a statement takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PositionOut {
    /// The position's code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// `machine` (found by the coder), `confirmed` or `added` (by an editor).
    pub decided: String,
    /// The sentences that take it.
    pub evidence: Vec<EvidenceOut>,
}

/// Where a statement appeared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct SourceOut {
    /// The page's address, if known.
    pub url: Option<String>,
    /// The publication that carried it.
    pub publication: Option<String>,
    /// The page's publication date.
    pub published: Option<String>,
}

/// A statement as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct StatementRecord {
    /// Its permanent id.
    pub id: i64,
    /// Its page on the site.
    pub url: String,
    /// `published`, `pending` (waiting for an editor) or `rejected`; the site and the API
    /// only ever show published ones.
    pub status: String,
    /// The organization (canonical name); null when the author is not named.
    pub organization: Option<String>,
    /// The organization's stable id; its page is `/organizations/{organization_id}`.
    pub organization_id: Option<String>,
    /// The organization's kind (`party`, `union`, `ngo`, ...), when the registry knows it.
    pub organization_kind: Option<String>,
    /// True when the organization is not in the registry (an editor should review it).
    pub organization_new: bool,
    /// Other names of the organization seen in its statements.
    pub aliases: Vec<String>,
    /// Co-signatories of a joint statement, as written.
    pub co_signatories: Vec<String>,
    /// English name of the statement's country, else of its organization's.
    pub country: Option<String>,
    /// ISO 3166-1 alpha-2 code of `country`.
    pub country_code: Option<String>,
    /// How the country was found: `registry`, `name` (the organization's), `text` (a cue
    /// quoted in `country_evidence`), `address` (the page's country domain, where the
    /// statement's language agrees), `editor`, or `organization` (the statement names none;
    /// its organization's country).
    pub country_source: Option<String>,
    /// The words of the text the country was read from.
    pub country_evidence: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or null.
    pub date: Option<String>,
    /// How much of the date is known: `day`, `month` or `year`.
    pub date_precision: Option<String>,
    /// Where the date was found: `dateline`, `heading`, `signature`, `publication` (the
    /// page's date), `given` (with the document) or `editor`.
    pub date_source: Option<String>,
    /// The date as written in the statement.
    pub date_text: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// ISO 639-1 language.
    pub language: Option<String>,
    /// The statement as published; list items start with "• ".
    pub text: String,
    /// The positions it takes.
    pub positions: Vec<PositionOut>,
    /// Every place it appeared.
    pub sources: Vec<SourceOut>,
    /// When it was first stored (RFC 3339).
    pub first_seen: String,
    /// When it last changed (RFC 3339).
    pub updated: String,
}

/// What a record is made from, wherever the statement comes from (the site's snapshot or
/// the store).
pub struct RecordParts<'a> {
    /// Its id.
    pub id: i64,
    /// The statement, editors' decisions and corrections merged.
    pub statement: &'a Statement,
    /// Its status.
    pub status: Status,
    /// Where it appeared.
    pub sources: &'a [SourceRef],
    /// When it was first stored.
    pub created_at: &'a str,
    /// When it last changed.
    pub updated_at: &'a str,
    /// Whether its organization awaits an editor's review.
    pub organization_needs_review: bool,
}

impl StatementRecord {
    /// The record of a statement; `label` names a position's code, `url` is its permalink.
    pub fn new(parts: RecordParts<'_>, label: &dyn Fn(&str) -> String, url: String) -> Self {
        let s = parts.statement;
        let org = &s.organization;
        let named = !org.name.is_empty();
        let (country, country_source) = match (&s.country, &org.country) {
            (Some(c), _) => (Some(c.clone()), s.country_source.as_ref().map(|x| x.name().to_string())),
            (None, Some(c)) => (Some(c.clone()), Some("organization".to_string())),
            (None, None) => (None, None),
        };
        Self {
            id: parts.id,
            url,
            status: parts.status.as_str().to_string(),
            organization: named.then(|| org.name.clone()),
            organization_id: named.then(|| org.id.clone()),
            organization_kind: org.kind.clone(),
            organization_new: named && (!org.known || parts.organization_needs_review),
            aliases: org.aliases.clone(),
            co_signatories: s.co_signatories.clone(),
            country_code: country.as_deref().and_then(country_code).map(str::to_string),
            country,
            country_source,
            country_evidence: s
                .country
                .as_ref()
                .and(s.country_source.as_ref())
                .and_then(|x| x.cue())
                .map(str::to_string),
            date: s.date.map(|d| d.to_string()),
            date_precision: s.date.map(|d| d.precision().to_string()),
            date_source: s.date.and(s.date_source).map(|d| d.name().to_string()),
            date_text: s.date_text.clone(),
            title: s.title.clone(),
            language: s.language.clone(),
            text: s.text.clone(),
            positions: s.positions.iter().map(|p| position(p, label)).collect(),
            sources: parts
                .sources
                .iter()
                .map(|x| SourceOut {
                    url: x.url.clone(),
                    publication: x.publication.clone(),
                    published: x.published.clone(),
                })
                .collect(),
            first_seen: parts.created_at.to_string(),
            updated: parts.updated_at.to_string(),
        }
    }
}

fn position(p: &Position, label: &dyn Fn(&str) -> String) -> PositionOut {
    PositionOut {
        code: p.code.clone(),
        label: label(&p.code),
        decided: decided(p).to_string(),
        evidence: p.evidence.iter().map(|x| EvidenceOut { start: x.start, end: x.end, text: x.text.clone() }).collect(),
    }
}

/// How a position came to be: `machine`, `confirmed` or `added`.
pub fn decided(p: &Position) -> &'static str {
    match &p.decided {
        Decided::Machine => "machine",
        Decided::Confirmed { .. } => "confirmed",
        Decided::Added { .. } => "added",
    }
}

/// A column of a CSV table: its name, what it means (the data dictionary), and `value`,
/// the function that gives its value in a row.
pub struct Column<F> {
    /// The header.
    pub name: &'static str,
    /// What it holds, for the data page.
    pub description: &'static str,
    /// Its value in a row.
    pub value: F,
}

/// A value of `statements.csv`.
pub type StatementValue = fn(&StatementRecord) -> String;
/// A value of `positions.csv`.
pub type PositionValue = for<'a> fn(&PositionRow<'a>) -> String;

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// The columns of `statements.csv` (the site's and `stances export --format csv`).
pub const STATEMENT_COLUMNS: &[Column<StatementValue>] = &[
    Column { name: "id", description: "The statement's permanent number.", value: |r| r.id.to_string() },
    Column { name: "url", description: "Its permalink on this site.", value: |r| r.url.clone() },
    Column {
        name: "status",
        description: "published, or (in an editor's export only) pending or rejected.",
        value: |r| r.status.clone(),
    },
    Column {
        name: "organization",
        description: "The organization that issued it (canonical name); empty when the author is not named.",
        value: |r| opt(&r.organization),
    },
    Column {
        name: "organization_id",
        description: "A stable identifier of the organization (its page is /organizations/{organization_id}).",
        value: |r| opt(&r.organization_id),
    },
    Column {
        name: "organization_kind",
        description: "The organization's kind (party, union, ngo, ...) when known.",
        value: |r| opt(&r.organization_kind),
    },
    Column {
        name: "country",
        description: "The statement's country, else its organization's, in English; empty when not known.",
        value: |r| opt(&r.country),
    },
    Column { name: "country_code", description: "The country's ISO 3166-1 alpha-2 code.", value: |r| opt(&r.country_code) },
    Column {
        name: "country_source",
        description: "How the country was found: registry, name (the organization's), text (a cue in the statement), address (the page's country domain, where the statement's language agrees), editor, or organization (the organization's country; the statement names none).",
        value: |r| opt(&r.country_source),
    },
    Column {
        name: "date",
        description: "The date it was issued: YYYY-MM-DD, YYYY-MM, YYYY or empty.",
        value: |r| opt(&r.date),
    },
    Column { name: "date_precision", description: "day, month or year.", value: |r| opt(&r.date_precision) },
    Column {
        name: "date_source",
        description: "Where the date was found: dateline, heading, signature, publication (the page's date), given (with the document) or editor.",
        value: |r| opt(&r.date_source),
    },
    Column { name: "title", description: "Its title, when it has one.", value: |r| opt(&r.title) },
    Column { name: "language", description: "Its language (ISO 639-1).", value: |r| opt(&r.language) },
    Column {
        name: "positions",
        description: "The codes of the positions it takes, separated by ';' (one row each in positions.csv).",
        value: |r| r.positions.iter().map(|p| p.code.as_str()).collect::<Vec<_>>().join(";"),
    },
    Column {
        name: "source_urls",
        description: "Where it was published, separated by ' '.",
        value: |r| r.sources.iter().filter_map(|s| s.url.as_deref()).collect::<Vec<_>>().join(" "),
    },
    Column {
        name: "co_signatories",
        description: "Co-signatories of a joint statement, separated by ';'.",
        value: |r| r.co_signatories.join(";"),
    },
    Column { name: "first_seen", description: "When it was first stored (RFC 3339).", value: |r| r.first_seen.clone() },
    Column { name: "text", description: "The statement as published.", value: |r| r.text.clone() },
];

/// One row of `positions.csv`: a position of a statement with one piece of its evidence.
pub struct PositionRow<'a> {
    /// The statement.
    pub record: &'a StatementRecord,
    /// The position.
    pub position: &'a PositionOut,
    /// One piece of its evidence (none for a position added without a quote).
    pub evidence: Option<&'a EvidenceOut>,
}

/// The columns of `positions.csv`.
pub const POSITION_COLUMNS: &[Column<PositionValue>] = &[
    Column {
        name: "statement_id",
        description: "The statement (see statements.csv).",
        value: |r| r.record.id.to_string(),
    },
    Column {
        name: "organization",
        description: "The organization that issued it.",
        value: |r| opt(&r.record.organization),
    },
    Column {
        name: "organization_id",
        description: "Its stable identifier.",
        value: |r| opt(&r.record.organization_id),
    },
    Column { name: "country", description: "The statement's country.", value: |r| opt(&r.record.country) },
    Column {
        name: "country_code",
        description: "Its ISO 3166-1 alpha-2 code.",
        value: |r| opt(&r.record.country_code),
    },
    Column { name: "date", description: "The statement's date.", value: |r| opt(&r.record.date) },
    Column {
        name: "code",
        description: "The position taken (see the table of positions below).",
        value: |r| r.position.code.clone(),
    },
    Column { name: "label", description: "The position's label.", value: |r| r.position.label.clone() },
    Column {
        name: "decided",
        description: "machine (found by the coder), confirmed or added (by an editor).",
        value: |r| r.position.decided.clone(),
    },
    Column {
        name: "evidence_start",
        description: "Where the sentence taking the position starts in the statement's text (byte offset).",
        value: |r| r.evidence.map(|e| e.start.to_string()).unwrap_or_default(),
    },
    Column {
        name: "evidence_end",
        description: "Where it ends (byte offset, exclusive).",
        value: |r| r.evidence.map(|e| e.end.to_string()).unwrap_or_default(),
    },
    Column {
        name: "evidence",
        description: "The sentence itself.",
        value: |r| r.evidence.map(|e| e.text.clone()).unwrap_or_default(),
    },
];

/// Writes `statements.csv` rows, header first, to any writer.
pub struct StatementsCsv<W: std::io::Write>(csv::Writer<W>);

impl<W: std::io::Write> StatementsCsv<W> {
    /// A table on `out`, its header written.
    pub fn new(out: W) -> Result<Self, csv::Error> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(STATEMENT_COLUMNS.iter().map(|c| c.name))?;
        Ok(Self(w))
    }

    /// One statement's row.
    pub fn row(&mut self, r: &StatementRecord) -> Result<(), csv::Error> {
        self.0.write_record(STATEMENT_COLUMNS.iter().map(|c| (c.value)(r)))
    }

    /// The writer back, flushed.
    pub fn finish(self) -> Result<W, csv::Error> {
        self.0.into_inner().map_err(|e| csv::Error::from(e.into_error()))
    }
}

/// Writes `positions.csv` rows, header first, to any writer.
pub struct PositionsCsv<W: std::io::Write>(csv::Writer<W>);

impl<W: std::io::Write> PositionsCsv<W> {
    /// A table on `out`, its header written.
    pub fn new(out: W) -> Result<Self, csv::Error> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(POSITION_COLUMNS.iter().map(|c| c.name))?;
        Ok(Self(w))
    }

    /// The rows of one statement: one per position and piece of evidence.
    pub fn rows(&mut self, record: &StatementRecord) -> Result<(), csv::Error> {
        for position in &record.positions {
            let pieces: Vec<Option<&EvidenceOut>> =
                if position.evidence.is_empty() { vec![None] } else { position.evidence.iter().map(Some).collect() };
            for evidence in pieces {
                let row = PositionRow { record, position, evidence };
                self.0.write_record(POSITION_COLUMNS.iter().map(|c| (c.value)(&row)))?;
            }
        }
        Ok(())
    }

    /// The writer back, flushed.
    pub fn finish(self) -> Result<W, csv::Error> {
        self.0.into_inner().map_err(|e| csv::Error::from(e.into_error()))
    }
}
