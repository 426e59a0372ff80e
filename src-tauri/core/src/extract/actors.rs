//! Actor mentions: who and what a text names, with a kind.
//!
//! Three sources of names, in order of trust: the library's own actors and aliases, the
//! built-in gazetteer (names and official names; demonyms only where they stand for
//! the state, "the Venezuelan regime"; capitals as places, or as the state when they act,
//! "Tehran signed"), and new names found by their shape — capitalised runs with
//! connectors ("Center for a Secure Free Society", "Tarek El Aissami"), kinds guessed
//! from titles ("President", "dictator") and keywords ("Corps", "Association").
//! Within one text, a surname ("Humire") or an acronym defined in parentheses ("(IRGC)")
//! refers back to the full name.

use super::gazetteer;
use super::matcher::{close_variants, is_acronym, variant_key, Matcher, Target};
use super::tokens::{tokenize, Token};
use super::words::Words;
use crate::model::ActorKind;
use crate::text::normalize_name;
use std::collections::HashMap;

/// An actor the library already holds.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct KnownActor {
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
}

/// One actor found in a text, with every mention (byte offsets) and surface form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundActor {
    pub name: String,
    pub kind: ActorKind,
    pub surfaces: Vec<String>,
    pub mentions: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Name,
    Demonym,
    Capital,
}

/// The names Dossier knows before reading a text: built once, used for every source.
pub struct Lexicon {
    matcher: Matcher,
    /// (actor name, kind) by actor index.
    actors: Vec<(String, ActorKind)>,
    /// (actor index, role, the state a capital or demonym belongs to) by pattern id.
    roles: Vec<(usize, Role, Option<usize>)>,
    /// Capital → its state.
    capitals: HashMap<String, String>,
    /// Demonym (normalised) → its state.
    demonyms: HashMap<String, String>,
    /// Transliteration key → (actor index, surface) of every name of four letters or more.
    variants: HashMap<String, Vec<(usize, String)>>,
}

impl Lexicon {
    /// The gazetteer alone.
    pub fn builtin() -> Lexicon {
        Lexicon::with_known(&[])
    }

    /// The gazetteer and the library's actors (which win where both name the same).
    pub fn with_known(known: &[KnownActor]) -> Lexicon {
        let mut actors: Vec<(String, ActorKind)> = Vec::new();
        let mut roles = Vec::new();
        let mut demonym_surfaces: Vec<(String, usize)> = Vec::new();
        let mut patterns: Vec<(String, Target)> = Vec::new();
        let mut add = |surface: &str, actor: usize, role: Role, state: Option<usize>, roles: &mut Vec<_>| {
            // Spanish and Portuguese write demonyms in lower case ("el régimen venezolano").
            let capitalised = surface.starts_with(char::is_uppercase);
            let target = Target { id: roles.len(), exact_case: is_acronym(surface), capitalised };
            roles.push((actor, role, state));
            patterns.push((surface.to_string(), target));
        };
        for k in known {
            let id = actors.len();
            actors.push((k.name.clone(), k.kind));
            for surface in std::iter::once(&k.name).chain(&k.aliases) {
                add(surface, id, Role::Name, None, &mut roles);
            }
        }
        let known_names: std::collections::HashSet<String> =
            known.iter().flat_map(|k| std::iter::once(&k.name).chain(&k.aliases)).map(|n| normalize_name(n)).collect();
        for entry in gazetteer::builtin() {
            let id = actors.len();
            actors.push((entry.name.to_string(), entry.kind));
            for surface in std::iter::once(entry.name).chain(entry.aliases.iter().copied()) {
                if !known_names.contains(&normalize_name(surface)) {
                    add(surface, id, Role::Name, None, &mut roles);
                }
            }
            for demonym in &entry.demonyms {
                add(demonym, id, Role::Demonym, Some(id), &mut roles);
                demonym_surfaces.push((normalize_name(demonym), id));
            }
            for capital in &entry.capitals {
                if known_names.contains(&normalize_name(capital)) {
                    continue;
                }
                let place = actors.len();
                actors.push((capital.to_string(), ActorKind::Place));
                add(capital, place, Role::Capital, Some(id), &mut roles);
            }
        }
        let capitals = roles
            .iter()
            .filter(|(_, role, _)| *role == Role::Capital)
            .filter_map(|(actor, _, state)| state.map(|s| (actors[*actor].0.clone(), actors[s].0.clone())))
            .collect();
        let demonyms = patterns_demonyms(&roles, &actors, &demonym_surfaces);
        let mut variants: HashMap<String, Vec<(usize, String)>> = HashMap::new();
        for ((surface, _), (actor, role, _)) in patterns.iter().zip(&roles) {
            if *role == Role::Name && surface.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !is_acronym(surface)
            {
                variants.entry(variant_key(surface)).or_default().push((*actor, surface.clone()));
            }
        }
        Lexicon { matcher: Matcher::new(patterns), actors, roles, capitals, demonyms, variants }
    }

    pub fn patterns(&self) -> usize {
        self.matcher.len()
    }

    /// The state a demonym stands for ("Venezuelan", "iraní" → …), when it is one.
    pub fn state_of_demonym(&self, word: &str) -> Option<&str> {
        self.demonyms.get(&normalize_name(word)).map(String::as_str)
    }

    /// The one known actor `surface` is a transliteration variant of ("Hizbullah" →
    /// Hezbollah, "Raeisi" → Raisi), if exactly one is.
    fn variant_of(&self, surface: &str) -> Option<usize> {
        let candidates = self.variants.get(&variant_key(surface))?;
        let mut close = candidates.iter().filter(|(_, known)| close_variants(surface, known)).map(|(actor, _)| *actor);
        let first = close.next()?;
        close.all(|other| other == first).then_some(first)
    }

    /// The state whose capital `place` is, when it is one ("Tehran" → "Iran").
    pub fn state_of_capital(&self, place: &str) -> Option<&str> {
        self.capitals.get(place).map(String::as_str)
    }
}

fn patterns_demonyms(
    _roles: &[(usize, Role, Option<usize>)],
    actors: &[(String, ActorKind)],
    surfaces: &[(String, usize)],
) -> HashMap<String, String> {
    surfaces.iter().map(|(surface, state)| (surface.clone(), actors[*state].0.clone())).collect()
}

/// Words after a demonym that make it stand for its state.
static STATE_NOUNS: Words = Words::new(include_str!("words/state_nouns.txt"));

/// Verbs after a capital that make it stand for its government.
/// Adverbs that may stand between a subject and its verb.
static ADVERBS: Words = Words::new(include_str!("words/adverbs.txt"));

/// Nouns for what a government does, after which a capital stands for it.
static PARTY_NOUNS: Words = Words::new(include_str!("words/party_nouns.txt"));

static ACTING_VERBS: Words = Words::new(include_str!("words/acting_verbs.txt"));

/// Titles before a name that make it a person ("President Ebrahim Raisi").
static PERSON_TITLES: Words = Words::new(include_str!("words/person_titles.txt"));

/// Last words that make a name an organization.
static ORGANIZATION_WORDS: Words = Words::new(include_str!("words/organization_words.txt"));

/// Place words of Spanish and Portuguese, which open a place's name ("Puerto Cabello",
/// "Forte de Copacabana") and make no place when they end one.
static PLACE_WORDS_FIRST_ONLY: Words = Words::new(include_str!("words/place_words_first_only.txt"));

/// Words that make a body's name an armed group's: "Frente de Guerra Oriental", "Sinaloa
/// Cartel", "Qassam Brigades". ("Liberation" is not one: the People's Liberation Army is
/// a state's; the ELN is known by name.)
static ARMED_GROUP_WORDS: Words = Words::new(include_str!("words/armed_group_words.txt"));

/// Last words that make a capitalised run an event or a document, not an actor:
/// "Bolivarian Revolution", "Cold War", "Patriot Act".
static EVENT_WORDS: Words = Words::new(include_str!("words/event_words.txt"));

/// Last words that make a name a place.
static PLACE_WORDS: Words = Words::new(include_str!("words/place_words.txt"));

/// Capitalised words that begin sentences and headlines but name nothing.
static NOT_NAMES: Words = Words::new(include_str!("words/not_names.txt"));

/// Nouns whose "of X" names the person X leads: "the government of Maduro".
static GOVERNMENT_NOUNS: Words = Words::new(include_str!("words/government_nouns.txt"));

/// Lower-case words that may sit inside a name.
static CONNECTORS: Words = Words::new(include_str!("words/connectors.txt"));

/// Finds the actors of `text`.
pub fn find_actors(text: &str, lexicon: &Lexicon) -> Vec<FoundActor> {
    let tokens = tokenize(text);
    let mut found = Found::default();
    let known = known_names(text, &tokens, lexicon, &mut found);
    let (new_names, institutions) = new_names(text, &tokens, lexicon, &known);
    resolve_new_names(text, &tokens, lexicon, new_names, &mut found);
    found.remove_inside(&institutions, text);
    found.into_actors()
}

/// What pass 1 found, for the passes after it.
#[derive(Default)]
struct Known {
    /// Spans of known names.
    claimed: Vec<(usize, usize)>,
    /// Known names that are places (cities, capitals as places): a person's name may hold
    /// one ("Santiago Cafiero", "Ana Beatriz Lima").
    claimed_places: Vec<(usize, usize)>,
    /// Every demonym, taken or not: never a new name of its own.
    demonyms: Vec<(usize, usize)>,
}

/// A name found by its shape: `(start, end, kind, weak)`; a weak name is a lone
/// capitalised word opening a sentence, kept only if it refers back to a full name or a
/// defined acronym.
type NewName = (usize, usize, ActorKind, bool);

/// A capitalised run trimmed to the name it holds: tokens `first..=last` of the run that
/// starts at token `start`.
struct Run {
    start: usize,
    first: usize,
    last: usize,
    /// A title stood inside the run, before the name.
    titled_inside: bool,
}

/// Pass 1: the library's and the gazetteer's names, found by the matcher. They claim
/// their spans; a demonym counts only where it stands for its state, a capital stands
/// for its government where it acts.
fn known_names(text: &str, tokens: &[Token<'_>], lexicon: &Lexicon, found: &mut Found) -> Known {
    let mut known = Known::default();
    for hit in lexicon.matcher.find(text) {
        let (actor, role, state) = lexicon.roles[hit.target.id];
        if role == Role::Demonym {
            known.demonyms.push((hit.start, hit.end));
        }
        let after = next_word(tokens, hit.end);
        let resolved = match role {
            Role::Name => Some(actor),
            Role::Demonym => {
                // "Venezuelan Armed Forces" is a name of its own; "the Venezuelan regime" is the state.
                let capital_follows = after.is_some_and(|t| t.is_capitalised() && !is_person_title(t.text));
                (!capital_follows).then_some(state.unwrap_or(actor))
            }
            Role::Capital => {
                Some(if capital_acts(tokens, hit.start, hit.end) { state.unwrap_or(actor) } else { actor })
            }
        };
        let Some(actor) = resolved else { continue };
        if role == Role::Demonym && !demonym_stands_for_state(text, tokens, hit.start, hit.end, after) {
            continue;
        }
        let (name, kind) = &lexicon.actors[actor];
        found.add(name, *kind, &text[hit.start..hit.end], hit.start, hit.end);
        known.claimed.push((hit.start, hit.end));
        if *kind == ActorKind::Place {
            known.claimed_places.push((hit.start, hit.end));
        }
    }
    known
}

/// Whether a capital at `[start, end)` stands for its government: it acts ("Caracas
/// signed"), is a party ("ties with Moscow") or does what a government does ("the
/// protests of Washington"); else it is the place.
fn capital_acts(tokens: &[Token<'_>], start: usize, end: usize) -> bool {
    // "Caracas signed", "Caracas lo niega" (a clitic pronoun may come between).
    static CLITICS: Words = Words::new(include_str!("words/clitics.txt"));
    let i = tokens.partition_point(|t| t.start < end);
    // "Caracas and Damascus later signed": past other capitalised names joined
    // by "and", and adverbs, to the verb.
    let mut k = i;
    loop {
        match tokens.get(k).map(|t| t.text) {
            Some("and" | "y" | "e") if tokens.get(k + 1).is_some_and(|t| t.is_capitalised()) => k += 2,
            Some(w) if ADVERBS.contains(&w) || w.ends_with("ly") && w.len() > 4 => k += 1,
            _ => break,
        }
    }
    let mut verb = tokens.get(k);
    if verb.is_some_and(|t| CLITICS.contains(&t.text)) {
        verb = tokens.get(k + 1);
    }
    // "cooperate with Washington", "ties with Moscow and Tehran", "sanctions
    // against Caracas": a party, not a place.
    let words_before = || tokens[..i.min(tokens.len())].iter().rev().filter(|t| t.is_word() && t.end <= start);
    let names_between =
        words_before().take(4).take_while(|t| t.is_capitalised() || matches!(t.text, "and" | "y" | "e")).count();
    let partner = words_before()
        .nth(names_between)
        .is_some_and(|t| matches!(t.text.to_lowercase().as_str(), "with" | "con" | "com" | "against" | "contra"));
    // "the protests of Washington", "la presión de Moscú": what a government does.
    let mut back = words_before().skip(names_between);
    let of = back.next().is_some_and(|t| matches!(t.text, "of" | "from" | "de" | "do" | "da" | "del" | "dos"));
    let party_noun = of && back.next().is_some_and(|t| PARTY_NOUNS.contains(&t.text.to_lowercase().as_str()));
    let partner = partner || party_noun;
    let acts = partner || verb.is_some_and(|t| ACTING_VERBS.contains(&t.text.to_lowercase().as_str()));
    acts
}

/// Whether a demonym at `[start, end)` stands for its state: next to a state noun
/// ("the Venezuelan regime", "el régimen venezolano"), joined to one that is, naming a
/// maker ("Iranian-made"), or opening a longer name.
fn demonym_stands_for_state(
    text: &str,
    tokens: &[Token<'_>],
    start: usize,
    end: usize,
    after: Option<&Token<'_>>,
) -> bool {
    // English puts the noun after the demonym, Spanish and Portuguese before it.
    let state_noun = |t: &Token<'_>| STATE_NOUNS.contains(&t.text.to_lowercase().as_str());
    let before = tokens[..tokens.partition_point(|t| t.start < start)].iter().rev().find(|t| t.is_word());
    // "the Venezuelan and Cuban regimes": a demonym joined to another that governs a state noun.
    let paired = after.is_some_and(|t| matches!(t.text, "and" | "y" | "e" | "or"))
        && tokens[tokens.partition_point(|t| t.start < end)..]
            .iter()
            .filter(|t| t.is_word())
            .nth(2)
            .is_some_and(state_noun);
    // "Iranian-made drones", "drones de fabricación iraní": the state makes them.
    let made = ["-made", "-built", "-supplied"].iter().any(|m| text[end..].starts_with(m))
        || before.is_some_and(|t| {
            let lower = t.text.to_lowercase();
            lower.starts_with("fabricaci") || lower.starts_with("fabrica") || lower == "origen" || lower == "origem"
        });
    after.is_some_and(|t| state_noun(t) || t.is_capitalised()) || before.is_some_and(state_noun) || paired || made
}

/// Pass 2: new names by their shape, from each run of capitalised words; returns them
/// in text order with the spans of runs that hold known names as parts of their own
/// ("Argentine-Israeli Mutual Association").
fn new_names(
    text: &str,
    tokens: &[Token<'_>],
    lexicon: &Lexicon,
    known: &Known,
) -> (Vec<NewName>, Vec<(usize, usize)>) {
    let mut new_names: Vec<NewName> = Vec::new();
    let mut institutions: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(run) = capitalised_run(tokens, i) else {
            i += 1;
            continue;
        };
        i = run.1;
        name_of_run(text, tokens, lexicon, known, run, &mut new_names, &mut institutions);
    }
    new_names.sort_by_key(|n| n.0); // a known name cut off a run came before its run
    (new_names, institutions)
}

/// "Sentence" boundaries for names: the text's start, closing punctuation, a quote mark,
/// a line break, a colon or a dash.
fn opens_sentence(tokens: &[Token<'_>], k: usize) -> bool {
    k == 0 || matches!(tokens[k - 1].text, "." | "!" | "?" | "“" | "\"" | "\n" | ":" | "—" | "–")
}

/// Pass 2, one run: the name a capitalised run of tokens `[start, end)` holds and its
/// kind, unless known names already cover it.
fn name_of_run(
    text: &str,
    tokens: &[Token<'_>],
    lexicon: &Lexicon,
    known: &Known,
    run_tokens: (usize, usize),
    new_names: &mut Vec<NewName>,
    institutions: &mut Vec<(usize, usize)>,
) {
    let Some(run) = trim_run(text, tokens, lexicon, known, run_tokens, new_names) else { return };
    let (first, last) = (run.first, run.last);
    let (start, end) = (tokens[first].start, tokens[last].end);
    if (first..=last).all(|j| !tokens[j].is_word() || is_calendar_word(tokens[j].text)) {
        return; // "June", "Monday"
    }
    // Spans a known name fully covers are already found; a known demonym or name
    // inside a longer capitalised run yields to the run when the run ends in an
    // organization or place word.
    let covering: Vec<&(usize, usize)> = known.claimed.iter().filter(|(s, e)| *s < end && *e > start).collect();
    let words = &tokens[first..=last];
    let last_word = words.iter().rev().find(|t| t.is_word()).map(|t| t.text.to_lowercase()).unwrap_or_default();
    // English puts the kind word last ("Armed Forces"); Spanish and Portuguese often
    // first ("Policía Federal", "Fuerte Tiuna", "Asamblea Nacional").
    let first_word = tokens[first].text.to_lowercase();
    let multi = words.iter().filter(|t| t.is_word()).count() > 1;
    // ("Secretaría de Inteligencia de Estado", "Policía de la Ciudad": a body whose
    // name opens on its kind word and "de" is one, whatever word ends it.)
    let of_after_first = tokens.get(first + 1).is_some_and(|t| CONNECTORS.contains(&t.text));
    let organization = ORGANIZATION_WORDS.contains(&last_word.as_str())
        || multi
            && ORGANIZATION_WORDS.contains(&first_word.as_str())
            && (of_after_first || !PLACE_WORDS.contains(&last_word.as_str()));
    // (Spanish and Portuguese kind words open a place's name, and as last words are
    // surnames as often: "Tom Forte", "Ana Puerto".)
    let place = !organization
        && (PLACE_WORDS.contains(&last_word.as_str()) && !PLACE_WORDS_FIRST_ONLY.contains(&last_word.as_str())
            || multi && PLACE_WORDS.contains(&first_word.as_str()));
    if !covering.is_empty() {
        let fully = covering.iter().any(|(s, e)| *s <= start && *e >= end);
        // "U.S. Treasury Department": known names end to end (a state, then a known
        // organization) are those names, not a new one.
        let mut at = start;
        let mut spans: Vec<&(usize, usize)> = covering.clone();
        spans.sort();
        for (s, e) in spans {
            if *s <= at || text[at..*s].trim().is_empty() {
                at = at.max(*e);
            }
        }
        let tiled = at >= end && covering.len() >= 2;
        // Two to four capitalised words in which the known names are only places,
        // none covering the run: a person named like a city ("Santiago Cafiero").
        let word_count = words.iter().filter(|t| t.is_word()).count();
        let person_over_places = !fully
            && (2..=4).contains(&word_count)
            && !organization
            && !place
            && covering.iter().all(|c| known.claimed_places.contains(c));
        if person_over_places {
            institutions.push((start, end));
        } else if fully || tiled || !(organization || place) {
            return;
        }
        // "Argentine-Israeli Mutual Association": the demonyms inside belong to the name.
        institutions.push((start, end));
    }
    let shape = Shape { multi, organization, place, first_word, last_word };
    if let Some((kind, weak)) = kind_of_run(text, tokens, &run, &shape) {
        new_names.push((start, end, kind, weak));
    }
}

/// Trims the capitalised run of tokens `[start, end)` to the name it holds: leading
/// words that are no names, titles and their portfolios, a known name after a connector
/// (found as itself), what a person is "of". A body a person is "of" is pushed to
/// `new_names`. None when no name is left.
fn trim_run(
    text: &str,
    tokens: &[Token<'_>],
    lexicon: &Lexicon,
    known: &Known,
    (start, end): (usize, usize),
    new_names: &mut Vec<NewName>,
) -> Option<Run> {
    let (mut first, mut last) = (start, end - 1);
    // Leading words that are not names ("The", "Late", "In"), titles, and demonyms
    // unless the run names an organization or place ("Venezuelan Armed Forces").
    let run_end = tokens[last].text.to_lowercase();
    let institutional = ORGANIZATION_WORDS.contains(&run_end.as_str()) || PLACE_WORDS.contains(&run_end.as_str());
    // "El Libertador Air Base", "Los Angeles": a capitalised article inside a sentence
    // belongs to the name (sentence-initial ones are dropped as usual).
    let article_in_name = |k: usize| {
        matches!(tokens[k].text, "El" | "La" | "Los" | "Las" | "Al") && !opens_sentence(tokens, k) && last > k
    };
    while first <= last
        && !article_in_name(first)
        && (NOT_NAMES.contains(&tokens[first].text.to_lowercase().as_str())
            || is_person_title(tokens[first].text)
            || !institutional
                && known.demonyms.iter().any(|(s, e)| *s <= tokens[first].start && tokens[first].end <= *e))
    {
        first += 1;
    }
    while first <= last && !tokens[first].is_word() {
        first += 1;
    }
    // "Iranian President Ebrahim Raisi": what precedes a title inside the run is not the name.
    let mut titled_inside = false;
    if let Some(j) = (first..last).rev().find(|&j| is_person_title(tokens[j].text)) {
        first = j + 1;
        titled_inside = true;
    }
    while first <= last && !tokens[first].is_word() {
        first += 1;
    }
    // "Departamento do Tesouro dos Estados Unidos": a known name after a connector
    // ends the run; it was found as itself.
    // (Only a name that ends the run: in "Ministry of Treasury and Finance" the known
    // "Treasury" is the ministry's portfolio.)
    let joins = |word: &str| CONNECTORS.contains(&word) || matches!(word, "and" | "y" | "e");
    if let Some(j) = (first + 2..=last).find(|&j| {
        joins(tokens[j - 1].text) && known.claimed.iter().any(|(s, e)| *s == tokens[j].start && *e == tokens[last].end)
    }) {
        last = j - 2;
    } else if let Some(j) = (first + 2..=last).find(|&j| {
        // (Not inside a body's name: "Corporación Venezolana de Guayana" is no Guyana.)
        let institution_first = {
            let head = tokens[first].text.to_lowercase();
            ORGANIZATION_WORDS.contains(&head.as_str()) || PLACE_WORDS.contains(&head.as_str())
        };
        !institution_first
            && CONNECTORS.contains(&tokens[j - 1].text)
            && lexicon.variant_of(&text[tokens[j].start..tokens[last].end]).is_some()
    }) {
        // "Naim Kassem of Hizbolla": the same, for a known name spelt another way.
        new_names.push((tokens[j].start, tokens[last].end, ActorKind::Other, false));
        last = j - 2;
    }
    if first > last || is_person_title(tokens[last].text) {
        return None; // nothing left, or a role without a name ("Interior Minister")
    }
    // "Minister of Ecological Mining Development Héctor Luis Barrios", "procurador da
    // República Henrique Vasconcelos Dantas", "…for Terrorism and Financial
    // Intelligence Marisol Whitfield": after a title or its portfolio, the person's
    // name starts at the first given name. Not in names of places and bodies named
    // after a person ("San José", "Fundação Getulio Vargas", "Simón Bolívar Airport").
    let after_title = titled_inside
        || start < first
        || first > 0 && is_person_title(tokens[first - 1].text)
        || first > 1 && CONNECTORS.contains(&tokens[first - 1].text) && !tokens[first - 2].is_capitalised();
    let named_after = |k: usize| {
        let word = tokens[k].text.to_lowercase();
        ORGANIZATION_WORDS.contains(&word.as_str())
            || PLACE_WORDS.contains(&word.as_str())
            || matches!(word.as_str(), "san" | "santa" | "são" | "saint" | "st" | "santo" | "fort" | "puerto" | "porto")
    };
    if after_title && !named_after(first) && !named_after(last) && !is_given_name(tokens[first].text) {
        if let Some(j) = (first + 1..last).find(|&j| {
            is_given_name(tokens[j].text)
                && !named_after(j - 1)
                && tokens[j + 1..=last].iter().any(|t| t.is_word() && t.is_capitalised())
        }) {
            first = j;
            titled_inside = true;
        }
    }
    // "ranger Jamie Werner of Ngātiwai", "Carla Villarroel Suárez of the Creemos": a
    // person's name ends before "of" and the body they belong to (English only:
    // Iberian names hold "de", "da" and "del").
    if is_given_name(tokens[first].text) {
        if let Some(j) = (first + 2..last).find(|&j| tokens[j].text == "of") {
            let body = if tokens[j + 1].text == "the" { j + 2 } else { j + 1 };
            if body <= last && !known.claimed.iter().any(|(s, _)| *s == tokens[body].start) {
                // (What a person is "of", when no known place, is the body they serve.)
                new_names.push((tokens[body].start, tokens[last].end, ActorKind::Organization, false));
            }
            last = j - 1;
        }
    }
    Some(Run { start, first, last, titled_inside })
}

/// What a run's words say of its kind.
struct Shape {
    multi: bool,
    organization: bool,
    place: bool,
    first_word: String,
    last_word: String,
}

/// The kind of the name in `run` and whether it is weak, from its words and what
/// surrounds it (a preposition of place, an article, a title, a government it heads);
/// None for what is no actor (a portfolio, a model designation, an event).
fn kind_of_run(text: &str, tokens: &[Token<'_>], run: &Run, shape: &Shape) -> Option<(ActorKind, bool)> {
    let (first, last, titled_inside) = (run.first, run.last, run.titled_inside);
    let Shape { multi, organization, place, ref first_word, ref last_word } = *shape;
    let words = &tokens[first..=last];
    let sentence_start = opens_sentence(tokens, first);
    let single = words.iter().filter(|t| t.is_word()).count() == 1;
    // "in Maracay", "en Colón": a lone word after a preposition of place is a place.
    let previous = first.checked_sub(1).map(|k| tokens[k].text.to_lowercase());
    // "in Bolivia's Chapare region": a lone word before a place noun is a place.
    let before_place_noun = single
        && tokens.get(last + 1).is_some_and(|n| {
            n.is_word()
                && !n.is_capitalised()
                && matches!(
                    n.text,
                    "region" | "province" | "valley" | "area" | "district" | "border" | "river" | "state"
                )
        });
    // (Two to four words too: "em Nova York", unless a possessive follows: "in Raisi's".)
    let possessive_after = text[tokens[last].end..].starts_with("'s") || text[tokens[last].end..].starts_with("’s");
    let after_place_preposition = before_place_noun
        || (single || !titled_inside && words.iter().filter(|t| t.is_word()).count() <= 4)
            && !possessive_after
            && previous.as_deref().is_some_and(|p| matches!(p, "in" | "en" | "em" | "near" | "at"));
    // "sostiene a Maduro", "el gobierno de Maduro": a lone name a government belongs
    // to, or a Spanish direct object marked as a person by "a".
    let before_two: Vec<String> =
        tokens[..first].iter().rev().filter(|t| t.is_word()).take(2).map(|t| t.text.to_lowercase()).collect();
    // (Not after a verb of motion: "viajó a Moscú" goes to a place.)
    static MOTION: Words = Words::new(include_str!("words/motion.txt"));
    let person_context = single
        && !sentence_start
        && !is_acronym(tokens[first].text)
        && (matches!(before_two.first().map(String::as_str), Some("a"))
            && before_two.get(1).is_some_and(|w| {
                (w.ends_with('e') || w.ends_with('a') || w.ends_with('ó')) && !MOTION.iter().any(|m| w.starts_with(m))
            })
            || matches!(before_two.first().map(String::as_str), Some("de" | "of"))
                && before_two.get(1).is_some_and(|w| GOVERNMENT_NOUNS.contains(&w.as_str())));
    // A lone word right before a lower-case word is an adjective: "the Shiite jihadists".
    let adjective = single
        && !after_place_preposition
        && !person_context
        && tokens.get(last + 1).is_some_and(|n| {
            n.is_word()
                && !n.is_capitalised()
                && !n.is_digits()
                && !super::quotes::is_speech_verb(n.text)
                && !ACTING_VERBS.contains(&n.text)
        });
    // "O Itamaraty respondeu", "The Pentagon said": a lone capitalised word after an
    // article is a name, not a sentence's first word.
    let after_article = single
        && first > run.start
        && (run.start..first).all(|k| {
            matches!(
                tokens[k].text.to_lowercase().as_str(),
                "the" | "o" | "a" | "os" | "as" | "el" | "la" | "los" | "las"
            )
        });
    let weak = single
        && (sentence_start || first > run.start && !after_article || adjective)
        && !is_acronym(tokens[first].text);
    // "ministro das Relações Exteriores do Irã", "minister of Foreign Affairs": the
    // portfolio of a title, not an actor.
    let portfolio = first >= 2
        && CONNECTORS.contains(&tokens[first - 1].text.to_lowercase().as_str())
        && !tokens[first - 2].is_capitalised()
        && is_person_title(tokens[first - 2].text);
    if portfolio && !organization {
        return None;
    }
    // "Mohajer-6", "Shahed-136", "F-16": a model designation, not an actor.
    let model = text[tokens[last].end..].starts_with('-')
        && text[tokens[last].end + 1..].starts_with(|c: char| c.is_ascii_digit());
    if model {
        return None;
    }
    let titled = titled_inside
        || first > 0 && is_person_title(tokens[first - 1].text)
        || first > 1 && tokens[first - 1].text == "”" && is_person_title(tokens[first - 2].text);
    // Spanish and Portuguese name events kind word first: "Revolución Bolivariana".
    static EVENT_FIRST_WORDS: Words = Words::new(include_str!("words/event_first_words.txt"));
    if EVENT_WORDS.contains(&last_word.as_str()) || multi && EVENT_FIRST_WORDS.contains(&first_word.as_str()) {
        return None;
    }
    // "the Caracas-based group Acceso a la Justicia", "la ONG Provea": named after a
    // word for an organization.
    static ORGANIZATION_NOUNS: Words = Words::new(include_str!("words/organization_nouns.txt"));
    let named_organization = previous.as_deref().is_some_and(|p| ORGANIZATION_NOUNS.contains(&p));
    let armed = multi && words.iter().any(|t| ARMED_GROUP_WORDS.contains(&t.text.to_lowercase().as_str()));
    let kind = if armed && (organization || multi) {
        ActorKind::ArmedGroup
    } else if organization || named_organization || after_article && !after_place_preposition {
        ActorKind::Organization
    } else if !place
        && (2..=4).contains(&words.iter().filter(|t| t.is_word()).count())
        && is_given_name(tokens[first].text)
    {
        // "at the time, Tom Forte": a given name first outweighs a preposition of place.
        ActorKind::Person
    } else if place || after_place_preposition && !is_acronym(tokens[first].text) {
        ActorKind::Place
    } else if person_context || titled || (2..=4).contains(&words.iter().filter(|t| t.is_word()).count()) {
        ActorKind::Person
    } else if is_acronym(tokens[first].text) {
        ActorKind::Organization
    } else {
        ActorKind::Other
    };
    Some((kind, weak))
}

/// Pass 3: acronyms defined in parentheses and the surnames of people named in full;
/// each new name is then the actor it refers back to, a known name spelt another way, or
/// itself (a weak name only when it refers back).
fn resolve_new_names(text: &str, tokens: &[Token<'_>], lexicon: &Lexicon, new_names: Vec<NewName>, found: &mut Found) {
    let acronyms = defined_acronyms(text, &new_names);
    let surnames = surnames(text, &new_names);
    for (mut s, e, kind, weak) in new_names {
        // "El Aissami" opening a sentence lost its particle to the not-a-name rule.
        let particle = tokens
            .iter()
            .rev()
            .find(|t| t.end < s)
            .filter(|t| t.end + 1 == s && CONNECTORS.contains(&t.text.to_lowercase().as_str()));
        if let Some(p) = particle {
            if surnames.contains_key(&normalize_name(&text[p.start..e])) {
                s = p.start;
            }
        }
        let surface = &text[s..e];
        if let Some((full, kind)) = acronyms.get(surface) {
            found.add(full, *kind, surface, s, e);
        } else if let Some(full) = surnames.get(&normalize_name(surface)).filter(|full| full.as_str() != surface) {
            // "Raeisi" after "Ebrahim Raeisi", which is the library's "Ebrahim Raisi".
            match lexicon.variant_of(full) {
                Some(actor) => found.add(&lexicon.actors[actor].0, lexicon.actors[actor].1, surface, s, e),
                None => found.add(full, ActorKind::Person, surface, s, e),
            }
        } else if let Some(actor) = lexicon.variant_of(surface) {
            let (name, kind) = &lexicon.actors[actor];
            found.add(name, *kind, surface, s, e);
        } else if !weak {
            found.add(surface, kind, surface, s, e);
        }
    }
}

/// Acronyms defined in parentheses: "Argentine-Israeli Mutual Association (AMIA)".
fn defined_acronyms(text: &str, new_names: &[NewName]) -> HashMap<String, (String, ActorKind)> {
    let mut acronyms: HashMap<String, (String, ActorKind)> = HashMap::new();
    for window in new_names.windows(2) {
        let ((s1, e1, k1, _), (s2, e2, _, _)) = (window[0], window[1]);
        let between = text[e1..s2].trim();
        let acronym = &text[s2..e2];
        if between == "(" && text[e2..].starts_with(')') && is_acronym(acronym) && k1 != ActorKind::Person {
            let kind = if k1 == ActorKind::Other { ActorKind::Organization } else { k1 };
            acronyms.insert(acronym.to_string(), (text[s1..e1].to_string(), kind));
        }
    }
    acronyms
}

/// Surnames: the last word (or words after a connector) of multi-word person names.
fn surnames(text: &str, new_names: &[NewName]) -> HashMap<String, String> {
    let mut surnames: HashMap<String, String> = HashMap::new();
    for (s, e, kind, _) in new_names {
        if *kind != ActorKind::Person {
            continue;
        }
        let name = &text[*s..*e];
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() >= 2 {
            surnames.entry(normalize_name(words[words.len() - 1])).or_insert_with(|| name.to_string());
            if words.len() >= 3 && CONNECTORS.contains(&words[words.len() - 2].to_lowercase().as_str()) {
                surnames.entry(normalize_name(&words[words.len() - 2..].join(" "))).or_insert_with(|| name.to_string());
            }
        }
    }
    // Spanish and Portuguese names carry two surnames, and the first is the one a text
    // uses ("Aníbal José Quevedo Lander" … "Quevedo"), or both ("Ferrer Lugo"). Taken
    // after every last word, so that a last word always wins; never an initial.
    for (s, e, kind, _) in new_names {
        let name = &text[*s..*e];
        let words: Vec<&str> = name.split_whitespace().collect();
        if *kind != ActorKind::Person || words.len() < 3 {
            continue;
        }
        let first_surname = words[words.len() - 2];
        let is_initial = first_surname.trim_end_matches('.').chars().count() <= 1;
        if !is_initial && !CONNECTORS.contains(&first_surname.to_lowercase().as_str()) {
            surnames.entry(normalize_name(first_surname)).or_insert_with(|| name.to_string());
            surnames.entry(normalize_name(&words[words.len() - 2..].join(" "))).or_insert_with(|| name.to_string());
        }
    }
    surnames
}

fn is_calendar_word(word: &str) -> bool {
    static DAYS: Words = Words::new(include_str!("words/days.txt"));
    let lower = word.to_lowercase();
    super::dates::month_number(&lower).is_some() || DAYS.contains(&lower.as_str())
}

/// Whether `word` is a given name of [`given_names.txt`](given_names.txt), as written
/// (capitalised).
fn is_given_name(word: &str) -> bool {
    static NAMES: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            include_str!("given_names.txt")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        })
        .contains(word)
}

pub(crate) fn is_person_title(word: &str) -> bool {
    PERSON_TITLES.contains(&word.to_lowercase().trim_end_matches('.'))
}

/// The first word token starting at or after byte `at`, skipping closing quotes.
fn next_word<'t>(tokens: &'t [Token<'t>], at: usize) -> Option<&'t Token<'t>> {
    let i = tokens.partition_point(|t| t.start < at);
    tokens[i..].iter().find(|t| !matches!(t.text, "”" | "’" | "\"" | "'"))
}

/// A run of capitalised words starting at token `i`, with connectors, hyphens and
/// initials inside: the token range `[start, end)`.
fn capitalised_run(t: &[Token<'_>], i: usize) -> Option<(usize, usize)> {
    if !(t[i].is_word() && t[i].is_capitalised()) {
        return None;
    }
    let mut last = i;
    let mut k = i + 1;
    while let Some(token) = t.get(k) {
        let joined = t[k - 1].end == token.start;
        if token.is_word() && token.is_capitalised() {
            last = k;
        } else if token.is_word() && CONNECTORS.contains(&token.text) && !joined {
            // only when a capitalised word follows the connector(s)
        } else if matches!(token.text, "and" | "y" | "e")
            && ORGANIZATION_WORDS.contains(&t[i].text.to_lowercase().as_str())
            && t[i + 1..k].iter().any(|w| CONNECTORS.contains(&w.text))
            && t.get(k + 1).is_some_and(|n| n.is_word() && n.is_capitalised())
        {
            // "Ministry of Treasury and Finance", "Center for Strategic and International
            // Studies": "and" inside a body's name, after its "of" or "for".
        } else if matches!(token.text, "-" | "." | "'" | "’")
            && joined
            && (last == k - 1 || token.text == "-" && CONNECTORS.contains(&t[k - 1].text))
        {
            // "Díaz-Canel", "K. Caruzo", "O'Neill"; not a possessive
            if matches!(token.text, "'" | "’") && t.get(k + 1).is_some_and(|n| n.text == "s") {
                break;
            }
            if token.text == "." && t[k - 1].text.chars().count() > 2 {
                break; // a full stop after a word ends the sentence
            }
        } else {
            break;
        }
        k += 1;
    }
    Some((i, last + 1))
}

/// Mentions gathered by actor name, in order of first mention.
#[derive(Default)]
struct Found {
    order: Vec<String>,
    by_name: HashMap<String, FoundActor>,
}

impl Found {
    fn add(&mut self, name: &str, kind: ActorKind, surface: &str, start: usize, end: usize) {
        let key = normalize_name(name);
        let actor = self.by_name.entry(key.clone()).or_insert_with(|| {
            self.order.push(key.clone());
            FoundActor { name: name.to_string(), kind, surfaces: Vec::new(), mentions: Vec::new() }
        });
        // A name first seen without a clue to its kind takes the first clue found later.
        if actor.kind == ActorKind::Other {
            actor.kind = kind;
        }
        if !actor.surfaces.iter().any(|s| s == surface) {
            actor.surfaces.push(surface.to_string());
        }
        actor.mentions.push((start, end));
    }

    /// Drops mentions lying inside (not equal to) the given spans, and the actors and
    /// surfaces left with none.
    fn remove_inside(&mut self, spans: &[(usize, usize)], text: &str) {
        if spans.is_empty() {
            return;
        }
        let inside = |(s, e): (usize, usize)| spans.iter().any(|(a, b)| *a <= s && e <= *b && (*a, *b) != (s, e));
        for actor in self.by_name.values_mut() {
            actor.mentions.retain(|m| !inside(*m));
            let kept: Vec<&str> = actor.mentions.iter().map(|(s, e)| &text[*s..*e]).collect();
            actor.surfaces.retain(|s| kept.contains(&s.as_str()));
        }
        self.by_name.retain(|_, a| !a.mentions.is_empty());
        self.order.retain(|k| self.by_name.contains_key(k));
    }

    fn into_actors(mut self) -> Vec<FoundActor> {
        self.order
            .iter()
            .filter_map(|key| self.by_name.remove(key))
            .map(|mut a| {
                a.mentions.sort_unstable();
                a.mentions.dedup();
                a
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actors(text: &str) -> Vec<(String, ActorKind, Vec<String>)> {
        find_actors(text, &Lexicon::builtin()).into_iter().map(|a| (a.name, a.kind, a.surfaces)).collect()
    }

    fn find<'a>(all: &'a [(String, ActorKind, Vec<String>)], name: &str) -> &'a (String, ActorKind, Vec<String>) {
        all.iter().find(|a| a.0 == name).unwrap_or_else(|| panic!("{name} not found in {all:?}"))
    }

    #[test]
    fn gazetteer_names_demonyms_and_capitals() {
        let found = actors("The Venezuelan regime and Iran’s allies met in Tehran. Caracas signed the deal with the U.S. and Hizbullah.");
        assert_eq!(find(&found, "Venezuela").2, vec!["Venezuelan", "Caracas"]);
        assert_eq!(find(&found, "Iran").1, ActorKind::State);
        assert_eq!(find(&found, "Tehran").1, ActorKind::Place);
        assert_eq!(find(&found, "United States").2, vec!["U.S."]);
        assert_eq!(find(&found, "Hezbollah").1, ActorKind::ArmedGroup);
    }

    #[test]
    fn transliteration_variants_link_to_the_library_actor() {
        let known = [
            KnownActor { name: "Ebrahim Raisi".into(), kind: ActorKind::Person, aliases: vec![] },
            KnownActor { name: "Naim Qassem".into(), kind: ActorKind::Person, aliases: vec![] },
        ];
        let text = "Iranian President Ebrahim Raeisi received Naim Kassem of Hezballah. \
                    Raeisi praised the group. Rose Carter, an analyst, disagreed.";
        let found: Vec<_> =
            find_actors(text, &Lexicon::with_known(&known)).into_iter().map(|a| (a.name, a.kind, a.surfaces)).collect();
        assert_eq!(find(&found, "Ebrahim Raisi").2, vec!["Ebrahim Raeisi", "Raeisi"]);
        assert_eq!(find(&found, "Naim Qassem").2, vec!["Naim Kassem"]);
        assert_eq!(find(&found, "Hezbollah").2, vec!["Hezballah"]);
        assert_eq!(find(&found, "Rose Carter").1, ActorKind::Person, "a name that only shares a key stays itself");
    }

    #[test]
    fn new_names_with_kinds_from_titles_and_keywords() {
        let found = actors(
            "The executive director of the Center for a Secure Free Society (SFS) Joseph Humire spoke. \
             Late Iranian President Ebrahim Raisi and the dictator Hugo Chávez met the Venezuelan Armed Forces. \
             Humire said SFS had warned. The 1994 bombing of the Argentine-Israeli Mutual Association (AMIA) followed.",
        );
        let sfs = find(&found, "Center for a Secure Free Society");
        assert_eq!(
            (sfs.1, sfs.2.clone()),
            (ActorKind::Organization, vec!["Center for a Secure Free Society".into(), "SFS".into()])
        );
        let humire = find(&found, "Joseph Humire");
        assert_eq!((humire.1, humire.2.clone()), (ActorKind::Person, vec!["Joseph Humire".into(), "Humire".into()]));
        assert_eq!(find(&found, "Ebrahim Raisi").1, ActorKind::Person);
        assert_eq!(find(&found, "Hugo Chávez").1, ActorKind::Person);
        assert_eq!(find(&found, "Venezuelan Armed Forces").1, ActorKind::Organization);
        assert_eq!(find(&found, "Argentine-Israeli Mutual Association").2.len(), 2);
        assert!(found.iter().all(|a| a.0 != "The" && a.0 != "Late"), "{found:?}");
    }

    #[test]
    fn a_name_after_a_title_and_its_portfolio_starts_at_the_given_name() {
        let found = actors(
            "In late March, Minister of Ecological Mining Development Héctor Luis Barrios told state television. \
             Nicaragua's visiting Minister of Foreign Affairs Denis Orozco Altamirano spoke, and U.S. Attorney \
             Marisol K. Whitfield said so. The complaint, signed by procurador da República Henrique Vasconcelos \
             Dantas, reached the Fundação Getulio Vargas in San José Alvarado.",
        );
        for person in
            ["Héctor Luis Barrios", "Denis Orozco Altamirano", "Marisol K. Whitfield", "Henrique Vasconcelos Dantas"]
        {
            assert_eq!(find(&found, person).1, ActorKind::Person, "{found:?}");
        }
        // Bodies and places named after a person keep their whole name.
        assert!(found.iter().any(|a| a.0 == "Fundação Getulio Vargas"), "{found:?}");
        assert!(found.iter().all(|a| a.0 != "Getulio Vargas" && a.0 != "José Alvarado"), "{found:?}");
    }

    #[test]
    fn bodies_keep_their_whole_names() {
        let found = actors(
            "Minerven, an arm of the state-owned Corporación Venezolana de Guayana, paid Safir Exchange. \
             Turkey's Ministry of Treasury and Finance said so, as did the Center for Strategic and International \
             Studies. The Ministry of Defense and Iran signed nothing.",
        );
        assert_eq!(find(&found, "Corporación Venezolana de Guayana").1, ActorKind::Organization, "{found:?}");
        assert_eq!(find(&found, "Ministry of Treasury and Finance").1, ActorKind::Organization);
        assert_eq!(find(&found, "Center for Strategic and International Studies").1, ActorKind::Organization);
        assert_eq!(find(&found, "Safir Exchange").1, ActorKind::Organization);
        // A transliteration variant inside a body's name is no mention of the state.
        assert!(found.iter().all(|a| a.0 != "Guyana"), "{found:?}");
        let found = actors(
            "El jefe del Frente de Guerra Oriental habló; la Secretaría de Inteligencia de Estado y la \
             Organización de Seguridad Exterior callaron, como el Cártel de Sinaloa.",
        );
        assert_eq!(find(&found, "Frente de Guerra Oriental").1, ActorKind::ArmedGroup, "{found:?}");
        assert_eq!(find(&found, "Cártel de Sinaloa").1, ActorKind::ArmedGroup, "{found:?}");
        let armies = actors("La Armada del Ejército Popular de Liberación y el Ejército de Liberación Nacional.");
        assert_eq!(find(&armies, "Armada del Ejército Popular de Liberación").1, ActorKind::Organization, "{armies:?}");
        assert_eq!(find(&armies, "ELN").1, ActorKind::ArmedGroup, "{armies:?}");
        assert_eq!(find(&found, "Secretaría de Inteligencia de Estado").1, ActorKind::Organization);
        assert_eq!(find(&found, "Organización de Seguridad Exterior").1, ActorKind::Organization);
        let found = actors("Minerven paid. The Ministry of Defense and Iran signed nothing.");
        // "and" before a known name does not join it to the body.
        assert!(found.iter().any(|a| a.0 == "Iran") && found.iter().any(|a| a.0 == "Ministry of Defense"), "{found:?}");
        // A person's name ends before "of" and the body they belong to.
        let found =
            actors("A ranger, Jamie Werner of Ngātiwai, said so, as did Carla Villarroel Suárez of the Creemos.");
        assert_eq!(find(&found, "Jamie Werner").1, ActorKind::Person, "{found:?}");
        assert_eq!(find(&found, "Carla Villarroel Suárez").1, ActorKind::Person, "{found:?}");
        assert!(found.iter().any(|a| a.0 == "Creemos"), "{found:?}");
    }

    #[test]
    fn connectors_join_names_and_surnames_refer_back() {
        let found =
            actors("Officials said Tarek El Aissami was purged. El Aissami denied it, and Christian K. Caruzo wrote.");
        assert_eq!(find(&found, "Tarek El Aissami").2, vec!["Tarek El Aissami", "El Aissami"]);
        assert_eq!(find(&found, "Christian K. Caruzo").1, ActorKind::Person);
    }

    #[test]
    fn library_actors_are_found_through_every_alias() {
        let known =
            [KnownActor { name: "Tren de Aragua".into(), kind: ActorKind::ArmedGroup, aliases: vec!["TdA".into()] }];
        let lexicon = Lexicon::with_known(&known);
        let found = find_actors("Members of TdA and the TREN DE ARAGUA gang were arrested.", &lexicon);
        assert_eq!(found[0].name, "Tren de Aragua");
        assert_eq!(found[0].mentions.len(), 2);
    }
}
