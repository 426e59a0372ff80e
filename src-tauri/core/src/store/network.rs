//! The network of actors: accepted claims between two actors grouped into edges (one per
//! subject, object and relation) with how many claims, distinct sources and independent
//! sources (a group of copies of one story counting once) back each,
//! filtered for the graph view; and the claims with their passages behind one edge.

use super::{citations, claims, Store};
use crate::model::{Certainty, ClaimEvidence, Network, NetworkFilter, Relation};
use crate::Result;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter};
use std::collections::{HashMap, HashSet, VecDeque};

/// Certainties from the firmest; an edge shows the firmest of its claims.
const FIRMNESS: [Certainty; 5] =
    [Certainty::Asserted, Certainty::Reported, Certainty::Believed, Certainty::Alleged, Certainty::Denied];

fn list(values: impl IntoIterator<Item = &'static str>) -> Value {
    Value::Text(serde_json::to_string(&values.into_iter().collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into()))
}

struct Edge {
    from: i32,
    to: i32,
    relation: Relation,
    certainty: Certainty,
    claims: i32,
    sources: i32,
    independent: i32,
}

impl Store {
    /// Recomputes the edges the triggers noted as stale (migration 5), each once, in one
    /// transaction; `edges` then equals `edge_totals`.
    fn refresh_edges(&self) -> Result<()> {
        let stale: bool = self.conn.query_row("SELECT EXISTS (SELECT 1 FROM edges_stale)", [], |row| row.get(0))?;
        if !stale {
            return Ok(());
        }
        let refresh = |conn: &rusqlite::Connection| -> Result<()> {
            conn.execute_batch(
                "DELETE FROM edges WHERE (subject_id, object_id, relation) IN
                     (SELECT subject_id, object_id, relation FROM edges_stale);",
            )?;
            let keys: Vec<(i64, i64, String)> = conn
                .prepare("SELECT subject_id, object_id, relation FROM edges_stale")?
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut insert = conn.prepare_cached(
                "INSERT INTO edges SELECT * FROM edge_totals WHERE subject_id = ?1 AND object_id = ?2 AND relation = ?3",
            )?;
            for (subject, object, relation) in &keys {
                insert.execute(params![subject, object, relation])?;
            }
            conn.execute("DELETE FROM edges_stale", [])?;
            Ok(())
        };
        if self.conn.is_autocommit() {
            let tx = self.conn.unchecked_transaction()?;
            refresh(&tx)?;
            tx.commit()?;
        } else {
            refresh(&self.conn)?;
        }
        Ok(())
    }

    /// The network the filter asks for, as columns. Edges are ordered by the sources
    /// behind them (then claims), so that past [`Network::MAX_EDGES`] the weakest go.
    ///
    /// Read from `edges` (kept by triggers, see migration 5) unless the filter looks into
    /// the claims themselves (certainty, dates, a source), when the claims are grouped
    /// afresh. A focus is found first, on the edges, so that it costs what it shows.
    pub fn network(&self, filter: &NetworkFilter) -> Result<Network> {
        self.refresh_edges()?;
        let mut edges = self.edges_matching(filter)?;
        let omitted = edges.len().saturating_sub(Network::MAX_EDGES);
        edges.truncate(Network::MAX_EDGES);
        self.as_columns(&edges, filter.focus, omitted)
    }

    /// The edges the filter leaves, strongest first.
    fn edges_matching(&self, filter: &NetworkFilter) -> Result<Vec<Edge>> {
        let from = filter.from.as_deref().map(str::trim).filter(|d| !d.is_empty());
        let to = filter.to.as_deref().map(str::trim).filter(|d| !d.is_empty());
        let per_claim = !filter.certainties.is_empty()
            || from.is_some()
            || to.is_some()
            || filter.source_id.is_some()
            || filter.grade.is_some();
        let (reliability, credibility) = super::grades::filter_values(filter.grade);
        let parameters = [
            list(filter.relations.iter().map(|r| r.as_str())),
            list(filter.certainties.iter().map(|c| c.as_str())),
            list(filter.kinds.iter().map(|k| k.as_str())),
            from.map_or(Value::Null, |d| Value::Text(d.to_string())),
            to.map_or(Value::Null, |d| Value::Text(d.to_string())),
            filter.source_id.map_or(Value::Null, |id| Value::Integer(id.into())),
            Value::Integer(filter.min_sources.max(0).into()),
            // Focused, only edges among the actors within reach count; the filters can
            // only remove edges, so the neighbourhood is within these.
            match filter.focus {
                Some(focus) => list_ids(&near(&self.conn, focus, filter.hops.clamp(1, 2))?),
                None => Value::Null,
            },
            reliability.map_or(Value::Null, |r| Value::Text(r.as_str().into())),
            credibility.map_or(Value::Null, |c| Value::Integer(c.into())),
        ];
        let mut statement = self.conn.prepare(&edge_query(per_claim, filter.focus.is_some()))?;
        let mut edges: Vec<Edge> = statement
            .query_map(params_from_iter(parameters), |row| {
                let rank: i64 = row.get(3)?;
                Ok(Edge {
                    from: row.get(0)?,
                    to: row.get(1)?,
                    relation: row.get(2)?,
                    certainty: FIRMNESS.get(rank as usize).copied().unwrap_or(Certainty::Asserted),
                    claims: row.get(4)?,
                    sources: row.get(5)?,
                    independent: row.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;

        if !per_claim {
            // Sorted here rather than by SQLite: a fifth of the time of a large focus.
            edges.sort_unstable_by(|a, b| {
                (b.sources, b.claims, a.from, a.to, a.relation.as_str()).cmp(&(
                    a.sources,
                    a.claims,
                    b.from,
                    b.to,
                    b.relation.as_str(),
                ))
            });
        }
        let filtered = per_claim || !filter.relations.is_empty() || !filter.kinds.is_empty() || filter.min_sources > 0;
        if let (Some(focus), true) = (filter.focus, filtered) {
            // What the filters left of the actors within reach may reach fewer of them.
            let near = neighbourhood(&edges, focus, filter.hops.clamp(1, 2));
            edges.retain(|e| near.contains(&e.from) && near.contains(&e.to));
        }
        Ok(edges)
    }

    /// The edges as the graph view's columns: actors numbered in order of first
    /// appearance (the focus too, linked or not), with their names, kinds and degrees.
    fn as_columns(&self, edges: &[Edge], focus: Option<i32>, omitted: usize) -> Result<Network> {
        let mut network = Network { omitted_edges: omitted as i32, ..Network::default() };
        let mut index: HashMap<i32, i32> = HashMap::new();
        let mut ids = Vec::new();
        for e in edges {
            for id in [e.from, e.to] {
                index.entry(id).or_insert_with(|| {
                    ids.push(id);
                    ids.len() as i32 - 1
                });
            }
        }
        if let Some(focus) = focus {
            // The focused actor shows even when nothing links it yet.
            if !index.contains_key(&focus) && super::actors::exists(&self.conn, focus)? {
                index.insert(focus, ids.len() as i32);
                ids.push(focus);
            }
        }
        let mut names: HashMap<i32, (String, crate::model::ActorKind)> = HashMap::with_capacity(ids.len());
        let mut read = self
            .conn
            .prepare_cached("SELECT id, name, kind FROM actors WHERE id IN (SELECT value FROM json_each(?1))")?;
        for row in read.query_map([list_ids(&ids)], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))))? {
            let (id, name_and_kind) = row?;
            names.insert(id, name_and_kind);
        }
        network.degrees = vec![0; ids.len()];
        for e in edges {
            let (from, to) = (index[&e.from], index[&e.to]);
            network.degrees[from as usize] += 1;
            network.degrees[to as usize] += 1;
            network.edge_from.push(from);
            network.edge_to.push(to);
            network.relations.push(e.relation);
            network.certainties.push(e.certainty);
            network.claim_counts.push(e.claims);
            network.source_counts.push(e.sources);
            network.independent_counts.push(e.independent);
        }
        for id in ids {
            let (name, kind) = names.remove(&id).unwrap_or((String::new(), crate::model::ActorKind::Other));
            network.actor_ids.push(id);
            network.names.push(name);
            network.kinds.push(kind);
        }
        Ok(network)
    }

    /// The accepted claims of one edge, each with its citations, in date order.
    pub fn edge_evidence(&self, subject_id: i32, object_id: i32, relation: Relation) -> Result<Vec<ClaimEvidence>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {} WHERE c.subject_id = ?1 AND c.object_id = ?2 AND c.relation = ?3 AND c.status = 'accepted'
              ORDER BY c.date_lower IS NULL, c.date_lower, c.id LIMIT 500",
            claims::COLUMNS
        ))?;
        let found: Vec<_> = statement
            .query_map(rusqlite::params![subject_id, object_id, relation], claims::claim)?
            .collect::<rusqlite::Result<_>>()?;
        let mut cited = self.conn.prepare_cached(&format!(
            "SELECT {} WHERE x.claim_id = ?1 ORDER BY x.source_id, x.span_start",
            citations::COLUMNS
        ))?;
        found
            .into_iter()
            .map(|claim| {
                let citations = cited.query_map([claim.id], citations::citation)?.collect::<rusqlite::Result<_>>()?;
                Ok(ClaimEvidence { claim, citations })
            })
            .collect()
    }
}

/// The query of the edges a filter leaves, its parameters numbered as in
/// `edges_matching`: grouped from the claims (`per_claim`) or read from `edges`.
fn edge_query(per_claim: bool, focused: bool) -> String {
    // Lists travel as JSON arrays read by json_each. A focus must be a plain condition
    // so that its actors drive the search through the indexes (behind an
    // `?8 IS NULL OR` SQLite would read every edge).
    // The unary + keeps SQLite from pairing every actor with every other one on the
    // primary key (N² lookups): it seeks by subject and checks the object.
    let focused = if focused {
        "AND subject_id IN (SELECT value FROM json_each(?8)) AND +object_id IN (SELECT value FROM json_each(?8))"
    } else {
        "AND ?8 IS NULL"
    };
    let kinds = "AND (?3 = '[]' OR ((SELECT kind FROM actors WHERE id = subject_id) IN (SELECT value FROM json_each(?3))
                               AND (SELECT kind FROM actors WHERE id = object_id) IN (SELECT value FROM json_each(?3))))";
    if per_claim {
        let firmness = FIRMNESS.iter().enumerate().map(|(rank, c)| format!("WHEN '{}' THEN {rank}", c.as_str()));
        let firmness = format!("CASE c.certainty {} END", firmness.collect::<Vec<_>>().join(" "));
        let graded = super::grades::passes_sql(9, 10);
        format!(
            "SELECT subject_id, object_id, relation, min({firmness}), count(DISTINCT c.id), count(DISTINCT x.source_id),
                    count(DISTINCT coalesce(g.group_id, x.source_id))
               FROM claims c
               LEFT JOIN citations x ON x.claim_id = c.id
               LEFT JOIN copy_groups g ON g.source_id = x.source_id
              WHERE c.status = 'accepted' AND c.object_id IS NOT NULL AND subject_id <> object_id
                AND (?1 = '[]' OR relation IN (SELECT value FROM json_each(?1)))
                AND (?2 = '[]' OR c.certainty IN (SELECT value FROM json_each(?2)))
                {kinds}
                AND (?4 IS NULL OR c.date_upper >= ?4)
                AND (?5 IS NULL OR c.date_lower <= ?5)
                AND (?6 IS NULL OR EXISTS (SELECT 1 FROM citations y WHERE y.claim_id = c.id AND y.source_id = ?6))
                AND {graded}
                {focused}
              GROUP BY subject_id, object_id, relation
             HAVING count(DISTINCT coalesce(g.group_id, x.source_id)) >= ?7
              ORDER BY 6 DESC, 5 DESC, subject_id, object_id, relation"
        )
    } else {
        format!(
            "SELECT subject_id, object_id, relation, firmness, claims, sources, independent
               FROM edges
              WHERE (?1 = '[]' OR relation IN (SELECT value FROM json_each(?1)))
                AND ?2 = '[]' {kinds} AND ?4 IS NULL AND ?5 IS NULL AND ?6 IS NULL AND ?9 IS NULL AND ?10 IS NULL
                AND independent >= ?7
                {focused}"
        )
    }
}

/// The actors within `hops` edges of `focus`, either direction, whatever the filters.
fn near(conn: &rusqlite::Connection, focus: i32, hops: i32) -> Result<Vec<i32>> {
    let sql = "WITH one(id) AS (
                   SELECT ?1
                   UNION SELECT object_id FROM edges WHERE subject_id = ?1
                   UNION SELECT subject_id FROM edges WHERE object_id = ?1),
               two(id) AS (
                   SELECT id FROM one
                   UNION SELECT e.object_id FROM one JOIN edges e ON e.subject_id = one.id WHERE ?2 = 2
                   UNION SELECT e.subject_id FROM one JOIN edges e ON e.object_id = one.id WHERE ?2 = 2)
               SELECT id FROM two";
    let mut statement = conn.prepare_cached(sql)?;
    let ids = statement.query_map(params![focus, hops], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

fn neighbourhood(edges: &[Edge], focus: i32, hops: i32) -> HashSet<i32> {
    let mut next: HashMap<i32, Vec<i32>> = HashMap::new();
    for e in edges {
        next.entry(e.from).or_default().push(e.to);
        next.entry(e.to).or_default().push(e.from);
    }
    let mut seen = HashSet::from([focus]);
    let mut queue = VecDeque::from([(focus, 0)]);
    while let Some((id, depth)) = queue.pop_front() {
        if depth == hops {
            continue;
        }
        for &other in next.get(&id).into_iter().flatten() {
            if seen.insert(other) {
                queue.push_back((other, depth + 1));
            }
        }
    }
    seen
}

impl Store {
    /// Dated claims (accepted) and sources in date order, undated ones last, a page at a
    /// time.
    pub fn timeline(
        &self,
        filter: &crate::model::TimelineFilter,
        page: crate::model::PageRequest,
    ) -> Result<crate::model::Page<crate::model::TimelineItem>> {
        use crate::model::{Page, TimelineItem, TimelineKind};
        let page = page.clamped();
        let actors = list_ids(&filter.actor_ids);
        let relations = list(filter.relations.iter().map(|r| r.as_str()));
        let (reliability, credibility) = super::grades::filter_values(filter.grade);
        // Claims and sources in one ordered union, so that pages cut the merged order.
        let union = format!(
            "SELECT 'claim' AS kind, c.id AS id, c.date AS date, c.date_lower AS lower, c.date_upper AS upper,
                            c.relation AS relation,
                            s.name || ' ' || replace(c.relation, '_', ' ') || ' ' || coalesce(o.name, c.object_text, '') AS label,
                            (SELECT min(x.source_id) FROM citations x WHERE x.claim_id = c.id) AS source_id,
                            NOT c.date_checked AS unchecked
                       FROM claims c
                       JOIN actors s ON s.id = c.subject_id
                       LEFT JOIN actors o ON o.id = c.object_id
                      WHERE c.status = 'accepted' AND c.date IS NOT NULL
                        AND (?1 = '[]' OR c.subject_id IN (SELECT value FROM json_each(?1))
                                       OR c.object_id IN (SELECT value FROM json_each(?1)))
                        AND (?2 = '[]' OR c.relation IN (SELECT value FROM json_each(?2)))
                        AND {graded}
                     UNION ALL
                     SELECT 'source', id, published, published_lower, published_upper, NULL, title, id, 0
                       FROM sources
                      WHERE published IS NOT NULL AND ?1 = '[]' AND ?2 = '[]'
                        AND (?5 IS NULL OR coalesce((SELECT reliability FROM source_reliability r WHERE r.source_id = sources.id), 'F') <= ?5)",
            graded = super::grades::passes_sql(5, 6)
        );
        let mut statement = self.conn.prepare(&format!(
            "SELECT kind, id, date, lower, upper, relation, label, source_id, unchecked FROM ({union})
              ORDER BY lower IS NULL AND upper IS NULL, coalesce(lower, upper), kind, id LIMIT ?3 OFFSET ?4"
        ))?;
        let items = statement
            .query_map(
                rusqlite::params![actors, relations, page.limit, page.offset, reliability, credibility],
                |row| {
                    let kind: String = row.get(0)?;
                    let date: String = row.get(2)?;
                    Ok(TimelineItem {
                        kind: if kind == "claim" { TimelineKind::Claim } else { TimelineKind::Source },
                        id: row.get(1)?,
                        uncertain: date.contains(['?', '~', '%']),
                        date,
                        lower: row.get(3)?,
                        upper: row.get(4)?,
                        relation: row.get(5)?,
                        label: row.get(6)?,
                        source_id: row.get(7)?,
                        unchecked: row.get(8)?,
                    })
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total = self.conn.query_row(
            &format!("SELECT count(*) FROM ({union})"),
            rusqlite::params![actors, relations, 0, 0, reliability, credibility],
            |r| r.get(0),
        )?;
        Ok(Page { items, total, offset: page.offset })
    }
}

fn list_ids(ids: &[i32]) -> Value {
    Value::Text(serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()))
}
