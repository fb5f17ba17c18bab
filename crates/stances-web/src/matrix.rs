//! The comparison matrix: organizations × positions, each filled cell the statements (and
//! their evidence) behind it, with filters by country, date range and organization kind.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use stances_core::PartialDate;
use utoipa::{IntoParams, ToSchema};

use crate::site::Site;

/// Which statements count.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatrixFilter {
    /// Only organizations from this country (English name).
    pub country: Option<String>,
    /// Only statements from this date on (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only statements up to this date.
    pub to: Option<String>,
    /// Only organizations of this kind (party, union, ngo ...).
    pub kind: Option<String>,
    /// Row order: `name` (default), `statements`, `positions` or `country`.
    pub sort: Option<String>,
    /// The page of rows (the site shows 200 organizations to a page; the API returns all).
    pub page: Option<usize>,
}

impl crate::params::Check for MatrixFilter {
    fn check(&self) -> Result<(), String> {
        crate::params::date_bound("from", &self.from)?;
        crate::params::date_bound("to", &self.to)?;
        crate::params::page_number(self.page)?;
        crate::params::one_of("sort", &self.sort, &["name", "statements", "positions", "country"])
    }
}

/// One statement behind a cell.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Cite {
    /// The statement's id.
    pub statement_id: i64,
    /// Its date, if known.
    pub date: Option<String>,
    /// The sentences that take the position.
    pub evidence: Vec<String>,
}

/// One organization's row.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Row {
    /// Its slug.
    pub organization_id: String,
    /// Its name.
    pub name: String,
    /// Its country.
    pub country: Option<String>,
    /// Its kind.
    pub kind: Option<String>,
    /// How many of its statements count.
    pub statements: usize,
    /// Position code → the statements taking it.
    pub cells: BTreeMap<String, Vec<Cite>>,
}

/// A column: one position of the codebook.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Column {
    /// The position's code.
    pub code: String,
    /// Its label.
    pub label: String,
}

/// The matrix.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Matrix {
    /// The positions, in codebook order.
    pub positions: Vec<Column>,
    /// The rows.
    pub organizations: Vec<Row>,
}

impl Matrix {
    /// The matrix of the published statements that pass `filter`.
    pub fn build(site: &Site, filter: &MatrixFilter) -> Self {
        let from = filter.from.as_deref().and_then(parse_bound);
        let to = filter.to.as_deref().and_then(parse_bound);
        let same = |a: &Option<String>, b: &Option<String>| match b.as_deref().filter(|s| !s.is_empty()) {
            None => true,
            Some(want) => a.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(want)),
        };
        let mut rows = Vec::new();
        for org in &site.orgs {
            if !same(&org.country, &filter.country) || !same(&org.kind, &filter.kind) {
                continue;
            }
            let mut row = Row {
                organization_id: org.slug.clone(),
                name: org.name.clone(),
                country: org.country.clone(),
                kind: org.kind.clone(),
                statements: 0,
                cells: BTreeMap::new(),
            };
            for &i in &org.statements {
                let e = &site.entries[i];
                let d = e.statement.date;
                let in_range = from.is_none_or(|f| d.is_some_and(|d| after(d, f)))
                    && to.is_none_or(|t| d.is_some_and(|d| before(d, t)));
                if !in_range {
                    continue;
                }
                row.statements += 1;
                for p in &e.statement.positions {
                    row.cells.entry(p.code.clone()).or_default().push(Cite {
                        statement_id: e.id,
                        date: d.map(|d| d.to_string()),
                        evidence: p.evidence.iter().map(|x| x.text.clone()).collect(),
                    });
                }
            }
            if row.statements > 0 {
                rows.push(row);
            }
        }
        match filter.sort.as_deref() {
            Some("statements") => rows.sort_by(|a, b| b.statements.cmp(&a.statements).then(a.name.cmp(&b.name))),
            Some("positions") => rows.sort_by(|a, b| b.cells.len().cmp(&a.cells.len()).then(a.name.cmp(&b.name))),
            Some("country") => rows.sort_by(|a, b| a.country.cmp(&b.country).then(a.name.cmp(&b.name))),
            _ => {}
        }
        let positions =
            site.codebook.positions.iter().map(|p| Column { code: p.code.clone(), label: p.label.clone() }).collect();
        Self { positions, organizations: rows }
    }

    /// For each position (its label), how many organizations of the matrix take it.
    pub fn takers(&self) -> Vec<(String, usize)> {
        self.positions
            .iter()
            .map(|c| (c.label.clone(), self.organizations.iter().filter(|r| r.cells.contains_key(&c.code)).count()))
            .collect()
    }
}

/// A date bound as written in a filter.
pub fn parse_bound(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    PartialDate::parse_iso(s).or_else(|| s.parse::<i32>().ok().map(|year| PartialDate { year, month: None, day: None }))
}

/// A date as a sortable number, YYYYMMDD: missing parts count as the start of the period,
/// or as its end when `end` is set (so "2022-03" as an upper bound includes all of March).
pub fn date_key(d: PartialDate, end: bool) -> u64 {
    let (m, day) =
        if end { (d.month.unwrap_or(12), d.day.unwrap_or(31)) } else { (d.month.unwrap_or(0), d.day.unwrap_or(0)) };
    d.year.max(0) as u64 * 10_000 + u64::from(m) * 100 + u64::from(day)
}

/// True when `d` is on or after the bound `from`.
pub fn after(d: PartialDate, from: PartialDate) -> bool {
    date_key(d, false) >= date_key(from, false)
}

/// True when `d` is no later than the bound `to`, read at its own precision.
pub fn before(d: PartialDate, to: PartialDate) -> bool {
    date_key(d, false) <= date_key(to, true)
}
