//! The editorial workflow on SQLite: queue pages, status changes, corrections kept apart
//! from the machine's reading, organization merges, and the audit log.

use rusqlite::{params, OptionalExtension, Transaction};
use stances_core::{slugify, CountrySource, DateSource, OrganizationRef, PartialDate, Statement, Status};

use super::{now, to_json, SqliteStore, Which};
use crate::{AuditEntry, Editorial, Field, OrganizationSummary, StoreError, StoredStatement};

/// Writes one audit entry.
pub(super) fn log(
    tx: &Transaction<'_>,
    statement_id: Option<i64>,
    editor: &str,
    action: &str,
    before: Option<String>,
    after: Option<String>,
    at: &str,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO audit_log (statement_id, editor, action, before, after, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![statement_id, editor, action, before, after, at])?;
    Ok(())
}

/// The slug of the organization an editor names: the one of that slug (renamed when the
/// editor respelled its name, the old spelling kept as an alias), the one it was merged
/// into, or a new one, reviewed.
fn name_organization(tx: &Transaction<'_>, name: &str, now: &str) -> Result<String, StoreError> {
    let slug = slugify(name);
    let own: Option<(i64, String)> = tx
        .query_row("SELECT id, name FROM organizations WHERE slug = ?1", [&slug], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((org, old)) = own {
        if old != name {
            tx.execute("UPDATE organizations SET name = ?2 WHERE id = ?1", params![org, name])?;
            tx.execute(
                "INSERT OR IGNORE INTO organization_aliases (organization_id, alias) VALUES (?1, ?2)",
                params![org, old],
            )?;
            tx.execute("UPDATE statements SET updated_at = ?2 WHERE organization_id = ?1", params![org, now])?;
        }
        return Ok(slug);
    }
    let merged: Option<String> = tx
        .query_row(
            "SELECT o.slug FROM organization_merges m JOIN organizations o ON o.id = m.into_id WHERE m.slug = ?1",
            [&slug],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(into) = merged {
        return Ok(into);
    }
    tx.execute(
        "INSERT INTO organizations (slug, name, needs_review, created_at) VALUES (?1, ?2, 0, ?3)",
        params![slug, name, now],
    )?;
    Ok(slug)
}

fn bump(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.prepare_cached("UPDATE changes SET counter = counter + 1 WHERE id = 1")?.execute([])?;
    Ok(())
}

impl SqliteStore {
    /// Applies an editor's latest corrections to a statement as read.
    pub(super) fn apply_edits(
        &self,
        edits: &mut rusqlite::Statement<'_>,
        aliases: &mut rusqlite::Statement<'_>,
        id: i64,
        s: &mut Statement,
    ) -> Result<(), StoreError> {
        let rows: Vec<(String, Option<String>)> =
            edits.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        for (field, value) in rows {
            match field.parse::<Field>().map_err(StoreError::Corrupt)? {
                Field::Title => s.title = value,
                Field::Country => {
                    s.country_source = value.as_ref().map(|_| CountrySource::Editor);
                    s.country = value;
                }
                Field::Date => {
                    s.date = value.as_deref().and_then(PartialDate::parse_iso);
                    s.date_source = s.date.map(|_| DateSource::Editor);
                    s.date_text = None;
                }
                Field::Organization => {
                    s.organization = match value {
                        Some(slug) => self.organization_ref(&slug, aliases)?.unwrap_or_default(),
                        None => OrganizationRef::default(),
                    }
                }
            }
        }
        Ok(())
    }

    /// An organization by slug, following merges.
    fn organization_ref(
        &self,
        slug: &str,
        aliases: &mut rusqlite::Statement<'_>,
    ) -> Result<Option<OrganizationRef>, StoreError> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT o.id, o.slug, o.name, o.country, o.kind, o.needs_review FROM organizations o
                 WHERE o.slug = ?1 OR o.id = (SELECT into_id FROM organization_merges WHERE slug = ?1) LIMIT 1",
            )?
            .query_row([slug], |r| {
                let org = OrganizationRef {
                    id: r.get(1)?,
                    name: r.get(2)?,
                    aliases: Vec::new(),
                    known: !r.get::<_, bool>(5)?,
                    country: r.get(3)?,
                    kind: r.get(4)?,
                };
                Ok((r.get::<_, i64>(0)?, org))
            })
            .optional()?;
        let Some((oid, mut org)) = row else { return Ok(None) };
        org.aliases = aliases.query_map([oid], |a| a.get(0))?.collect::<Result<_, _>>()?;
        Ok(Some(org))
    }

    fn require(&self, id: i64) -> Result<StoredStatement, StoreError> {
        use crate::Store;
        self.statement(id)?.ok_or_else(|| StoreError::NotFound(format!("statement {id}")))
    }
}

impl Editorial for SqliteStore {
    fn statements_with_status(
        &self,
        status: Status,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<StoredStatement>, StoreError> {
        let mut out = Vec::new();
        self.read_statements(Which::Status { status, limit, offset }, &mut |s| {
            out.push(s);
            Ok(())
        })?;
        Ok(out)
    }

    fn count_with_status(&self, status: Status) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM statements WHERE status = ?1", [status.as_str()], |r| r.get::<_, i64>(0))?
            as u64)
    }

    fn set_status(&mut self, id: i64, status: Status, editor: &str) -> Result<(), StoreError> {
        let current = self.require(id)?;
        if current.status == status {
            return Ok(());
        }
        let now = now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE statements SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, status.as_str(), now],
        )?;
        if status == Status::Published {
            tx.execute(
                "UPDATE organizations SET needs_review = 0 WHERE id = (SELECT organization_id FROM statements WHERE id = ?1)",
                [id],
            )?;
        }
        let action = match status {
            Status::Published => "approve",
            Status::Rejected => "reject",
            Status::Pending => "return to queue",
        };
        log(
            &tx,
            Some(id),
            editor,
            action,
            Some(to_json(current.status.as_str())),
            Some(to_json(status.as_str())),
            &now,
        )?;
        bump(&tx)?;
        tx.commit()?;
        Ok(())
    }

    fn edit(&mut self, id: i64, edits: &[(Field, Option<&str>)], editor: &str) -> Result<(), StoreError> {
        let current = self.require(id)?;
        let s = &current.statement;
        let mut changes = Vec::new();
        for &(field, value) in edits {
            let value = value.map(str::trim).filter(|v| !v.is_empty());
            let before = match field {
                Field::Organization => (!s.organization.name.is_empty()).then(|| s.organization.name.clone()),
                Field::Date => s.date.map(|d| d.to_string()),
                Field::Country => s.country.clone(),
                Field::Title => s.title.clone(),
            };
            if before.as_deref() == value {
                continue;
            }
            match (field, value) {
                (Field::Date, Some(v)) if PartialDate::parse_iso(v).is_none() => {
                    return Err(StoreError::Invalid(format!("`{v}` is not a date (YYYY-MM-DD or YYYY-MM)")));
                }
                (Field::Organization, Some(v)) if slugify(v).is_empty() => {
                    return Err(StoreError::Invalid(format!("`{v}` is not an organization name")));
                }
                _ => {}
            }
            changes.push((field, value, before));
        }
        if changes.is_empty() {
            return Ok(());
        }
        let now = now();
        let tx = self.conn.transaction()?;
        for (field, value, before) in changes {
            // An organization named by an editor: found by slug (or merge), else created as
            // reviewed; its own name respelled renames it.
            let stored = match (field, value) {
                (Field::Organization, Some(name)) => Some(name_organization(&tx, name, &now)?),
                (_, v) => v.map(str::to_string),
            };
            tx.execute(
                "INSERT INTO statement_edits (statement_id, field, value, editor, edited_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, field.as_str(), stored, editor, now],
            )?;
            log(
                &tx,
                Some(id),
                editor,
                &format!("edit {}", field.as_str()),
                Some(to_json(before)),
                Some(to_json(value)),
                &now,
            )?;
        }
        tx.execute("UPDATE statements SET updated_at = ?2 WHERE id = ?1", params![id, now])?;
        bump(&tx)?;
        tx.commit()?;
        Ok(())
    }

    fn merge_organizations(&mut self, from: &str, into: &str, editor: &str) -> Result<usize, StoreError> {
        if from == into {
            return Err(StoreError::Conflict("an organization cannot be merged into itself".into()));
        }
        let now = now();
        let tx = self.conn.transaction()?;
        let find = |slug: &str| -> Result<(i64, String), StoreError> {
            tx.query_row("SELECT id, name FROM organizations WHERE slug = ?1", [slug], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("organization {slug}")))
        };
        let (from_id, from_name) = find(from)?;
        let (into_id, into_name) = find(into)?;
        let moved: Vec<i64> = tx
            .prepare("SELECT id FROM statements WHERE organization_id = ?1 ORDER BY id")?
            .query_map([from_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        tx.execute(
            "UPDATE statements SET organization_id = ?2, updated_at = ?3 WHERE organization_id = ?1",
            params![from_id, into_id, now],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO organization_aliases (organization_id, alias) SELECT ?2, alias FROM organization_aliases WHERE organization_id = ?1",
            params![from_id, into_id],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO organization_aliases (organization_id, alias) VALUES (?1, ?2)",
            params![into_id, from_name],
        )?;
        // Editors' corrections and earlier merges that named `from` now name `into`.
        tx.execute(
            "UPDATE statement_edits SET value = ?2 WHERE field = 'organization' AND value = ?1",
            params![from, into],
        )?;
        tx.execute("UPDATE organization_merges SET into_id = ?2 WHERE into_id = ?1", params![from_id, into_id])?;
        tx.execute(
            "INSERT OR REPLACE INTO organization_merges (slug, into_id) VALUES (?1, ?2)",
            params![from, into_id],
        )?;
        tx.execute("DELETE FROM organizations WHERE id = ?1", [from_id])?;
        let before = Some(to_json(serde_json::json!({"slug": from, "name": from_name})));
        let after = Some(to_json(serde_json::json!({"slug": into, "name": into_name})));
        log(&tx, None, editor, "merge organizations", before.clone(), after.clone(), &now)?;
        for id in &moved {
            log(&tx, Some(*id), editor, "merge organizations", before.clone(), after.clone(), &now)?;
        }
        bump(&tx)?;
        tx.commit()?;
        Ok(moved.len())
    }

    fn organizations(&self) -> Result<Vec<OrganizationSummary>, StoreError> {
        let mut q = self.conn.prepare(
            "SELECT o.slug, o.name, o.needs_review, (SELECT count(*) FROM statements s WHERE s.organization_id = o.id)
             FROM organizations o ORDER BY o.name COLLATE NOCASE",
        )?;
        let rows = q.query_map([], |r| {
            Ok(OrganizationSummary {
                slug: r.get(0)?,
                name: r.get(1)?,
                needs_review: r.get(2)?,
                statements: r.get::<_, i64>(3)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn audit(&self, statement_id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_entries("WHERE statement_id = ?1 ORDER BY id", statement_id)
    }

    fn recent_changes(&self, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_entries("ORDER BY id DESC LIMIT ?1", limit as i64)
    }
}

impl SqliteStore {
    fn audit_entries(&self, filter: &str, arg: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let mut q = self
            .conn
            .prepare(&format!("SELECT id, statement_id, editor, action, before, after, at FROM audit_log {filter}"))?;
        let rows = q.query_map([arg], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                statement_id: r.get(1)?,
                editor: r.get(2)?,
                action: r.get(3)?,
                before: r.get(4)?,
                after: r.get(5)?,
                at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use stances_core::PageMeta;

    use super::super::tests::{doc, statement};
    use super::*;
    use crate::Store;

    fn store_with_two() -> SqliteStore {
        let mut s = SqliteStore::in_memory().expect("store");
        let meta = PageMeta { sender: Some("Jana <press@a.example>".into()), ..PageMeta::default() };
        s.ingest(&doc(b"one", &meta), &[statement("Peace League", "We call for peace.")], Status::Pending)
            .expect("ingest");
        s.ingest(&doc(b"two", &meta), &[statement("Peace Leage", "We call for talks.")], Status::Pending)
            .expect("ingest");
        s
    }

    #[test]
    fn the_queue_lists_pending_statements_newest_first_with_the_sender() {
        let s = store_with_two();
        let q = s.statements_with_status(Status::Pending, 10, 0).expect("queue");
        assert_eq!(q.iter().map(|x| x.id).collect::<Vec<_>>(), vec![2, 1]);
        assert_eq!(q[0].sources[0].sender.as_deref(), Some("Jana <press@a.example>"));
        assert_eq!(s.count_with_status(Status::Pending).expect("count"), 2);
        assert_eq!(s.statements_with_status(Status::Pending, 1, 1).expect("page")[0].id, 1);
    }

    #[test]
    fn approving_publishes_reviews_the_organization_and_is_audited() {
        let mut s = store_with_two();
        let before = s.change_counter().expect("counter");
        s.set_status(1, Status::Published, "ada").expect("approve");
        let st = s.statement(1).expect("read").expect("exists");
        assert_eq!(st.status, Status::Published);
        assert!(!st.organization_needs_review);
        assert!(s.change_counter().expect("counter") > before);
        let log = s.audit(1).expect("audit");
        assert_eq!(log.len(), 1);
        assert_eq!((log[0].editor.as_str(), log[0].action.as_str()), ("ada", "approve"));
        assert_eq!(log[0].before.as_deref(), Some("\"pending\""));
        assert_eq!(log[0].after.as_deref(), Some("\"published\""));
    }

    #[test]
    fn corrections_override_the_reading_and_survive_reprocessing() {
        let mut s = store_with_two();
        s.edit(1, &[(Field::Title, Some("Peace now"))], "ada").expect("title");
        s.edit(1, &[(Field::Date, Some("2022-03-05")), (Field::Country, Some("Belgium"))], "ada").expect("two");
        s.edit(1, &[(Field::Organization, Some("Peace Network"))], "ada").expect("org");
        // One invalid field and nothing is applied.
        let refused = s.edit(1, &[(Field::Title, Some("Never")), (Field::Date, Some("soon"))], "ada");
        assert!(matches!(refused, Err(StoreError::Invalid(_))));
        assert_eq!(s.statement(1).expect("read").expect("exists").statement.title.as_deref(), Some("Peace now"));
        // The machine reads the document again: the editor's values stay.
        s.reprocess(1, &PageMeta::default(), &[statement("Peace League", "We call for peace.")], Status::Pending)
            .expect("reprocess");
        let st = s.statement(1).expect("read").expect("exists").statement;
        assert_eq!(st.title.as_deref(), Some("Peace now"));
        assert_eq!(st.date.map(|d| d.to_string()).as_deref(), Some("2022-03-05"));
        assert_eq!(st.date_source, Some(DateSource::Editor));
        assert_eq!(st.country.as_deref(), Some("Belgium"));
        assert_eq!(st.organization.name, "Peace Network");
        let log = s.audit(1).expect("audit");
        assert_eq!(log.len(), 4);
        assert_eq!(log[0].before.as_deref(), Some("\"No to war\""));
        assert_eq!(log[0].after.as_deref(), Some("\"Peace now\""));
    }

    #[test]
    fn a_respelled_name_renames_its_organization_and_keeps_the_old_one_as_alias() {
        let mut s = store_with_two();
        s.edit(1, &[(Field::Organization, Some("Peace-League"))], "ada").expect("respell");
        let st = s.statement(1).expect("read").expect("exists").statement;
        assert_eq!((st.organization.id.as_str(), st.organization.name.as_str()), ("peace-league", "Peace-League"));
        assert!(st.organization.aliases.contains(&"Peace League".to_string()), "{:?}", st.organization.aliases);
        let orgs = s.organizations().expect("orgs");
        assert!(orgs.iter().any(|o| o.slug == "peace-league" && o.name == "Peace-League"));
    }

    #[test]
    fn a_merge_moves_statements_and_holds_for_later_readings() {
        let mut s = store_with_two();
        let moved = s.merge_organizations("peace-leage", "peace-league", "ada").expect("merge");
        assert_eq!(moved, 1);
        let st = s.statement(2).expect("read").expect("exists").statement;
        assert_eq!(st.organization.id, "peace-league");
        assert!(st.organization.aliases.contains(&"Peace Leage".to_string()));
        assert!(s.organizations().expect("orgs").iter().all(|o| o.slug != "peace-leage"));
        // A later document under the old spelling goes to the merged organization.
        s.ingest(
            &doc(b"three", &PageMeta::default()),
            &[statement("Peace Leage", "We call for aid.")],
            Status::Pending,
        )
        .expect("ingest");
        assert_eq!(s.statement(3).expect("read").expect("exists").statement.organization.id, "peace-league");
        assert!(s.audit(2).expect("audit").iter().any(|e| e.action == "merge organizations"));
        assert!(matches!(s.merge_organizations("peace-league", "peace-league", "ada"), Err(StoreError::Conflict(_))));
    }

    #[test]
    fn coding_decisions_are_audited() {
        let mut s = store_with_two();
        s.decide(1, "ceasefire", crate::Decision::Add, &[], "ada").expect("decide");
        let log = s.audit(1).expect("audit");
        assert_eq!(log[0].action, "code add ceasefire");
        assert_eq!(log[0].before, None);
    }
}
