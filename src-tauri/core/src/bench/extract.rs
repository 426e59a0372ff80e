//! Extraction throughput, measured rather than asserted: texts analysed on one core
//! with a lexicon of the gazetteer plus `aliases` synthetic library aliases loaded,
//! as a large library would have.

use crate::extract::actors::{KnownActor, Lexicon};
use crate::extract::analyze;
use crate::model::ActorKind;
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct ExtractFigures {
    pub aliases: usize,
    pub patterns: usize,
    pub lexicon_seconds: f64,
    pub words: usize,
    pub megabytes: f64,
    pub seconds: f64,
}

/// Synthetic people with two names each, distinct and pronounceable ("Karomi Zulev").
fn synthetic_actors(count: usize) -> Vec<KnownActor> {
    const SYLLABLES: [&str; 16] =
        ["ka", "ro", "mi", "zu", "le", "ta", "no", "vi", "sa", "de", "bo", "ri", "fe", "gu", "pa", "lo"];
    let name = |mut n: usize, len: usize| -> String {
        let mut word = String::new();
        for _ in 0..len {
            word.push_str(SYLLABLES[n % 16]);
            n /= 16;
        }
        let mut chars = word.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    };
    (0..count.div_ceil(2))
        .map(|i| {
            let (given, family) = (name(i, 3), name(i.wrapping_mul(7919), 4));
            KnownActor {
                name: format!("{given} {family}"),
                kind: ActorKind::Person,
                aliases: vec![format!("{family}v")],
            }
        })
        .collect()
}

/// Analyses `texts` `rounds` times with `aliases` library aliases loaded.
pub fn bench_extract(texts: &[String], aliases: usize, rounds: usize) -> ExtractFigures {
    let known = synthetic_actors(aliases);
    let started = Instant::now();
    let lexicon = Lexicon::with_known(&known);
    let lexicon_seconds = started.elapsed().as_secs_f64();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum::<usize>() * rounds;
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * rounds;
    let started = Instant::now();
    for _ in 0..rounds {
        for text in texts {
            std::hint::black_box(analyze(text, &lexicon, None));
        }
    }
    ExtractFigures {
        aliases: known.iter().map(|k| 1 + k.aliases.len()).sum(),
        patterns: lexicon.patterns(),
        lexicon_seconds,
        words,
        megabytes: bytes as f64 / 1e6,
        seconds: started.elapsed().as_secs_f64(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_library_actors_are_distinct_and_found() {
        let actors = synthetic_actors(1000);
        let names: std::collections::HashSet<&str> = actors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names.len(), actors.len());
        let lexicon = Lexicon::with_known(&actors[..10]);
        let text = format!("Officials said {} met the minister.", actors[3].name);
        let found = crate::extract::actors::find_actors(&text, &lexicon);
        assert_eq!(found[0].name, actors[3].name);
    }
}
