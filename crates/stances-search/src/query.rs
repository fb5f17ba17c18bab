//! Searching: a query in the usual syntax (words, "phrases", OR, -excluded), facet filters,
//! the hits with highlighted snippets, and the facet counts of everything that matched.

use std::ops::Bound;
use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::columnar::Column;

use tantivy::query::{AllQuery, BooleanQuery, Occur, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Order, Score, SegmentReader, TantivyDocument, Term};

use crate::index::{SearchError, SearchIndex, NONE};

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// The words; empty for every statement (then newest first).
    pub text: String,
    /// Only statements from this country (English name).
    pub country: Option<String>,
    /// Only this organization (its slug).
    pub organization: Option<String>,
    /// Only statements taking this position (its code).
    pub position: Option<String>,
    /// Only statements in this language (ISO 639-1).
    pub language: Option<String>,
    /// Only statements of this year.
    pub year: Option<i32>,
    /// Only statements dated from this key on (YYYYMMDD, missing parts as zero).
    pub from_key: Option<u64>,
    /// Only statements dated up to this key.
    pub to_key: Option<u64>,
    /// How many hits at most (20 when zero).
    pub limit: usize,
    /// How many hits to skip (for the next pages).
    pub offset: usize,
}

/// One statement found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Its id in the store.
    pub id: i64,
    /// How well it matched.
    pub score: f32,
    /// A passage with the hits highlighted: HTML, the text escaped, hits in `<b>`.
    pub snippet: String,
}

/// How many matching statements have one facet value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    /// The value (a country, an organization slug, a position code, a language, a year).
    pub value: String,
    /// How many matching statements have it.
    pub count: u64,
}

/// The facet counts of everything that matched, most frequent first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// By country.
    pub country: Vec<FacetCount>,
    /// By organization slug.
    pub organization: Vec<FacetCount>,
    /// By position code.
    pub position: Vec<FacetCount>,
    /// By language.
    pub language: Vec<FacetCount>,
    /// By year.
    pub year: Vec<FacetCount>,
}

/// What a search found.
#[derive(Debug, Clone, Default)]
pub struct Results {
    /// How many statements matched in all.
    pub total: usize,
    /// The hits asked for.
    pub hits: Vec<Hit>,
    /// Facet counts over every match.
    pub facets: Facets,
}

/// Collects the statement ids of every match (for the total and the facet counts).
struct Ids;

struct SegmentIds {
    column: Column<u64>,
    ids: Vec<u64>,
}

impl Collector for Ids {
    type Fruit = Vec<u64>;
    type Child = SegmentIds;

    fn for_segment(&self, _: u32, segment: &SegmentReader) -> tantivy::Result<SegmentIds> {
        Ok(SegmentIds { column: segment.fast_fields().u64("id")?, ids: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u64>>) -> tantivy::Result<Vec<u64>> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentIds {
    type Fruit = Vec<u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(id) = self.column.first(doc) {
            self.ids.push(id);
        }
    }

    fn harvest(self) -> Vec<u64> {
        self.ids
    }
}

impl SearchIndex {
    /// Runs a query. Words are searched in titles, texts and organization names, stemmed
    /// in each statement's language; a query that does not parse is read leniently.
    pub fn search(&self, q: &Query) -> Result<Results, SearchError> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let mut fields: Vec<_> = f.bodies.iter().map(|b| b.1).collect();
        fields.push(f.names);
        let mut parser = QueryParser::for_index(&self.index, fields);
        parser.set_conjunction_by_default();
        let text_query: Box<dyn tantivy::query::Query> =
            if q.text.trim().is_empty() { Box::new(AllQuery) } else { parser.parse_query_lenient(&q.text).0 };
        let mut clauses: Vec<(Occur, Box<dyn tantivy::query::Query>)> = vec![(Occur::Must, text_query.box_clone())];
        let filters = [
            ("country", q.country.clone()),
            ("organization", q.organization.clone()),
            ("position", q.position.clone()),
            ("language", q.language.clone()),
            ("year", q.year.map(|y| y.to_string())),
        ];
        for (root, value) in filters {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                let term = Term::from_facet(f.facets, &Facet::from_path([root, v.as_str()]));
                clauses.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
            }
        }
        if q.from_key.is_some() || q.to_key.is_some() {
            let bound =
                |k: Option<u64>| k.map_or(Bound::Unbounded, |k| Bound::Included(Term::from_field_u64(f.date_key, k)));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(bound(q.from_key), bound(q.to_key)))));
        }
        let query = BooleanQuery::new(clauses);
        let limit = if q.limit == 0 { 20 } else { q.limit };
        let (addresses, matched): (Vec<(f32, DocAddress)>, Vec<u64>) = if q.text.trim().is_empty() {
            let by_date =
                TopDocs::with_limit(limit).and_offset(q.offset).order_by_fast_field::<u64>("date_key", Order::Desc);
            let (docs, matched) = searcher.search(&query, &(by_date, Ids))?;
            (docs.into_iter().map(|(_, a)| (0.0, a)).collect(), matched)
        } else {
            searcher.search(&query, &(TopDocs::with_limit(limit).and_offset(q.offset), Ids))?
        };
        let total = matched.len();
        let mut generators: Vec<Option<SnippetGenerator>> = f.bodies.iter().map(|_| None).collect();
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let doc: TantivyDocument = searcher.doc(address)?;
            let id = doc.get_first(f.id).and_then(|v| v.as_u64()).unwrap_or(0) as i64;
            let body = f.bodies.iter().enumerate().find_map(|(k, (_, field))| {
                doc.get_first(*field).and_then(|v| v.as_str()).map(|t| (k, *field, t.to_string()))
            });
            let snippet = match body {
                Some((k, field, text)) if !q.text.trim().is_empty() => {
                    if generators[k].is_none() {
                        let mut g = SnippetGenerator::create(&searcher, &*text_query, field)?;
                        g.set_max_num_chars(240);
                        generators[k] = Some(g);
                    }
                    let html = generators[k].as_ref().map(|g| g.snippet_from_doc(&doc).to_html()).unwrap_or_default();
                    if html.is_empty() {
                        opening(&text)
                    } else {
                        html
                    }
                }
                Some((_, _, text)) => opening(&text),
                None => String::new(),
            };
            hits.push(Hit { id, score, snippet });
        }
        Ok(Results { total, hits, facets: self.count_facets(&matched) })
    }

    /// The facet counts of the matched statements, from the table kept beside the index.
    fn count_facets(&self, matched: &[u64]) -> Facets {
        let table = self.facets.read().unwrap_or_else(|e| e.into_inner());
        let mut counts: Vec<Vec<u64>> = table.values.iter().map(|v| vec![0; v.len()]).collect();
        for id in matched {
            let Some(Some((single, positions))) = table.rows.get(*id as usize) else { continue };
            for (kind, v) in [0usize, 1, 3, 4].into_iter().zip(single) {
                if *v != NONE {
                    counts[kind][*v as usize] += 1;
                }
            }
            for p in positions {
                counts[2][*p as usize] += 1;
            }
        }
        let list = |kind: usize| {
            let mut v: Vec<FacetCount> = counts[kind]
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(i, n)| FacetCount { value: table.values[kind][i].clone(), count: *n })
                .collect();
            v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            v
        };
        Facets { country: list(0), organization: list(1), position: list(2), language: list(3), year: list(4) }
    }
}

/// The first words of a text, escaped, for a hit with nothing to highlight.
fn opening(text: &str) -> String {
    let cut: String = text.chars().take(240).collect();
    let mut out = stances_core::escape_html(&cut);
    if cut.len() < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SearchDoc;

    fn doc(id: i64, lang: &str, country: &str, org: &str, year: i32, text: &str, positions: &[&str]) -> SearchDoc {
        SearchDoc {
            id,
            title: Some(format!("Statement {id}")),
            text: text.to_string(),
            organization: org.to_string(),
            organization_id: org.to_lowercase().replace(' ', "-"),
            aliases: vec![],
            country: Some(country.to_string()),
            language: Some(lang.to_string()),
            year: Some(year),
            date_key: (year as u64) * 10_000 + id as u64,
            positions: positions.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn index() -> SearchIndex {
        let idx = SearchIndex::in_memory().expect("index");
        idx.rebuild(
            vec![
                doc(
                    1,
                    "en",
                    "Australia",
                    "Harbour League",
                    2022,
                    "We call for negotiations and an immediate ceasefire.",
                    &["negotiations", "ceasefire"],
                ),
                doc(
                    2,
                    "fr",
                    "France",
                    "Collectif Paix",
                    2022,
                    "Nous exigeons des négociations de paix sérieuses.",
                    &["negotiations"],
                ),
                doc(
                    3,
                    "de",
                    "Germany",
                    "Friedensrat Nord",
                    2023,
                    "Wir fordern Verhandlungen und keine Waffenlieferungen.",
                    &["negotiations", "oppose_arms_deliveries"],
                ),
                doc(
                    4,
                    "en",
                    "Australia",
                    "Harbour League",
                    2023,
                    "Sanctions must hit the oligarchs, <script>alert(1)</script> not workers.",
                    &["support_sanctions"],
                ),
            ],
            7,
        )
        .expect("rebuild");
        idx
    }

    fn ids(r: &Results) -> Vec<i64> {
        let mut v: Vec<i64> = r.hits.iter().map(|h| h.id).collect();
        v.sort();
        v
    }

    #[test]
    fn words_are_stemmed_in_each_language() {
        let idx = index();
        assert_eq!(idx.counter(), Some(7));
        // "negotiation" finds "negotiations"; "négociation" the French plural, folded accents too.
        assert_eq!(ids(&idx.search(&Query { text: "negotiation".into(), ..Default::default() }).expect("search")), [1]);
        assert_eq!(ids(&idx.search(&Query { text: "negociation".into(), ..Default::default() }).expect("search")), [2]);
        assert_eq!(ids(&idx.search(&Query { text: "Verhandlung".into(), ..Default::default() }).expect("search")), [3]);
    }

    #[test]
    fn phrases_names_and_facets() {
        let idx = index();
        let phrase =
            idx.search(&Query { text: "\"immediate ceasefire\"".into(), ..Default::default() }).expect("phrase");
        assert_eq!(ids(&phrase), [1]);
        let wrong_order =
            idx.search(&Query { text: "\"ceasefire immediate\"".into(), ..Default::default() }).expect("phrase");
        assert!(wrong_order.hits.is_empty());
        let by_name = idx.search(&Query { text: "harbour league".into(), ..Default::default() }).expect("name");
        assert_eq!(ids(&by_name), [1, 4]);
        let all = idx.search(&Query::default()).expect("all");
        assert_eq!(all.total, 4);
        assert_eq!(all.hits[0].id, 4, "newest first without words");
        assert_eq!(all.facets.country[0], FacetCount { value: "Australia".into(), count: 2 });
        assert_eq!(all.facets.position[0], FacetCount { value: "negotiations".into(), count: 3 });
        let filtered = idx
            .search(&Query { position: Some("negotiations".into()), year: Some(2022), ..Default::default() })
            .expect("filtered");
        assert_eq!(ids(&filtered), [1, 2]);
        assert_eq!(filtered.facets.year, [FacetCount { value: "2022".into(), count: 2 }]);
        let ranged = idx
            .search(&Query { from_key: Some(2022_0002), to_key: Some(2023_0003), ..Default::default() })
            .expect("range");
        assert_eq!(ids(&ranged), [2, 3]);
    }

    #[test]
    fn snippets_highlight_hits_and_escape_the_text() {
        let idx = index();
        let r = idx.search(&Query { text: "oligarchs".into(), ..Default::default() }).expect("search");
        let s = &r.hits[0].snippet;
        assert!(s.contains("<b>oligarchs</b>"), "{s}");
        assert!(!s.contains("<script>") && s.contains("&lt;script&gt;"), "{s}");
        let browse =
            idx.search(&Query { organization: Some("harbour-league".into()), ..Default::default() }).expect("browse");
        assert!(browse.hits.iter().all(|h| !h.snippet.contains("<script>")));
    }

    #[test]
    fn an_index_on_disk_keeps_its_counter_and_its_documents() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let idx = SearchIndex::open(dir.path()).expect("open");
            assert_eq!(idx.counter(), None);
            idx.rebuild(vec![doc(9, "en", "Chile", "Andes Union", 2022, "We demand a ceasefire.", &[])], 3)
                .expect("rebuild");
        }
        let idx = SearchIndex::open(dir.path()).expect("reopen");
        assert_eq!(idx.counter(), Some(3));
        let r = idx.search(&Query { text: "ceasefire".into(), ..Default::default() }).expect("search");
        assert_eq!(ids(&r), [9]);
        assert_eq!(r.facets.country, [FacetCount { value: "Chile".into(), count: 1 }], "facets survive a restart");
        std::fs::remove_file(dir.path().join("facets.json")).expect("remove");
        assert_eq!(
            SearchIndex::open(dir.path()).expect("reopen").counter(),
            None,
            "without its facets it needs a rebuild"
        );
    }
}
