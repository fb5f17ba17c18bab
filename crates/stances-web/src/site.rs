//! The published site as one snapshot in memory: every published statement, its
//! organization and positions, with the lookups the pages need. It is rebuilt from the
//! store when the store's change counter moves, and pages are rendered from it without
//! touching the database.

use std::collections::{BTreeMap, HashMap};

use stances_code::Codebook;
use stances_core::{Statement, Status};
use stances_search::SearchDoc;
use stances_store::{SourceRef, Store, StoreError, StoredStatement};

use crate::record::{RecordParts, StatementRecord};
use crate::views::Settings;

/// One published statement.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its id in the store (the permalink).
    pub id: i64,
    /// The statement.
    pub statement: Statement,
    /// Every place it appeared.
    pub sources: Vec<SourceRef>,
    /// The organization's slug ("" when the author is not named).
    pub org: String,
    /// When it was first stored (RFC 3339).
    pub created_at: String,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
}

impl Entry {
    /// Its country: the statement's, else its organization's.
    pub fn country(&self) -> Option<&str> {
        self.statement.country.as_deref().or(self.statement.organization.country.as_deref())
    }

    /// Its date as written for readers (`2022-03-01`, `2022-03`), or "undated".
    pub fn date_label(&self) -> String {
        self.statement.date.map_or_else(|| "undated".to_string(), |d| d.to_string())
    }

    /// Its title, or the first words of its text.
    pub fn headline(&self) -> String {
        match &self.statement.title {
            Some(t) if !t.trim().is_empty() => t.clone(),
            _ => {
                let words: Vec<&str> = self.statement.text.split_whitespace().take(12).collect();
                format!("{}…", words.join(" "))
            }
        }
    }

    /// The organization's name, or "Unknown author".
    pub fn author(&self) -> &str {
        if self.statement.organization.name.is_empty() {
            "Unknown author"
        } else {
            &self.statement.organization.name
        }
    }

    /// A sortable key for its date (YYYYMMDD, missing parts as zero).
    pub fn date_key(&self) -> u64 {
        self.statement.date.map_or(0, |d| crate::matrix::date_key(d, false))
    }

    /// The document the search index holds for it.
    pub fn search_doc(&self) -> SearchDoc {
        let s = &self.statement;
        SearchDoc {
            id: self.id,
            title: s.title.clone(),
            text: s.text.clone(),
            organization: s.organization.name.clone(),
            organization_id: self.org.clone(),
            aliases: s.organization.aliases.clone(),
            country: self.country().map(str::to_string),
            language: s.language.clone(),
            year: s.date.map(|d| d.year),
            date_key: self.date_key(),
            positions: s.positions.iter().map(|p| p.code.clone()).collect(),
        }
    }
}

/// One organization with published statements.
#[derive(Debug, Clone)]
pub struct Org {
    /// Its slug.
    pub slug: String,
    /// Its canonical name.
    pub name: String,
    /// Other names seen.
    pub aliases: Vec<String>,
    /// Its country, if known.
    pub country: Option<String>,
    /// Its kind (party, union, NGO ...), if known.
    pub kind: Option<String>,
    /// Its statements, oldest first (indexes into [`Site::entries`]).
    pub statements: Vec<usize>,
    /// For each position it takes, its statements taking it (indexes, oldest first).
    pub positions: BTreeMap<String, Vec<usize>>,
}

/// Everything published, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    /// The codebook (positions, labels, topic).
    pub codebook: Codebook,
    /// Published statements, newest first.
    pub entries: Vec<Entry>,
    /// Organizations by name.
    pub orgs: Vec<Org>,
    /// The store's change counter this snapshot was built at.
    pub counter: i64,
    by_id: HashMap<i64, usize>,
    by_org: HashMap<String, usize>,
    by_position: HashMap<String, Vec<usize>>,
}

impl Site {
    /// Builds the snapshot from the store's published statements.
    pub fn load(store: &dyn Store, codebook: Codebook) -> Result<Self, StoreError> {
        Self::load_with(store, codebook, true)
    }

    /// Builds a snapshot from the store: of published statements only (the public site),
    /// or of every statement whatever its status (an editor's `matrix --all`).
    pub fn load_with(store: &dyn Store, codebook: Codebook, published_only: bool) -> Result<Self, StoreError> {
        let counter = store.change_counter()?;
        let mut stored: Vec<StoredStatement> = Vec::new();
        store.for_each_statement(&mut |s| {
            if !published_only || s.status == Status::Published {
                stored.push(s);
            }
            Ok(())
        })?;
        Ok(Self::from_statements(stored, codebook, counter))
    }

    /// Builds the snapshot from statements already read, whatever their status.
    pub fn from_statements(stored: Vec<StoredStatement>, codebook: Codebook, counter: i64) -> Self {
        let mut entries: Vec<Entry> = stored
            .into_iter()
            .map(|s| Entry {
                id: s.id,
                org: s.statement.organization.id.clone(),
                statement: s.statement,
                sources: s.sources,
                created_at: s.created_at,
                updated_at: s.updated_at,
            })
            .collect();
        entries.sort_by(|a, b| b.date_key().cmp(&a.date_key()).then(b.id.cmp(&a.id)));
        let by_id = entries.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
        let mut orgs: Vec<Org> = Vec::new();
        let mut by_org: HashMap<String, usize> = HashMap::new();
        let mut by_position: HashMap<String, Vec<usize>> = HashMap::new();
        // Oldest first within each list: walk the newest-first entries backwards.
        for (i, e) in entries.iter().enumerate().rev() {
            for p in &e.statement.positions {
                by_position.entry(p.code.clone()).or_default().push(i);
            }
            if e.org.is_empty() {
                continue;
            }
            let k = *by_org.entry(e.org.clone()).or_insert_with(|| {
                let o = &e.statement.organization;
                orgs.push(Org {
                    slug: e.org.clone(),
                    name: o.name.clone(),
                    aliases: o.aliases.clone(),
                    country: o.country.clone().or_else(|| e.statement.country.clone()),
                    kind: o.kind.clone(),
                    statements: Vec::new(),
                    positions: BTreeMap::new(),
                });
                orgs.len() - 1
            });
            orgs[k].statements.push(i);
            for p in &e.statement.positions {
                orgs[k].positions.entry(p.code.clone()).or_default().push(i);
            }
        }
        let mut order: Vec<usize> = (0..orgs.len()).collect();
        order.sort_by_key(|&k| orgs[k].name.to_lowercase());
        let orgs: Vec<Org> = order.into_iter().map(|k| orgs[k].clone()).collect();
        let by_org = orgs.iter().enumerate().map(|(i, o)| (o.slug.clone(), i)).collect();
        Self { codebook, entries, orgs, counter, by_id, by_org, by_position }
    }

    /// A published statement by id.
    pub fn entry(&self, id: i64) -> Option<&Entry> {
        self.by_id.get(&id).map(|&i| &self.entries[i])
    }

    /// An organization by slug.
    pub fn org(&self, slug: &str) -> Option<&Org> {
        self.by_org.get(slug).map(|&i| &self.orgs[i])
    }

    /// The statements taking a position, oldest first.
    pub fn taking(&self, code: &str) -> impl Iterator<Item = &Entry> {
        self.by_position.get(code).into_iter().flatten().map(|&i| &self.entries[i])
    }

    /// A position's label, or its code when the codebook does not know it.
    pub fn label<'a>(&'a self, code: &'a str) -> &'a str {
        self.codebook.position(code).map_or(code, |p| p.label.as_str())
    }

    /// The published record of one of its statements (the API's, the exports').
    pub fn record(&self, settings: &Settings, e: &Entry) -> StatementRecord {
        let parts = RecordParts {
            id: e.id,
            statement: &e.statement,
            status: Status::Published,
            sources: &e.sources,
            created_at: &e.created_at,
            updated_at: &e.updated_at,
            organization_needs_review: false,
        };
        StatementRecord::new(parts, &|code| self.label(code).to_string(), settings.permalink(e.id))
    }

    /// The countries of published statements, with how many statements each, by name.
    pub fn countries(&self) -> Vec<(String, usize)> {
        let mut m: BTreeMap<String, usize> = BTreeMap::new();
        for e in &self.entries {
            if let Some(c) = e.country() {
                *m.entry(c.to_string()).or_default() += 1;
            }
        }
        m.into_iter().collect()
    }

    /// The organization kinds present, by name.
    pub fn kinds(&self) -> Vec<String> {
        let mut v: Vec<String> = self.orgs.iter().filter_map(|o| o.kind.clone()).collect();
        v.sort();
        v.dedup();
        v
    }
}
