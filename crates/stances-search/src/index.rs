//! The index: its schema (one stemmed text field per language), building it from the
//! statements, and the change counter it was built at.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};

use serde::{Deserialize, Serialize};

use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};
use thiserror::Error;

/// A search that failed.
#[derive(Debug, Error)]
pub enum SearchError {
    /// The index could not be opened, written or read.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index folder could not be used.
    #[error("search index folder {path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// One statement as the index sees it.
#[derive(Debug, Clone, Default)]
pub struct SearchDoc {
    /// Its id in the store.
    pub id: i64,
    /// Its title, if any.
    pub title: Option<String>,
    /// Its text.
    pub text: String,
    /// The organization's canonical name.
    pub organization: String,
    /// The organization's slug.
    pub organization_id: String,
    /// Other names of the organization.
    pub aliases: Vec<String>,
    /// English country name.
    pub country: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// The year of its date.
    pub year: Option<i32>,
    /// Its date as a sortable number (YYYYMMDD, missing parts as zero).
    pub date_key: u64,
    /// The codes of the positions it takes.
    pub positions: Vec<String>,
}

/// What each statement is counted under in facet counts, with every value interned.
/// Kept beside the index (in memory and in `facets.json`): counting from tantivy's facet
/// dictionary decompresses a block per value, far too slow for thousands of organizations,
/// and counting strings in a hash map is slow too; this is arrays and integers.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct FacetTable {
    /// The values of each kind, by number: country, organization, position, language, year.
    pub values: [Vec<String>; 5],
    /// By statement id: the value numbers of its country, organization, language and year
    /// ([`NONE`] when missing), and of its positions.
    pub rows: Vec<Option<([u32; 4], Vec<u32>)>>,
}

/// No value.
pub(crate) const NONE: u32 = u32::MAX;

impl FacetTable {
    fn build(docs: &[SearchDoc]) -> Self {
        let mut t = FacetTable::default();
        let mut seen: [HashMap<String, u32>; 5] = Default::default();
        let mut intern = |t: &mut FacetTable, kind: usize, v: Option<String>| -> u32 {
            let Some(v) = v.filter(|v| !v.is_empty()) else { return NONE };
            *seen[kind].entry(v.clone()).or_insert_with(|| {
                t.values[kind].push(v);
                (t.values[kind].len() - 1) as u32
            })
        };
        for d in docs {
            let Ok(id) = usize::try_from(d.id) else { continue };
            let single = [
                intern(&mut t, 0, d.country.clone()),
                intern(&mut t, 1, Some(d.organization_id.clone())),
                intern(&mut t, 3, d.language.clone()),
                intern(&mut t, 4, d.year.map(|y| y.to_string())),
            ];
            let positions = d.positions.iter().map(|p| intern(&mut t, 2, Some(p.clone()))).collect();
            if t.rows.len() <= id {
                t.rows.resize(id + 1, None);
            }
            t.rows[id] = Some((single, positions));
        }
        t
    }
}

/// The languages with a stemmer: the codebook's languages.
pub(crate) const STEMMED: &[(&str, Language)] = &[
    ("en", Language::English),
    ("fr", Language::French),
    ("es", Language::Spanish),
    ("de", Language::German),
    ("it", Language::Italian),
    ("pt", Language::Portuguese),
];

/// The index's fields.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    pub id: Field,
    pub date_key: Field,
    /// One body field (title, organization and text) per stemmed language, then one for
    /// every other language, unstemmed.
    pub bodies: Vec<(Option<&'static str>, Field)>,
    pub names: Field,
    pub facets: Field,
}

impl Fields {
    /// The body field for a statement in `language`.
    pub fn body_for(&self, language: Option<&str>) -> Field {
        self.bodies
            .iter()
            .find(|(l, _)| l.is_some() && *l == language)
            .map_or(self.bodies[self.bodies.len() - 1].1, |b| b.1)
    }
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let id = b.add_u64_field("id", INDEXED | STORED | FAST);
    let date_key = b.add_u64_field("date_key", INDEXED | FAST);
    let text_options = |tokenizer: &str| {
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored()
    };
    let mut bodies: Vec<(Option<&'static str>, Field)> = STEMMED
        .iter()
        .map(|(l, _)| (Some(*l), b.add_text_field(&format!("body_{l}"), text_options(&format!("stem_{l}")))))
        .collect();
    bodies.push((None, b.add_text_field("body_other", text_options("plain"))));
    let names = b.add_text_field(
        "names",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("plain")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    let facets = b.add_facet_field("facets", FacetOptions::default());
    (b.build(), Fields { id, date_key, bodies, names, facets })
}

fn register_tokenizers(index: &Index) {
    let base = || {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
    };
    index.tokenizers().register("plain", base().build());
    for (l, lang) in STEMMED {
        index.tokenizers().register(&format!("stem_{l}"), base().filter(Stemmer::new(*lang)).build());
    }
}

/// The search index, on disk beside the database or in memory.
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    folder: Option<PathBuf>,
    memory_counter: Mutex<Option<i64>>,
    pub(crate) facets: RwLock<FacetTable>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("folder", &self.folder).finish_non_exhaustive()
    }
}

const COUNTER_FILE: &str = "stances-change-counter";
const FACETS_FILE: &str = "facets.json";

impl SearchIndex {
    /// Opens the index in `folder`, creating it (and the folder) when missing. An index of
    /// another schema (an older version of stances) is replaced by an empty one.
    pub fn open(folder: &Path) -> Result<Self, SearchError> {
        let io = |source| SearchError::Folder { path: folder.to_path_buf(), source };
        std::fs::create_dir_all(folder).map_err(io)?;
        let (schema, fields) = schema();
        let index = match Index::open_in_dir(folder) {
            Ok(i) if i.schema() == schema => i,
            _ => {
                for entry in std::fs::read_dir(folder).map_err(io)?.flatten() {
                    let p = entry.path();
                    let removed = if p.is_dir() { std::fs::remove_dir_all(&p) } else { std::fs::remove_file(&p) };
                    removed.map_err(io)?;
                }
                Index::create_in_dir(folder, schema)?
            }
        };
        Self::with_index(index, fields, Some(folder.to_path_buf()))
    }

    /// An index in memory (tests, the demo).
    pub fn in_memory() -> Result<Self, SearchError> {
        let (schema, fields) = schema();
        Self::with_index(Index::create_in_ram(schema), fields, None)
    }

    fn with_index(index: Index, fields: Fields, folder: Option<PathBuf>) -> Result<Self, SearchError> {
        register_tokenizers(&index);
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let rows = folder
            .as_ref()
            .and_then(|f| std::fs::read(f.join(FACETS_FILE)).ok())
            .and_then(|b| serde_json::from_slice::<FacetTable>(&b).ok());
        if let (Some(f), None) = (&folder, &rows) {
            // Without its facets the index cannot be trusted: have it rebuilt.
            let _ = std::fs::remove_file(f.join(COUNTER_FILE));
        }
        Ok(Self {
            index,
            reader,
            fields,
            folder,
            memory_counter: Mutex::new(None),
            facets: RwLock::new(rows.unwrap_or_default()),
        })
    }

    /// The store's change counter the index was last built at, if it was built.
    pub fn counter(&self) -> Option<i64> {
        match &self.folder {
            Some(f) => std::fs::read_to_string(f.join(COUNTER_FILE)).ok().and_then(|s| s.trim().parse().ok()),
            None => *self.memory_counter.lock().unwrap_or_else(|e| e.into_inner()),
        }
    }

    /// Replaces the whole index with `docs`, built at the store's change `counter`.
    pub fn rebuild(&self, docs: impl IntoIterator<Item = SearchDoc>, counter: i64) -> Result<usize, SearchError> {
        let mut writer: tantivy::IndexWriter<TantivyDocument> = self.index.writer(50_000_000)?;
        writer.delete_all_documents()?;
        let docs: Vec<SearchDoc> = docs.into_iter().collect();
        for d in &docs {
            writer.add_document(self.document(d))?;
        }
        let n = docs.len();
        let rows = FacetTable::build(&docs);
        writer.commit()?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        match &self.folder {
            Some(f) => {
                let io = |source| SearchError::Folder { path: f.clone(), source };
                let json = serde_json::to_vec(&rows).unwrap_or_default();
                std::fs::write(f.join(FACETS_FILE), json).map_err(io)?;
                std::fs::write(f.join(COUNTER_FILE), counter.to_string()).map_err(io)?;
            }
            None => *self.memory_counter.lock().unwrap_or_else(|e| e.into_inner()) = Some(counter),
        }
        *self.facets.write().unwrap_or_else(|e| e.into_inner()) = rows;
        Ok(n)
    }

    fn document(&self, d: &SearchDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::new();
        doc.add_u64(f.id, d.id.max(0) as u64);
        doc.add_u64(f.date_key, d.date_key);
        let mut body = String::new();
        if let Some(t) = &d.title {
            body.push_str(t);
            body.push('\n');
        }
        body.push_str(&d.text);
        doc.add_text(f.body_for(d.language.as_deref()), &body);
        doc.add_text(f.names, &d.organization);
        for a in &d.aliases {
            doc.add_text(f.names, a);
        }
        let mut facet = |root: &str, value: &str| {
            if !value.is_empty() {
                doc.add_facet(f.facets, Facet::from_path([root, value]));
            }
        };
        if let Some(c) = &d.country {
            facet("country", c);
        }
        facet("organization", &d.organization_id);
        if let Some(l) = &d.language {
            facet("language", l);
        }
        if let Some(y) = d.year {
            facet("year", &y.to_string());
        }
        for p in &d.positions {
            facet("position", p);
        }
        doc
    }
}
