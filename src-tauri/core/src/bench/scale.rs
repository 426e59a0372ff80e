//! The scale benchmark's queries on a large library (`dossier bench-scale`): full-text
//! search with snippets, an actor's page as the app loads it, and the graph around an
//! actor, each timed over many runs and reported as percentiles. Measured, never
//! asserted; the figures go into `make bench`'s table.

use super::synthetic::corpus::{self, Rng};
use crate::model::{NetworkFilter, PageRequest};
use crate::store::ClaimFilter;
use crate::{link, Result, Store};
use std::time::Instant;

/// Latencies of one kind of query, in milliseconds.
#[derive(Debug, Clone)]
pub struct Latency {
    pub what: String,
    pub runs: usize,
    pub p50: f64,
    pub p95: f64,
    pub max: f64,
    /// A figure that says what was done (hits on the first page, claims on the page…).
    pub detail: String,
    /// What each run was and how long it took, slowest first (for search: the query).
    pub each: Vec<(String, f64)>,
}

impl Latency {
    fn of(what: &str, mut millis: Vec<f64>, detail: String) -> Latency {
        millis.sort_by(f64::total_cmp);
        let at = |q: f64| millis.get(((millis.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or(f64::NAN);
        Latency {
            what: what.into(),
            runs: millis.len(),
            p50: at(0.5),
            p95: at(0.95),
            max: at(1.0),
            detail,
            each: Vec::new(),
        }
    }
}

fn timed<T>(work: impl FnOnce() -> Result<T>) -> Result<(f64, T)> {
    let started = Instant::now();
    let value = work()?;
    Ok((started.elapsed().as_secs_f64() * 1000.0, value))
}

/// Fifty queries of the kinds people type: single words (common and rare), phrases,
/// prefixes being typed, and actor names — drawn from the corpus vocabulary.
pub fn typical_queries(seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed ^ 0x5eed);
    let mut queries: Vec<String> = [
        "agreement",
        "drones",
        "sanctions",
        "Caracas",
        "refinery",
        "gold",
        "intelligence",
        "Hezbollah",
        "ambassador",
        "vessels",
    ]
    .iter()
    .map(|w| format!("{w} "))
    .collect();
    for _ in 0..5 {
        queries.push(format!("{} ", corpus::person(rng.below(corpus::PEOPLE)).1));
    }
    for phrase in [
        "military cooperation",
        "front companies",
        "joint venture",
        "according to officials",
        "foreign pressure",
        "refinery parts",
        "requests for comment",
        "signed a trade agreement",
        "surveillance equipment",
        "independently verified",
    ] {
        queries.push(format!("\"{phrase}\""));
    }
    for prefix in ["petro", "sanct", "Teh", "minist", "ship", "fund", "Venez", "cooper", "accus", "inspec"] {
        queries.push(prefix.to_string());
    }
    for _ in 0..10 {
        let (given, family) = corpus::person(rng.below(corpus::PEOPLE));
        queries.push(format!("{given} {family}"));
    }
    for _ in 0..5 {
        queries.push(corpus::organization(rng.below(corpus::ORGANIZATIONS)).0);
    }
    queries
}

/// Search: each query once to warm the cache, then once timed; the first page of 50
/// hits with snippets and the total, as the Search view asks.
pub fn search(store: &Store, queries: &[String]) -> Result<Latency> {
    for query in queries {
        store.search(query, None, PageRequest::new(0, 50))?;
    }
    let mut millis = Vec::new();
    let mut each = Vec::new();
    let mut hits = 0;
    for query in queries {
        let (ms, page) = timed(|| store.search(query, None, PageRequest::new(0, 50)))?;
        millis.push(ms);
        each.push((query.clone(), ms));
        hits += page.items.len();
    }
    each.sort_by(|a, b| b.1.total_cmp(&a.1));
    let latency = Latency::of(
        "first page of 50 with snippets and the total",
        millis,
        format!("{} queries, {hits} hits shown", queries.len()),
    );
    Ok(Latency { each, ..latency })
}

/// An actor's page as the app loads it: the actor, its relations, the first 100 claims
/// with each one's citations, the first 50 mentions, and 3 unlinked mentions.
pub fn actor_page(store: &Store, actor_id: i32, runs: usize) -> Result<Latency> {
    let mut millis = Vec::new();
    let mut total = 0;
    for _ in 0..runs {
        let (ms, claims) = timed(|| {
            store.actor(actor_id)?;
            store.actor_relations(actor_id)?;
            let claims =
                store.list_claims(ClaimFilter { actor_id: Some(actor_id), status: None }, PageRequest::new(0, 100))?;
            for claim in &claims.items {
                store.citations_of_claim(claim.id)?;
            }
            store.actor_mentions(actor_id, PageRequest::new(0, 50))?;
            link::unlinked_mentions(store, actor_id, 3)?;
            Ok(claims.total)
        })?;
        millis.push(ms);
        total = claims;
    }
    Ok(Latency::of("the calls its view makes", millis, format!("actor {actor_id} with {total} claims")))
}

/// The graph around `actors`, `hops` edges out, each once.
pub fn neighbourhood(store: &Store, actors: &[i32], hops: i32) -> Result<Latency> {
    let mut millis = Vec::new();
    let mut edges = 0;
    for &actor in actors {
        let filter = NetworkFilter { focus: Some(actor), hops, ..NetworkFilter::default() };
        let (ms, network) = timed(|| store.network(&filter))?;
        millis.push(ms);
        edges += network.edge_from.len();
    }
    Ok(Latency::of(
        &format!("the network {hops} hops around an actor"),
        millis,
        format!("{} actors, {} edges on average", actors.len(), edges / actors.len().max(1)),
    ))
}

/// The peak resident memory of this process since the last reset, in MB (Linux; `None`
/// elsewhere).
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Starts measuring the peak resident memory afresh (Linux: writing 5 to clear_refs).
pub fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::synthetic::{fill_library, Library};

    #[test]
    fn the_queries_are_fifty_and_every_kind_finds_something_in_a_small_library() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("scale.dossier")).unwrap();
        fill_library(&mut store, &Library { sources: 300, actors: 50, claims: 400, seed: 1 }).unwrap();
        let queries = typical_queries(1);
        assert_eq!(queries.len(), 50);
        let found =
            queries.iter().filter(|q| store.search(q, None, PageRequest::new(0, 50)).unwrap().total > 0).count();
        assert!(found >= 35, "{found} of 50 queries find something in 300 articles");
        let latency = search(&store, &queries).unwrap();
        assert_eq!(latency.runs, 50);
        assert!(latency.p50 <= latency.p95 && latency.p95 <= latency.max, "{latency:?}");
        let page = actor_page(&store, 1, 3).unwrap();
        assert!(page.detail.contains("claims"), "{page:?}");
        let around = neighbourhood(&store, &[1, 2, 3], 2).unwrap();
        assert_eq!(around.runs, 3);
    }

    #[test]
    fn hubs_carry_a_large_share_of_the_claims() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("hubs.dossier")).unwrap();
        fill_library(&mut store, &Library { sources: 0, actors: 1000, claims: 5000, seed: 1 }).unwrap();
        let hub =
            store.list_claims(ClaimFilter { actor_id: Some(1), status: None }, PageRequest::new(0, 1)).unwrap().total;
        let tail =
            store.list_claims(ClaimFilter { actor_id: Some(500), status: None }, PageRequest::new(0, 1)).unwrap().total;
        // A hub is one of 5 taking a tenth of the ends: about 5000 * 2 / 10 / 5 = 200.
        assert!((120..=300).contains(&hub), "hub {hub}");
        assert!(tail < 40, "tail {tail}");
    }
}
