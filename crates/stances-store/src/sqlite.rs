//! The embedded store: one SQLite file in WAL mode.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use stances_core::{CountrySource, DateSource, OrganizationRef, PartialDate, Position, Statement, Status};

use crate::fingerprint::{document_hash, statement_fingerprint};
use crate::migrate::migrate;
use crate::{Counts, IngestOutcome, NewDocument, SourceRef, Store, StoreError, StoredStatement};

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

fn now() -> String {
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
            "INSERT INTO documents (sha256, bytes, content_type, origin, source_url, publication, published, title, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
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
            now
        ])?;
        let document_id = tx.last_insert_rowid();
        let mut outcome = IngestOutcome { new_document: true, ..Default::default() };
        for (position, s) in statements.iter().enumerate() {
            let organization_id = upsert_organization(&tx, &s.organization, &now)?;
            let fp = statement_fingerprint(&s.text);
            let known: Option<i64> = tx
                .prepare_cached("SELECT id FROM statements WHERE fingerprint = ?1")?
                .query_row([&fp], |r| r.get(0))
                .optional()?;
            let statement_id = match known {
                Some(id) => {
                    outcome.statements_known += 1;
                    id
                }
                None => {
                    outcome.statements_new += 1;
                    insert_statement(&tx, s, &fp, organization_id, status, &now)?
                }
            };
            tx.prepare_cached("INSERT OR IGNORE INTO sources (statement_id, document_id, position, block_start, block_end) VALUES (?1, ?2, ?3, ?4, ?5)")?
                .execute(params![statement_id, document_id, position as i64, s.blocks.0 as i64, s.blocks.1 as i64])?;
        }
        tx.prepare_cached("UPDATE changes SET counter = counter + 1 WHERE id = 1")?.execute([])?;
        tx.commit()?;
        Ok(outcome)
    }

    fn for_each_statement(
        &self,
        f: &mut dyn FnMut(StoredStatement) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.country, s.country_source, s.date, s.date_source, s.date_text, s.title, s.language, s.text, s.status,
                    o.slug, o.name, o.country, o.kind, o.needs_review, o.id, s.co_signatories
             FROM statements s LEFT JOIN organizations o ON o.id = s.organization_id ORDER BY s.id",
        )?;
        let mut aliases =
            self.conn.prepare("SELECT alias FROM organization_aliases WHERE organization_id = ?1 ORDER BY rowid")?;
        let mut sources = self.conn.prepare(
            "SELECT d.id, d.origin, d.source_url, d.publication, d.published, x.position, x.block_start, x.block_end
             FROM sources x JOIN documents d ON d.id = x.document_id WHERE x.statement_id = ?1 ORDER BY d.id, x.position",
        )?;
        let mut codes =
            self.conn.prepare("SELECT code, evidence FROM machine_codes WHERE statement_id = ?1 ORDER BY rowid")?;
        let mut rows = stmt.query([])?;
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
                });
            }
            let positions = codes
                .query_map([id], |c| Ok((c.get::<_, String>(0)?, c.get::<_, String>(1)?)))?
                .map(|row| {
                    let (code, ev) = row?;
                    let evidence = serde_json::from_str(&ev)
                        .map_err(|e| StoreError::Corrupt(format!("evidence of statement {id}: {e}")))?;
                    Ok(Position { code, evidence })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            let status: String = r.get(9)?;
            let co_signatories: String = r.get(16)?;
            let statement = Statement {
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
            f(StoredStatement {
                id,
                statement,
                status: status.parse().map_err(StoreError::Corrupt)?,
                organization_needs_review: org_row.is_some() && r.get::<_, bool>(14)?,
                sources: srcs,
            })?;
        }
        Ok(())
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
}

fn decode_json<T: serde::de::DeserializeOwned>(v: Option<String>) -> Result<Option<T>, StoreError> {
    v.map(|s| serde_json::from_str(&s).map_err(|e| StoreError::Corrupt(format!("{s}: {e}")))).transpose()
}

fn encode_json<T: serde::Serialize>(v: &Option<T>) -> Option<String> {
    v.as_ref().and_then(|x| serde_json::to_string(x).ok())
}

/// The organization's row id, creating it (flagged for review when the registry does not
/// know it) or adding the aliases seen this time.
fn upsert_organization(tx: &Transaction<'_>, org: &OrganizationRef, now: &str) -> Result<Option<i64>, StoreError> {
    if org.id.is_empty() {
        return Ok(None);
    }
    let existing: Option<i64> = tx
        .prepare_cached("SELECT id FROM organizations WHERE slug = ?1")?
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
        "INSERT INTO statements (fingerprint, organization_id, country, country_source, date, date_source, date_text, title, language, text, status, created_at, updated_at, co_signatories)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)",
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
        serde_json::to_string(&s.co_signatories).unwrap_or_else(|_| "[]".into())
    ])?;
    let id = tx.last_insert_rowid();
    let mut code =
        tx.prepare_cached("INSERT OR REPLACE INTO machine_codes (statement_id, code, evidence) VALUES (?1, ?2, ?3)")?;
    for p in &s.positions {
        let ev = serde_json::to_string(&p.evidence).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        code.execute(params![id, p.code, ev])?;
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use stances_core::PageMeta;

    use super::*;

    fn statement(org: &str, text: &str) -> Statement {
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

    fn doc<'a>(bytes: &'a [u8], meta: &'a PageMeta) -> NewDocument<'a> {
        NewDocument { bytes, content_type: "text/plain", origin: "a.txt", meta }
    }

    #[test]
    fn same_document_twice_adds_nothing() {
        let mut s = SqliteStore::in_memory().expect("store");
        let meta = PageMeta::default();
        let st = [statement("Peace League", "We condemn the war.")];
        let first = s.ingest(&doc(b"page one", &meta), &st, Status::Published).expect("ingest");
        assert_eq!(first, IngestOutcome { new_document: true, statements_new: 1, statements_known: 0 });
        let again = s.ingest(&doc(b"page one", &meta), &st, Status::Published).expect("ingest");
        assert_eq!(again, IngestOutcome::default());
        assert_eq!(s.counts().expect("counts"), Counts { documents: 1, statements: 1, organizations: 1, sources: 1 });
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
        assert_eq!(v, 1);
    }
}
