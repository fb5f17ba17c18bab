//! The embedded store: one SQLite file in WAL mode.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use stances_core::{
    CountrySource, DateSource, Decided, Evidence, OrganizationRef, PageMeta, PartialDate, Position, Statement, Status,
};

mod accounts;
mod editorial;
mod watch;

use crate::fingerprint::{document_hash, statement_fingerprint};
use crate::migrate::migrate;
use crate::{
    Counts, Decision, IngestOutcome, NewDocument, SourceRef, Store, StoreError, StoredDocument, StoredStatement,
};

/// A store in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn =
            Connection::open(path).map_err(|source| StoreError::Open { path: path.display().to_string(), source })?;
        Self::setup(conn).map_err(|e| match e {
            StoreError::Sql(source) => StoreError::Open { path: path.display().to_string(), source },
            other => other,
        })
    }

    /// A private in-memory database (for tests and `analyze`-like dry runs).
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Self, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // WAL with synchronous=NORMAL keeps every committed document across a crash of the
        // program; only an OS crash or power loss may lose the last commits.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate(&mut conn)?;
        Ok(Self { conn })
    }

    /// The underlying connection (for checks in tests and tools).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Store for SqliteStore {
    fn ingest(
        &mut self,
        doc: &NewDocument<'_>,
        statements: &[Statement],
        status: Status,
    ) -> Result<IngestOutcome, StoreError> {
        let hash = document_hash(doc.bytes);
        let tx = self.conn.transaction()?;
        let exists: Option<i64> = tx
            .prepare_cached("SELECT id FROM documents WHERE sha256 = ?1")?
            .query_row([&hash], |r| r.get(0))
            .optional()?;
        if exists.is_some() {
            return Ok(IngestOutcome::default());
        }
        let now = now();
        let meta = doc.meta;
        tx.prepare_cached(
            "INSERT INTO documents (sha256, bytes, content_type, origin, source_url, publication, published, title, received_at, sender, given)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            hash,
            doc.bytes,
            doc.content_type,
            doc.origin,
            meta.source_url,
            meta.publication,
            meta.published.map(|d| d.to_string()),
            meta.title,
            now,
            meta.sender,
            to_json(doc.given)
        ])?;
        let document_id = tx.last_insert_rowid();
        let mut outcome = IngestOutcome { new_document: true, ..Default::default() };
        for (position, s) in statements.iter().enumerate() {
            let (_, new) = put_statement(&tx, document_id, position, s, status, &now, false)?;
            if new {
                outcome.statements_new += 1;
            } else {
                outcome.statements_known += 1;
            }
        }
        tx.prepare_cached("UPDATE changes SET counter = counter + 1 WHERE id = 1")?.execute([])?;
        tx.commit()?;
        Ok(outcome)
    }

    fn for_each_statement(
        &self,
        f: &mut dyn FnMut(StoredStatement) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.read_statements(Which::All, f)
    }

    fn change_counter(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT counter FROM changes WHERE id = 1", [], |r| r.get(0))?)
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let one =
            |sql: &str| -> Result<u64, StoreError> { Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        Ok(Counts {
            documents: one("SELECT count(*) FROM documents")?,
            statements: one("SELECT count(*) FROM statements")?,
            organizations: one("SELECT count(*) FROM organizations")?,
            sources: one("SELECT count(*) FROM sources")?,
        })
    }

    fn statement(&self, id: i64) -> Result<Option<StoredStatement>, StoreError> {
        let mut found = None;
        self.read_statements(Which::One(id), &mut |s| {
            found = Some(s);
            Ok(())
        })?;
        Ok(found)
    }

    fn decide(
        &mut self,
        statement_id: i64,
        code: &str,
        decision: Decision,
        evidence: &[Evidence],
        editor: &str,
    ) -> Result<(), StoreError> {
        let Some(current) = self.statement(statement_id)? else {
            return Err(StoreError::NotFound(format!("statement {statement_id}")));
        };
        let taken = current.statement.positions.iter().find(|p| p.code == code);
        if taken.is_none() && decision != Decision::Add {
            return Err(StoreError::Invalid(format!(
                "statement {statement_id} does not take the position `{code}`: there is nothing to {}",
                decision.as_str()
            )));
        }
        let before = taken.map(to_json);
        let ev = serde_json::to_string(evidence).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let now = now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO editor_codes (statement_id, code, decision, evidence, editor, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![statement_id, code, decision.as_str(), ev, editor, now],
        )?;
        let after = serde_json::json!({"code": code, "decision": decision.as_str(), "evidence": evidence}).to_string();
        editorial::log(
            &tx,
            Some(statement_id),
            editor,
            &format!("code {} {code}", decision.as_str()),
            before,
            Some(after),
            &now,
        )?;
        tx.execute("UPDATE changes SET counter = counter + 1 WHERE id = 1", [])?;
        tx.commit()?;
        Ok(())
    }

    fn document_ids(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id FROM documents ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
        Ok(ids)
    }

    fn document(&self, id: i64) -> Result<Option<StoredDocument>, StoreError> {
        self.conn
            .query_row("SELECT id, bytes, content_type, origin, given FROM documents WHERE id = ?1", [id], |r| {
                Ok((
                    StoredDocument {
                        id: r.get(0)?,
                        bytes: r.get(1)?,
                        content_type: r.get(2)?,
                        origin: r.get(3)?,
                        given: Default::default(),
                    },
                    r.get::<_, String>(4)?,
                ))
            })
            .optional()?
            .map(|(mut doc, given)| -> Result<StoredDocument, StoreError> {
                doc.given = serde_json::from_str(&given)
                    .map_err(|e| StoreError::Corrupt(format!("document {id}'s given: {e}")))?;
                Ok(doc)
            })
            .transpose()
    }

    fn reprocess(
        &mut self,
        document_id: i64,
        meta: &PageMeta,
        statements: &[Statement],
        status: Status,
    ) -> Result<IngestOutcome, StoreError> {
        let tx = self.conn.transaction()?;
        let now = now();
        tx.execute(
            "UPDATE documents SET source_url = ?2, publication = ?3, published = ?4, title = ?5 WHERE id = ?1",
            params![document_id, meta.source_url, meta.publication, meta.published.map(|d| d.to_string()), meta.title],
        )?;
        let mut outcome = IngestOutcome::default();
        let mut kept = Vec::new();
        for (position, s) in statements.iter().enumerate() {
            let (statement_id, new) = put_statement(&tx, document_id, position, s, status, &now, true)?;
            if new {
                outcome.statements_new += 1;
            } else {
                outcome.statements_known += 1;
            }
            kept.push((statement_id, position as i64));
        }
        // The document no longer yields what it used to: drop those source links (the
        // statements stay, with their editors' decisions).
        let mut stale = Vec::new();
        {
            let mut q = tx.prepare("SELECT statement_id, position FROM sources WHERE document_id = ?1")?;
            let rows = q.query_map([document_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
            for row in rows {
                let row = row?;
                if !kept.contains(&row) {
                    stale.push(row);
                }
            }
        }
        for (sid, pos) in stale {
            tx.execute(
                "DELETE FROM sources WHERE statement_id = ?1 AND document_id = ?2 AND position = ?3",
                params![sid, document_id, pos],
            )?;
        }
        tx.execute("UPDATE changes SET counter = counter + 1 WHERE id = 1", [])?;
        tx.commit()?;
        Ok(outcome)
    }
}

impl SqliteStore {
    /// Reads statements (all, one, or a page of one status), with merged positions, editors'
    /// corrections and sources.
    pub(crate) fn read_statements(
        &self,
        which: Which,
        f: &mut dyn FnMut(StoredStatement) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        const COLUMNS: &str = "SELECT s.id, s.country, s.country_source, s.date, s.date_source, s.date_text, s.title, s.language, s.text, s.status,
                    o.slug, o.name, o.country, o.kind, o.needs_review, o.id, s.co_signatories, s.machine_positions,
                    s.created_at, s.updated_at
             FROM statements s LEFT JOIN organizations o ON o.id = s.organization_id";
        let (filter, args): (&str, Vec<rusqlite::types::Value>) = match which {
            Which::All => ("ORDER BY s.id", vec![]),
            Which::One(id) => ("WHERE s.id = ?1", vec![id.into()]),
            Which::Status { status, limit, offset } => (
                "WHERE s.status = ?1 ORDER BY s.id DESC LIMIT ?2 OFFSET ?3",
                vec![status.as_str().to_string().into(), (limit as i64).into(), (offset as i64).into()],
            ),
        };
        let mut stmt = self.conn.prepare(&format!("{COLUMNS} {filter}"))?;
        let mut edits = self.conn.prepare(
            "SELECT field, value FROM statement_edits e
             WHERE statement_id = ?1 AND id = (SELECT max(id) FROM statement_edits WHERE statement_id = e.statement_id AND field = e.field)
             ORDER BY id",
        )?;
        let mut decisions = self.conn.prepare(
            "SELECT code, decision, evidence, editor, decided_at FROM editor_codes e
             WHERE statement_id = ?1 AND id = (SELECT max(id) FROM editor_codes WHERE statement_id = e.statement_id AND code = e.code)
             ORDER BY id",
        )?;
        let mut aliases =
            self.conn.prepare("SELECT alias FROM organization_aliases WHERE organization_id = ?1 ORDER BY rowid")?;
        let mut sources = self.conn.prepare(
            "SELECT d.id, d.origin, d.source_url, d.publication, d.published, x.position, x.block_start, x.block_end, d.sender
             FROM sources x JOIN documents d ON d.id = x.document_id WHERE x.statement_id = ?1 ORDER BY d.id, x.position",
        )?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let org_row: Option<i64> = r.get(15)?;
            let organization = match org_row {
                Some(oid) => OrganizationRef {
                    id: r.get(10)?,
                    name: r.get(11)?,
                    aliases: aliases.query_map([oid], |a| a.get(0))?.collect::<Result<_, _>>()?,
                    known: !r.get::<_, bool>(14)?,
                    country: r.get(12)?,
                    kind: r.get(13)?,
                },
                None => OrganizationRef {
                    id: String::new(),
                    name: String::new(),
                    aliases: vec![],
                    known: false,
                    country: None,
                    kind: None,
                },
            };
            let mut srcs = Vec::new();
            let mut blocks = (0usize, 0usize);
            let mut q = sources.query([id])?;
            while let Some(x) = q.next()? {
                if srcs.is_empty() {
                    blocks = (x.get::<_, i64>(6)? as usize, x.get::<_, i64>(7)? as usize);
                }
                srcs.push(SourceRef {
                    document_id: x.get(0)?,
                    origin: x.get(1)?,
                    url: x.get(2)?,
                    publication: x.get(3)?,
                    published: x.get(4)?,
                    position: x.get(5)?,
                    sender: x.get(8)?,
                });
            }
            let machine: String = r.get(17)?;
            let positions: Vec<Position> = serde_json::from_str(&machine)
                .map_err(|e| StoreError::Corrupt(format!("coding of statement {id}: {e}")))?;
            let positions = merge_decisions(positions, &mut decisions, id)?;
            let status: String = r.get(9)?;
            let co_signatories: String = r.get(16)?;
            let mut statement = Statement {
                organization,
                co_signatories: serde_json::from_str(&co_signatories)
                    .map_err(|e| StoreError::Corrupt(format!("co-signatories of statement {id}: {e}")))?,
                country: r.get(1)?,
                country_source: decode_json::<CountrySource>(r.get(2)?)?,
                date: r.get::<_, Option<String>>(3)?.as_deref().and_then(PartialDate::parse_iso),
                date_source: decode_json::<DateSource>(r.get(4)?)?,
                date_text: r.get(5)?,
                title: r.get(6)?,
                language: r.get(7)?,
                text: r.get(8)?,
                blocks,
                positions,
            };
            self.apply_edits(&mut edits, &mut aliases, id, &mut statement)?;
            f(StoredStatement {
                id,
                statement,
                status: status.parse().map_err(StoreError::Corrupt)?,
                organization_needs_review: org_row.is_some() && r.get::<_, bool>(14)?,
                sources: srcs,
                created_at: r.get(18)?,
                updated_at: r.get(19)?,
            })?;
        }
        Ok(())
    }
}

/// Which statements to read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Which {
    /// Every one, oldest first.
    All,
    /// The one with this id.
    One(i64),
    /// A page of those with a status, newest first.
    Status { status: Status, limit: usize, offset: usize },
}

/// A value as JSON text for the audit log.
fn to_json<T: serde::Serialize>(v: T) -> String {
    serde_json::to_string(&v).unwrap_or_else(|_| "null".into())
}

fn decode_json<T: serde::de::DeserializeOwned>(v: Option<String>) -> Result<Option<T>, StoreError> {
    v.map(|s| serde_json::from_str(&s).map_err(|e| StoreError::Corrupt(format!("{s}: {e}")))).transpose()
}

fn encode_json<T: serde::Serialize>(v: &Option<T>) -> Option<String> {
    v.as_ref().and_then(|x| serde_json::to_string(x).ok())
}

/// Stores one statement of a document: the statement with the same words if there is one
/// (its reading refreshed when `refresh`: metadata and machine coding, never editors'
/// decisions), else a new one with `status`; then links it to the document. Returns its id
/// and whether it is new.
fn put_statement(
    tx: &Transaction<'_>,
    document_id: i64,
    position: usize,
    s: &Statement,
    status: Status,
    now: &str,
    refresh: bool,
) -> Result<(i64, bool), StoreError> {
    let organization_id = upsert_organization(tx, &s.organization, now)?;
    let fp = statement_fingerprint(&s.text);
    let known: Option<i64> = tx
        .prepare_cached("SELECT id FROM statements WHERE fingerprint = ?1")?
        .query_row([&fp], |r| r.get(0))
        .optional()?;
    let (id, new) = match known {
        Some(id) => {
            if refresh {
                tx.prepare_cached(
                    // `updated_at` moves only when the reading changed: a reprocess that
                    // reads the same is no change to a statement.
                    "UPDATE statements SET
                       updated_at = CASE WHEN organization_id IS ?2 AND country IS ?3 AND country_source IS ?4
                         AND date IS ?5 AND date_source IS ?6 AND date_text IS ?7 AND title IS ?8 AND language IS ?9
                         AND co_signatories IS ?10 AND machine_positions IS ?12 THEN updated_at ELSE ?11 END,
                       organization_id = ?2, country = ?3, country_source = ?4, date = ?5, date_source = ?6,
                       date_text = ?7, title = ?8, language = ?9, co_signatories = ?10, machine_positions = ?12
                     WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    organization_id,
                    s.country,
                    encode_json(&s.country_source),
                    s.date.map(|d| d.to_string()),
                    encode_json(&s.date_source),
                    s.date_text,
                    s.title,
                    s.language,
                    serde_json::to_string(&s.co_signatories).unwrap_or_else(|_| "[]".into()),
                    now,
                    positions_json(s)?
                ])?;
            }
            (id, false)
        }
        None => (insert_statement(tx, s, &fp, organization_id, status, now)?, true),
    };
    tx.prepare_cached(
        "INSERT OR REPLACE INTO sources (statement_id, document_id, position, block_start, block_end) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, document_id, position as i64, s.blocks.0 as i64, s.blocks.1 as i64])?;
    Ok((id, new))
}

/// The organization's row id, creating it (flagged for review when the registry does not
/// know it) or adding the aliases seen this time.
fn upsert_organization(tx: &Transaction<'_>, org: &OrganizationRef, now: &str) -> Result<Option<i64>, StoreError> {
    if org.id.is_empty() {
        return Ok(None);
    }
    // An organization merged into another by an editor stays merged.
    let existing: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM organizations WHERE slug = ?1 UNION ALL SELECT into_id FROM organization_merges WHERE slug = ?1 LIMIT 1",
        )?
        .query_row([&org.id], |r| r.get(0))
        .optional()?;
    let id = match existing {
        Some(id) => id,
        None => {
            tx.prepare_cached("INSERT INTO organizations (slug, name, country, kind, needs_review, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
                .execute(params![org.id, org.name, org.country, org.kind, !org.known, now])?;
            tx.last_insert_rowid()
        }
    };
    let mut add =
        tx.prepare_cached("INSERT OR IGNORE INTO organization_aliases (organization_id, alias) VALUES (?1, ?2)")?;
    for a in &org.aliases {
        add.execute(params![id, a])?;
    }
    Ok(Some(id))
}

fn insert_statement(
    tx: &Transaction<'_>,
    s: &Statement,
    fp: &str,
    organization_id: Option<i64>,
    status: Status,
    now: &str,
) -> Result<i64, StoreError> {
    tx.prepare_cached(
        "INSERT INTO statements (fingerprint, organization_id, country, country_source, date, date_source, date_text, title, language, text, status, created_at, updated_at, co_signatories, machine_positions)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14)",
    )?
    .execute(params![
        fp,
        organization_id,
        s.country,
        encode_json(&s.country_source),
        s.date.map(|d| d.to_string()),
        encode_json(&s.date_source),
        s.date_text,
        s.title,
        s.language,
        s.text,
        status.as_str(),
        now,
        serde_json::to_string(&s.co_signatories).unwrap_or_else(|_| "[]".into()),
        positions_json(s)?
    ])?;
    Ok(tx.last_insert_rowid())
}

/// A statement's machine coding as stored: one JSON value, written in one go.
fn positions_json(s: &Statement) -> Result<String, StoreError> {
    serde_json::to_string(&s.positions).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// The machine's positions with the editors' latest decisions applied: rejected codes go,
/// confirmed and added ones carry the editor's evidence and name.
fn merge_decisions(
    mut positions: Vec<Position>,
    decisions: &mut rusqlite::Statement<'_>,
    id: i64,
) -> Result<Vec<Position>, StoreError> {
    type Row = (String, String, String, String, String);
    let rows = decisions.query_map([id], |r| -> rusqlite::Result<Row> {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })?;
    for row in rows {
        let (code, decision, ev, editor, at) = row?;
        let evidence: Vec<Evidence> = serde_json::from_str(&ev)
            .map_err(|e| StoreError::Corrupt(format!("editor evidence of statement {id}: {e}")))?;
        let existing = positions.iter().position(|p| p.code == code);
        let decided = match decision.as_str() {
            "reject" => {
                positions.retain(|p| p.code != code);
                continue;
            }
            "confirm" => Decided::Confirmed { editor, at },
            "add" => Decided::Added { editor, at },
            other => return Err(StoreError::Corrupt(format!("unknown decision `{other}`"))),
        };
        // A confirmation without evidence of its own keeps the machine's.
        let evidence = match existing {
            Some(i) if evidence.is_empty() => positions[i].evidence.clone(),
            _ => evidence,
        };
        let p = Position { code, evidence, decided };
        match existing {
            Some(i) => positions[i] = p,
            None => positions.push(p),
        }
    }
    Ok(positions)
}

#[cfg(test)]
pub(crate) mod tests {
    use stances_core::PageMeta;

    use super::*;

    pub(crate) fn statement(org: &str, text: &str) -> Statement {
        Statement {
            organization: OrganizationRef {
                id: stances_core::slugify(org),
                name: org.into(),
                aliases: vec!["PL".into()],
                known: false,
                country: None,
                kind: None,
            },
            co_signatories: vec!["Other League".into()],
            country: Some("France".into()),
            country_source: Some(CountrySource::Text("in France".into())),
            date: PartialDate::ymd(2022, 3, 1),
            date_source: Some(DateSource::Dateline),
            date_text: Some("March 1".into()),
            title: Some("No to war".into()),
            language: Some("en".into()),
            text: text.into(),
            blocks: (1, 4),
            positions: vec![],
        }
    }

    static NO_GIVEN: stances_core::Given =
        stances_core::Given { source_url: None, published: None, organization: None, title: None, sender: None };

    pub(crate) fn doc<'a>(bytes: &'a [u8], meta: &'a PageMeta) -> NewDocument<'a> {
        NewDocument { bytes, content_type: "text/plain", origin: "a.txt", meta, given: &NO_GIVEN }
    }

    #[test]
    fn same_document_twice_adds_nothing() {
        let mut s = SqliteStore::in_memory().expect("store");
        let meta = PageMeta::default();
        let st = [statement("Peace League", "We condemn the war.")];
        let first = s.ingest(&doc(b"page one", &meta), &st, Status::Published).expect("ingest");
        assert_eq!(first, IngestOutcome { new_document: true, statements_new: 1, statements_known: 0 });
        let counter = s.change_counter().expect("counter");
        assert!(counter > 0);
        let again = s.ingest(&doc(b"page one", &meta), &st, Status::Published).expect("ingest");
        assert_eq!(again, IngestOutcome::default());
        assert_eq!(s.change_counter().expect("counter"), counter, "nothing changed");
        s.ingest(&doc(b"page two", &meta), &st, Status::Published).expect("ingest");
        assert!(s.change_counter().expect("counter") > counter, "a new source is a change");
        let stored = s.statement(1).expect("read").expect("statement");
        assert!(stored.created_at.starts_with("20") && stored.updated_at >= stored.created_at);
        assert_eq!(s.counts().expect("counts"), Counts { documents: 2, statements: 1, organizations: 1, sources: 2 });
    }

    #[test]
    fn same_statement_in_two_documents_has_two_sources() {
        let mut s = SqliteStore::in_memory().expect("store");
        let meta = PageMeta { source_url: Some("https://example.org/b".into()), ..Default::default() };
        s.ingest(
            &doc(b"page one", &PageMeta::default()),
            &[statement("Peace League", "We condemn the war.")],
            Status::Published,
        )
        .expect("ingest");
        let out = s
            .ingest(&doc(b"page two", &meta), &[statement("Peace League", "We condemn  the war!")], Status::Published)
            .expect("ingest");
        assert_eq!(out.statements_known, 1);
        let mut all = Vec::new();
        s.for_each_statement(&mut |st| {
            all.push(st);
            Ok(())
        })
        .expect("read");
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].sources.len(), 2);
        assert_eq!(all[0].sources[1].url.as_deref(), Some("https://example.org/b"));
        let st = &all[0].statement;
        assert_eq!(st.date.map(|d| d.to_string()).as_deref(), Some("2022-03-01"));
        assert_eq!(st.country_source, Some(CountrySource::Text("in France".into())));
        assert_eq!(st.organization.aliases, vec!["PL".to_string()]);
        assert!(all[0].organization_needs_review);
    }

    #[test]
    fn reopening_keeps_data_and_schema() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.db");
        {
            let mut s = SqliteStore::open(&path).expect("open");
            s.ingest(&doc(b"x", &PageMeta::default()), &[statement("Peace League", "Text.")], Status::Pending)
                .expect("ingest");
        }
        let s = SqliteStore::open(&path).expect("reopen");
        assert_eq!(s.counts().expect("counts").statements, 1);
        let v: i64 = s.connection().pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
        assert_eq!(v, 4, "every migration applied");
    }

    fn coded(org: &str, text: &str, codes: &[&str]) -> Statement {
        let mut s = statement(org, text);
        s.positions = codes
            .iter()
            .map(|c| Position::machine(*c, vec![Evidence { start: 0, end: 2, text: "We".into() }]))
            .collect();
        s
    }

    fn codes_of(s: &SqliteStore, id: i64) -> Vec<(String, bool)> {
        let st = s.statement(id).expect("read").expect("exists");
        st.statement.positions.iter().map(|p| (p.code.clone(), p.decided.is_machine())).collect()
    }

    #[test]
    fn editor_decisions_merge_and_survive_reprocessing() {
        let mut s = SqliteStore::in_memory().expect("store");
        let meta = PageMeta::default();
        s.ingest(
            &doc(b"page", &meta),
            &[coded("Peace League", "We condemn the war.", &["ceasefire", "nato_disband"])],
            Status::Published,
        )
        .expect("ingest");
        s.decide(1, "nato_disband", Decision::Reject, &[], "ed").expect("reject");
        s.decide(1, "ceasefire", Decision::Confirm, &[], "ed").expect("confirm");
        let ev = [Evidence { start: 3, end: 10, text: "condemn".into() }];
        s.decide(1, "condemn_invasion", Decision::Add, &ev, "ed").expect("add");
        assert_eq!(codes_of(&s, 1), [("ceasefire".to_string(), false), ("condemn_invasion".to_string(), false)]);

        // A new codebook finds other codes: the machine's coding changes, the editor's stays.
        let again = coded("Peace League", "We condemn the war.", &["nato_disband", "negotiations"]);
        let out = s.reprocess(1, &meta, &[again], Status::Pending).expect("reprocess");
        assert_eq!(out.statements_known, 1);
        assert_eq!(
            codes_of(&s, 1),
            [
                ("negotiations".to_string(), true),
                ("ceasefire".to_string(), false),
                ("condemn_invasion".to_string(), false)
            ]
        );
        assert!(matches!(s.decide(99, "ceasefire", Decision::Confirm, &[], "ed"), Err(StoreError::NotFound(_))));
    }

    #[test]
    fn reprocessing_moves_sources_to_what_the_document_now_yields() {
        let mut s = SqliteStore::in_memory().expect("store");
        let meta = PageMeta::default();
        s.ingest(&doc(b"page", &meta), &[statement("Peace League", "Old reading.")], Status::Published)
            .expect("ingest");
        let out =
            s.reprocess(1, &meta, &[statement("Peace League", "New reading.")], Status::Pending).expect("reprocess");
        assert_eq!(out.statements_new, 1);
        let mut seen = Vec::new();
        s.for_each_statement(&mut |st| {
            seen.push((st.statement.text.clone(), st.sources.len(), st.status));
            Ok(())
        })
        .expect("read");
        assert_eq!(
            seen,
            [("Old reading.".to_string(), 0, Status::Published), ("New reading.".to_string(), 1, Status::Pending)]
        );
        assert_eq!(s.document_ids().expect("ids"), [1]);
        assert_eq!(s.document(1).expect("read").map(|d| d.bytes), Some(b"page".to_vec()));
        assert!(s.document(2).expect("read").is_none());
    }
}
