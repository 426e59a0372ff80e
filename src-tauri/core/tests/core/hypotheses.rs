//! Analysis of Competing Hypotheses: a question's matrix in the store, scored as Heuer
//! teaches (the evidence against a hypothesis counts, weighted by credibility), sorted by
//! diagnosticity; every change undoable.

use super::*;
use dossier_core::history;
use AchRating::*;

/// Six claims, each cited once, graded 2, 3, 4, 1, 5 and 6.
fn six_claims(store: &mut Store) -> Vec<i32> {
    let source = article(store, ARTICLE);
    let iran = actor(store, "Iran", ActorKind::State, &[]);
    let venezuela = actor(store, "Venezuela", ActorKind::State, &[]);
    let relations = [
        Relation::Supplies,
        Relation::CooperatesWith,
        Relation::Funds,
        Relation::AllyOf,
        Relation::Visits,
        Relation::SignsAgreementWith,
    ];
    relations
        .iter()
        .zip([2, 3, 4, 1, 5, 6])
        .map(|(&relation, credibility)| {
            let id = claim(store, iran, relation, venezuela, "");
            cite(store, id, source, 0, 10);
            history::grade_claim(store, id, Some(credibility)).unwrap();
            id
        })
        .collect()
}

/// A worked example in Heuer's manner. Who supplied the drones seen at El Libertador?
///
/// | evidence (credibility → weight) | H1 Iran directly | H2 built under licence | H3 Russia |
/// |---------------------------------|------------------|------------------------|-----------|
/// | E1 (2 → 1.25)                   | C                | I                      | I         |
/// | E2 (3 → 1.0)                    | N                | CC                     | N         |
/// | E3 (4 → 0.75)                   | II               | C                      | C         |
/// | E4 (1 → 1.5)                    | C                | C                      | C         |
/// | E5 (5 → 0.5)                    | I                | N                      | II        |
/// | E6 (6 → 1.0)                    | C                | I                      | II        |
///
/// Only the evidence against counts (I 1, II 2), times the row's weight:
/// H1 = 2×0.75 (E3) + 1×0.5 (E5) = 2.0; H2 = 1×1.25 (E1) + 1×1.0 (E6) = 2.25;
/// H3 = 1×1.25 (E1) + 2×0.5 (E5) + 2×1.0 (E6) = 4.25. Unweighted, H1 would score 3 and
/// H2 2: the doubtful E3 and improbable E5 are what H1's inconsistency rests on, and
/// weighting them by credibility is what leaves H1 the least contradicted.
/// Diagnosticity (the spread of CC 2 … II −2 across a row): E1 2, E2 2, E3 3, E4 0 (it
/// fits every hypothesis: no diagnostic value), E5 2, E6 3.
#[test]
fn the_worked_example_scores_as_heuer_reads_a_matrix() {
    let (_dir, _path, mut store) = temp_store();
    let evidence = six_claims(&mut store);
    let question = history::new_question(&mut store, "Who supplied the drones seen at El Libertador?").unwrap();
    let hypotheses: Vec<i32> =
        ["Iran supplied them directly", "Venezuela built them under licence", "Russia supplied them"]
            .iter()
            .map(|h| history::add_hypothesis(&mut store, question, h, "").unwrap())
            .collect();
    let table = [
        [Consistent, Inconsistent, Inconsistent],
        [Neutral, VeryConsistent, Neutral],
        [VeryInconsistent, Consistent, Consistent],
        [Consistent, Consistent, Consistent],
        [Inconsistent, Neutral, VeryInconsistent],
        [Consistent, Inconsistent, VeryInconsistent],
    ];
    for (&claim, row) in evidence.iter().zip(&table) {
        assert!(history::add_evidence(&mut store, question, claim).unwrap());
        for (&h, &rating) in hypotheses.iter().zip(row) {
            history::rate(&mut store, h, claim, Some(rating), "").unwrap();
        }
    }
    let matrix = store.matrix(question, false).unwrap();
    let scores: Vec<f64> = matrix.scores.iter().map(|s| s.inconsistency).collect();
    assert_eq!(scores, vec![2.0, 2.25, 4.25]);
    let counts: Vec<(i32, i32)> = matrix.scores.iter().map(|s| (s.inconsistent, s.consistent)).collect();
    assert_eq!(counts, vec![(2, 3), (2, 3), (3, 2)]);
    let weights: Vec<f64> = matrix.rows.iter().map(|r| r.weight).collect();
    assert_eq!(weights, vec![1.25, 1.0, 0.75, 1.5, 0.5, 1.0]);
    let diagnosticity: Vec<i32> = matrix.rows.iter().map(|r| r.diagnosticity).collect();
    assert_eq!(diagnosticity, vec![2, 2, 3, 0, 2, 3]);

    // Unweighted (every claim graded 3), H2 is the least contradicted instead.
    for &claim in &evidence {
        history::grade_claim(&mut store, claim, Some(3)).unwrap();
    }
    let plain: Vec<f64> = store.matrix(question, false).unwrap().scores.iter().map(|s| s.inconsistency).collect();
    assert_eq!(plain, vec![3.0, 2.0, 5.0]);

    // Sorted by diagnosticity: the most telling rows first, E4 last.
    let sorted: Vec<i32> = store.matrix(question, true).unwrap().rows.iter().map(|r| r.claim.id).collect();
    assert_eq!(sorted, vec![evidence[2], evidence[5], evidence[0], evidence[1], evidence[4], evidence[3]]);
    let question = store.question(question).unwrap();
    assert_eq!((question.hypotheses, question.evidence), (3, 6));
}

#[test]
fn deleting_a_hypothesis_or_an_evidence_row_is_undone_with_its_ratings() {
    let (_dir, _path, mut store) = temp_store();
    let evidence = six_claims(&mut store);
    let question = history::new_question(&mut store, "Who?").unwrap();
    let first = history::add_hypothesis(&mut store, question, "Iran", "the wire's reading").unwrap();
    let second = history::add_hypothesis(&mut store, question, "Russia", "").unwrap();
    history::rate(&mut store, first, evidence[0], Some(Consistent), "the shipment").unwrap();
    history::rate(&mut store, second, evidence[0], Some(VeryInconsistent), "").unwrap();
    // Rating a claim brings it to the question.
    assert_eq!(store.matrix(question, false).unwrap().rows.len(), 1);
    let before = store.matrix(question, false).unwrap();
    let cells = |m: &Matrix| m.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>();

    history::delete_hypothesis(&mut store, first).unwrap();
    assert_eq!(store.matrix(question, false).unwrap().hypotheses.len(), 1);
    history::undo(&mut store, None).unwrap();
    let again = store.matrix(question, false).unwrap();
    assert_eq!(again.hypotheses, before.hypotheses);
    assert_eq!(cells(&again), cells(&before));

    history::remove_evidence(&mut store, question, evidence[0]).unwrap();
    assert!(store.matrix(question, false).unwrap().rows.is_empty());
    history::undo(&mut store, None).unwrap();
    assert_eq!(cells(&store.matrix(question, false).unwrap()), cells(&before));

    // A rating changed and undone; the same rating again records nothing.
    history::rate(&mut store, first, evidence[0], Some(Inconsistent), "on second thought").unwrap();
    history::undo(&mut store, None).unwrap();
    assert_eq!(cells(&store.matrix(question, false).unwrap()), cells(&before));
    let changes = store.list_changes(100).unwrap().len();
    history::rate(&mut store, first, evidence[0], Some(Consistent), "the shipment").unwrap();
    assert_eq!(store.list_changes(100).unwrap().len(), changes);

    // Taking back the question's making would lose its hypotheses: refused.
    let opened =
        store.list_changes(100).unwrap().into_iter().find(|c| c.label.starts_with("Opened the question")).unwrap();
    let refused = history::undo(&mut store, Some(opened.id)).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::InvalidInput);

    // Deleting the question takes everything of it, and its undo puts everything back.
    history::delete_question(&mut store, question).unwrap();
    assert!(store.questions().unwrap().is_empty());
    assert_eq!(store.claim(evidence[0]).unwrap().id, evidence[0], "the claims stay");
    history::undo(&mut store, None).unwrap();
    assert_eq!(cells(&store.matrix(question, false).unwrap()), cells(&before));
    assert_eq!(store.questions_of_claim(evidence[0]).unwrap()[0].title, "Who?");

    let empty = history::add_hypothesis(&mut store, question, "   ", "").unwrap_err();
    assert_eq!(empty.code(), ErrorCode::InvalidInput);
}

#[test]
fn the_briefing_shows_the_matrix_and_its_reading_and_the_vault_a_page_per_hypothesis() {
    use dossier_core::export::{self, Format, Scope};
    let (dir, _path, mut store) = temp_store();
    let evidence = six_claims(&mut store);
    let question = history::new_question(&mut store, "Who supplied the <drones>?").unwrap();
    let iran = history::add_hypothesis(&mut store, question, "Iran directly", "the [[wire]]'s reading").unwrap();
    let russia = history::add_hypothesis(&mut store, question, "Russia", "").unwrap();
    history::rate(&mut store, iran, evidence[0], Some(Consistent), "the shipment").unwrap();
    history::rate(&mut store, russia, evidence[0], Some(VeryInconsistent), "").unwrap();
    history::rate(&mut store, iran, evidence[3], Some(Consistent), "").unwrap();
    history::rate(&mut store, russia, evidence[3], Some(Consistent), "").unwrap();

    let out = dir.path().join("briefing");
    export::export(&store, Format::Briefing, &Scope::All, &out).unwrap();
    let markdown = std::fs::read_to_string(out.join("briefing.md")).unwrap();
    assert!(markdown.contains("## Hypotheses: Who supplied the \\<drones\\>?"), "{markdown}");
    assert!(markdown.contains("| Claim | Grade | Diagnosticity | H1 | H2 |"), "{markdown}");
    assert!(markdown.contains("| Iran supplies Venezuela | –2 | 3 | C | II |"), "{markdown}");
    assert!(markdown.contains("| Weighted inconsistency | | | **0.00** | **2.50** |"), "{markdown}");
    assert!(markdown
        .contains("H1 “Iran directly” has the least evidence against it (weighted inconsistency 0.00); then H2 2.50."));
    assert!(markdown.contains("1 claim rates every hypothesis alike and tells none apart"), "{markdown}");
    let html = std::fs::read_to_string(out.join("briefing.html")).unwrap();
    assert!(html.contains("<table class=\"matrix\">"));
    assert!(html.contains("<td class=\"c rII\" title=\"\">II</td>"));
    assert!(html.contains("<td class=\"c rC\" title=\"the shipment\">C</td>"));
    assert!(html.contains("Who supplied the &lt;drones&gt;?") && !html.contains("<drones>"));

    let out = dir.path().join("vault");
    export::export(&store, Format::Vault, &Scope::All, &out).unwrap();
    let page = std::fs::read_to_string(out.join("Hypotheses/Iran directly.md")).unwrap();
    assert!(page.contains("hypothesis: \"Iran directly\""), "{page}");
    assert!(page.contains("inconsistency: 0.00"));
    assert!(page.contains("the \\[\\[wire\\]\\]'s reading"), "notes stay text: {page}");
    assert!(page.contains("## Evidence for\n\n- **C** [[Actors/Iran|Iran]] supplies [[Actors/Venezuela|Venezuela]] (graded –2) — the shipment[^1]"), "{page}");
    assert!(page.contains("fits every hypothesis alike"));
    assert!(page.contains("Competing: [[Hypotheses/Russia|Russia]]"));
    assert!(page.contains("[^1]: “"), "{page}");
    let russia_page = std::fs::read_to_string(out.join("Hypotheses/Russia.md")).unwrap();
    assert!(russia_page.contains("## Evidence against\n\n- **II** "), "{russia_page}");
    let index = std::fs::read_to_string(out.join("Index.md")).unwrap();
    assert!(index.contains("- [[Hypotheses/Russia|Russia]] — weighted inconsistency 2.50"), "{index}");
}

#[test]
fn undoing_a_rating_that_brought_a_claim_takes_the_claim_out_again_and_an_acceptance_weighed_since_stays() {
    let (_dir, _path, mut store) = temp_store();
    let evidence = six_claims(&mut store);
    let question = history::new_question(&mut store, "Who?").unwrap();
    let iran = history::add_hypothesis(&mut store, question, "Iran", "").unwrap();
    let russia = history::add_hypothesis(&mut store, question, "Russia", "").unwrap();
    history::rate(&mut store, iran, evidence[0], Some(Consistent), "").unwrap();
    history::undo(&mut store, None).unwrap();
    assert!(store.matrix(question, false).unwrap().rows.is_empty(), "the rating brought it; its undo takes it out");

    // Rated under the other hypothesis since, the claim stays when the first rating goes.
    history::rate(&mut store, iran, evidence[0], Some(Consistent), "").unwrap();
    history::rate(&mut store, russia, evidence[0], Some(Inconsistent), "").unwrap();
    let first = store.list_changes(2).unwrap()[1].id;
    history::undo(&mut store, Some(first)).unwrap();
    let matrix = store.matrix(question, false).unwrap();
    assert_eq!(matrix.rows.len(), 1);
    assert_eq!(matrix.rows[0].cells[0], None);
    assert!(!matrix.rows[0].no_diagnostic_value, "not rated under every hypothesis");
    assert!(matrix.reading.iter().any(|l| l.contains("1 claim is not yet rated")), "{:?}", matrix.reading);

    // A claim accepted from a suggestion, weighed since: its acceptance is not taken back.
    let source = article(&mut store, "A second article\n\nVenezuela and Iran signed a pact.\n");
    let suggestion = stored_suggestion(
        SuggestionKind::Claim,
        serde_json::json!({
            "subject": "Venezuela", "relation": "signs_agreement_with", "object": "Iran", "date": null,
            "attributed_to": null, "certainty": "asserted",
            "citation": { "start": 0, "end": 8, "exact": "", "prefix": "", "suffix": "" }
        }),
    );
    store.replace_suggestions(source, &[suggestion.clone()]).unwrap();
    let id = store.list_suggestions(Some(source), None, None, PageRequest::new(0, 10)).unwrap().items[0].id;
    let accepted = history::accept_suggestion(&mut store, id).unwrap();
    let acceptance = store.list_changes(1).unwrap()[0].id;
    let claim = accepted.claim_id.unwrap();
    history::add_evidence(&mut store, question, claim).unwrap();
    let refused = history::undo(&mut store, Some(acceptance)).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
    assert!(refused.to_string().contains("weighed in the question “Who?”"), "{refused}");
    assert!(store.claim(claim).is_ok());

    // Accepted and weighed in one change, it is undone in one: out of the matrix, reopened.
    let other = article(&mut store, "A third article\n\nVenezuela and Iran signed a pact again.\n");
    store.replace_suggestions(other, &[suggestion]).unwrap();
    let id = store.list_suggestions(Some(other), None, None, PageRequest::new(0, 10)).unwrap().items[0].id;
    let accepted = history::accept_into(&mut store, id, Some(2), Some(question)).unwrap();
    let weighed = accepted.claim_id.unwrap();
    assert!(store.matrix(question, false).unwrap().rows.iter().any(|r| r.claim.id == weighed));
    assert!(store.list_changes(1).unwrap()[0].label.ends_with("weighed in “Who?”"));
    history::undo(&mut store, None).unwrap();
    assert!(store.claim(weighed).is_err());
    assert!(store.matrix(question, false).unwrap().rows.iter().all(|r| r.claim.id != weighed));
    let gone = history::accept_into(&mut store, id, None, Some(question + 100)).unwrap_err();
    assert_eq!(gone.code(), ErrorCode::NotFound);
}

#[test]
fn a_deleted_hypothesis_comes_back_with_its_global_ids_even_when_its_id_was_taken_since() {
    let (_dir, path, mut store) = temp_store();
    let evidence = six_claims(&mut store);
    let question = history::new_question(&mut store, "Who?").unwrap();
    let kept = history::add_hypothesis(&mut store, question, "Iran", "").unwrap();
    let deleted = history::add_hypothesis(&mut store, question, "Russia", "notes").unwrap();
    history::rate(&mut store, kept, evidence[1], Some(Consistent), "").unwrap();
    history::rate(&mut store, deleted, evidence[1], Some(VeryInconsistent), "why").unwrap();
    let gids = |path: &Path| -> Vec<String> {
        let conn = rusqlite::Connection::open(path).unwrap();
        let mut read =
            conn.prepare("SELECT gid FROM hypotheses UNION ALL SELECT gid FROM hypothesis_ratings ORDER BY 1").unwrap();
        read.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    };
    let before = gids(&path);
    history::delete_hypothesis(&mut store, deleted).unwrap();
    // Another hypothesis takes the freed id (SQLite reuses the highest).
    let taker = history::add_hypothesis(&mut store, question, "Cuba", "").unwrap();
    assert_eq!(taker, deleted);
    let delete = store.list_changes(2).unwrap()[1].id;
    history::undo(&mut store, Some(delete)).unwrap();
    let matrix = store.matrix(question, false).unwrap();
    let statements: Vec<&str> = matrix.hypotheses.iter().map(|h| h.statement.as_str()).collect();
    assert_eq!(statements, vec!["Iran", "Cuba", "Russia"]);
    let russia = matrix.hypotheses.iter().position(|h| h.statement == "Russia").unwrap();
    assert_eq!(
        matrix.rows[0].cells[russia].as_ref().map(|c| (c.rating, c.comment.as_str())),
        Some((VeryInconsistent, "why"))
    );
    let after = gids(&path);
    assert!(before.iter().all(|g| after.contains(g)), "every global id back");
}
