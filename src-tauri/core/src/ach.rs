//! Analysis of Competing Hypotheses (Heuer): the arithmetic of the matrix, with no store.
//! A hypothesis is read by the evidence against it, not for it: its inconsistency score
//! adds, over the rows, 1 for I and 2 for II, each times the row's weight (from the
//! claim's credibility). A row that rates every hypothesis alike has no diagnostic
//! value: it cannot tell them apart.

use crate::model::{AchRating, HypothesisScore, Matrix};

impl AchRating {
    /// Where the rating stands from very consistent (2) to very inconsistent (−2).
    pub fn value(self) -> i32 {
        match self {
            AchRating::VeryConsistent => 2,
            AchRating::Consistent => 1,
            AchRating::Neutral => 0,
            AchRating::Inconsistent => -1,
            AchRating::VeryInconsistent => -2,
        }
    }

    /// What it adds to a hypothesis's inconsistency, before weighting.
    pub fn inconsistency(self) -> f64 {
        match self {
            AchRating::Inconsistent => 1.0,
            AchRating::VeryInconsistent => 2.0,
            _ => 0.0,
        }
    }
}

/// A row's weight from its claim's credibility: confirmed 1.5, probably true 1.25,
/// possibly true 1, doubtful 0.75, improbable 0.5; "cannot be judged" (6) is 1, as
/// nothing is known either way.
pub fn weight(credibility: i32) -> f64 {
    match credibility {
        1 => 1.5,
        2 => 1.25,
        4 => 0.75,
        5 => 0.5,
        _ => 1.0,
    }
}

/// The spread of a row's ratings (an unrated cell reads N): 0 when every hypothesis is
/// rated alike, or there are fewer than two.
pub fn diagnosticity(cells: &[Option<AchRating>]) -> i32 {
    if cells.len() < 2 {
        return 0;
    }
    let values = cells.iter().map(|c| c.map_or(0, AchRating::value));
    let (low, high) = values.fold((i32::MAX, i32::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    high - low
}

/// Each hypothesis's score over rows of `(cells, weight)`, each row's cells in the
/// columns' order.
pub fn scores(rows: &[(Vec<Option<AchRating>>, f64)], hypotheses: usize) -> Vec<HypothesisScore> {
    let mut out = vec![HypothesisScore { inconsistency: 0.0, inconsistent: 0, consistent: 0 }; hypotheses];
    for (cells, weight) in rows {
        for (score, cell) in out.iter_mut().zip(cells) {
            let Some(rating) = cell else { continue };
            score.inconsistency += rating.inconsistency() * weight;
            match rating.value() {
                v if v < 0 => score.inconsistent += 1,
                v if v > 0 => score.consistent += 1,
                _ => {}
            }
        }
    }
    out
}

/// The matrix in words, a sentence a line: the hypotheses from the least contradicted
/// (as H1, H2… in the columns' order), and the rows that tell none apart.
pub fn reading(matrix: &Matrix) -> Vec<String> {
    if matrix.hypotheses.is_empty() || matrix.rows.is_empty() {
        return vec!["Nothing to read yet: the matrix needs hypotheses and claims rated against them.".into()];
    }
    let mut order: Vec<(usize, f64)> = matrix.scores.iter().map(|s| s.inconsistency).enumerate().collect();
    order.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let (first, least) = order[0];
    let mut lines = vec![format!(
        "H{} “{}” has the least evidence against it (weighted inconsistency {least:.2}){}",
        first + 1,
        matrix.hypotheses[first].statement.trim(),
        if order.len() > 1 {
            let rest: Vec<String> = order[1..].iter().map(|(i, s)| format!("H{} {s:.2}", i + 1)).collect();
            format!("; then {}.", rest.join(", "))
        } else {
            ".".into()
        }
    )];
    let tied: Vec<String> =
        order[1..].iter().filter(|(_, s)| (s - least).abs() < 1e-9).map(|(i, _)| format!("H{}", i + 1)).collect();
    if !tied.is_empty() {
        lines.push(format!("It is tied with {}: the evidence does not tell them apart.", tied.join(", ")));
    }
    let flat: Vec<String> = matrix
        .rows
        .iter()
        .filter(|r| r.no_diagnostic_value)
        .map(|r| {
            let object = r.claim.object.as_ref().map(|o| o.name.clone()).or(r.claim.object_text.clone());
            format!("“{} {} {}”", r.claim.subject.name, r.claim.relation_words(), object.unwrap_or_default())
        })
        .collect();
    if matrix.hypotheses.len() > 1 && !flat.is_empty() {
        lines.push(format!(
            "{} rate{} every hypothesis alike and tell{} none apart (no diagnostic value): {}.",
            if flat.len() == 1 { "1 claim".to_string() } else { format!("{} claims", flat.len()) },
            if flat.len() == 1 { "s" } else { "" },
            if flat.len() == 1 { "s" } else { "" },
            flat.join(", ")
        ));
    }
    let unrated = matrix.rows.iter().filter(|r| r.cells.iter().any(Option::is_none)).count();
    if unrated > 0 {
        lines.push(format!(
            "{unrated} claim{} not yet rated under every hypothesis (an empty cell reads N).",
            if unrated == 1 { " is" } else { "s are" }
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use AchRating::*;

    #[test]
    fn a_row_rating_every_hypothesis_alike_tells_none_apart() {
        assert_eq!(diagnosticity(&[Some(Consistent), Some(Consistent), None.or(Some(Consistent))]), 0);
        assert_eq!(diagnosticity(&[Some(Consistent), None]), 1);
        assert_eq!(diagnosticity(&[Some(VeryConsistent), Some(VeryInconsistent)]), 4);
        assert_eq!(diagnosticity(&[Some(Inconsistent)]), 0, "one hypothesis: nothing to tell apart");
    }
}
