//! Claim suggestions: a sentence that relates two actors through a relation word
//! ("signed", "visit", "proxy", "alliance", "firmaron", "apoio") becomes a suggested
//! claim — subject, typed relation, object, the sentence's date, who asserts it (a
//! quoted speaker, or the actor who "said", "claimed", "warned" it) and how hedged it
//! is ("allegedly", "believed", "reports"). Each claim cites its whole sentence.
//!
//! Only the actors nearest the relation word on either side are paired, and a
//! sentence yields at most a few claims: pairing every two names in a sentence finds
//! many but types none and buries the analyst.

use crate::model::{ActorKind, Certainty, Relation};

/// Claims suggested from one sentence at most.
const MAX_PER_SENTENCE: usize = 3;

/// A mention as the claim finder sees it: byte span, actor name and kind.
#[derive(Debug, Clone)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub actor: String,
    pub kind: ActorKind,
}

/// A quotation with its (resolved) speaker, in bytes.
#[derive(Debug, Clone)]
pub struct Quoted {
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
}

/// A date, in bytes.
#[derive(Debug, Clone)]
pub struct Dated {
    pub start: usize,
    pub end: usize,
    pub edtf: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundClaim {
    pub subject: String,
    pub relation: Relation,
    pub object: String,
    pub date: Option<String>,
    pub attributed_to: Option<String>,
    pub certainty: Certainty,
    /// The cited sentence, in bytes.
    pub start: usize,
    pub end: usize,
}

/// Relation words by the start of their lower-case form, and whether the actor after
/// the word is the subject ("Iran and its proxy, Hezbollah": Hezbollah proxy_of Iran).
const TRIGGERS: &[(&str, Relation, bool)] = &[
    ("proxy", Relation::ProxyOf, true),
    ("proxies", Relation::ProxyOf, true),
    ("alliance", Relation::AllyOf, false),
    ("allian", Relation::AllyOf, false),
    ("allies", Relation::AllyOf, false),
    ("ally", Relation::AllyOf, false),
    ("allied", Relation::AllyOf, false),
    ("ties", Relation::AllyOf, false),
    ("relationship", Relation::AllyOf, false),
    ("relation", Relation::AllyOf, false),
    ("friendly", Relation::AllyOf, false),
    ("partner", Relation::AllyOf, false),
    ("alianza", Relation::AllyOf, false),
    ("aliança", Relation::AllyOf, false),
    ("aliad", Relation::AllyOf, false),
    ("lazos", Relation::AllyOf, false),
    ("relaciones", Relation::AllyOf, false),
    ("relación", Relation::AllyOf, false),
    ("relação", Relation::AllyOf, false),
    ("relações", Relation::AllyOf, false),
    ("laços", Relation::AllyOf, false),
    ("vínculo", Relation::AllyOf, false),
    ("cooperat", Relation::CooperatesWith, false),
    ("collaborat", Relation::CooperatesWith, false),
    ("cooperación", Relation::CooperatesWith, false),
    ("cooperação", Relation::CooperatesWith, false),
    ("coopera", Relation::CooperatesWith, false),
    ("colabor", Relation::CooperatesWith, false),
    ("signed", Relation::SignsAgreementWith, false),
    ("signs", Relation::SignsAgreementWith, false),
    ("signing", Relation::SignsAgreementWith, false),
    ("firmaron", Relation::SignsAgreementWith, false),
    ("firmó", Relation::SignsAgreementWith, false),
    ("assinaram", Relation::SignsAgreementWith, false),
    ("assinou", Relation::SignsAgreementWith, false),
    ("visit", Relation::Visits, false),
    ("travel", Relation::Visits, false),
    ("trip", Relation::Visits, false),
    ("toured", Relation::Visits, false),
    ("visitó", Relation::Visits, false),
    ("visitou", Relation::Visits, false),
    ("viajó", Relation::Visits, false),
    ("viajou", Relation::Visits, false),
    ("met", Relation::Meets, false),
    ("meet", Relation::Meets, false),
    ("encounter", Relation::Meets, false),
    ("encontr", Relation::Meets, false),
    ("suppl", Relation::Supplies, false),
    ("deliver", Relation::Supplies, false),
    ("shipment", Relation::Supplies, false),
    ("shipped", Relation::Supplies, false),
    ("gave", Relation::Supplies, false),
    ("granted", Relation::Supplies, false),
    ("provid", Relation::Supplies, false),
    ("sold", Relation::Supplies, false),
    ("gift", Relation::Supplies, false),
    ("donat", Relation::Supplies, false),
    ("assistance", Relation::Supplies, false),
    ("courtesy", Relation::Supplies, true),
    ("suministr", Relation::Supplies, false),
    ("entreg", Relation::Supplies, false),
    ("fornec", Relation::Supplies, false),
    ("support", Relation::Supports, false),
    ("backing", Relation::Supports, false),
    ("backed", Relation::Supports, false),
    ("apoy", Relation::Supports, false),
    ("apoi", Relation::Supports, false),
    ("respald", Relation::Supports, false),
    ("attack", Relation::Attacks, false),
    ("bombing", Relation::Attacks, false),
    ("bombed", Relation::Attacks, false),
    ("strike", Relation::Attacks, false),
    ("atentado", Relation::Attacks, false),
    ("ataque", Relation::Attacks, false),
    ("atacó", Relation::Attacks, false),
    ("atacou", Relation::Attacks, false),
    ("accus", Relation::Accuses, false),
    ("acusa", Relation::Accuses, false),
    ("wanted", Relation::Accuses, true),
    ("sanction", Relation::Opposes, false),
    ("designated", Relation::Opposes, false),
    ("indicted", Relation::Accuses, false),
    ("acusó", Relation::Accuses, false),
    ("acusou", Relation::Accuses, false),
    ("sancion", Relation::Opposes, false),
    ("fund", Relation::Funds, false),
    ("financ", Relation::Funds, false),
    ("loan", Relation::Funds, false),
    ("préstamo", Relation::Funds, false),
    ("empréstimo", Relation::Funds, false),
    ("send", Relation::Supplies, false),
    ("sent", Relation::Supplies, false),
    ("envió", Relation::Supplies, false),
    ("envía", Relation::Supplies, false),
    ("enviaron", Relation::Supplies, false),
    ("enviou", Relation::Supplies, false),
    ("envia", Relation::Supplies, false),
    ("enviaram", Relation::Supplies, false),
    ("offer", Relation::Supplies, false),
    ("issued", Relation::Supplies, false),
    ("launder", Relation::Funds, false),
    ("lavado", Relation::Funds, false),
    ("lavagem", Relation::Funds, false),
    ("suspect", Relation::Accuses, false),
    ("thank", Relation::Supports, true),
    ("agradec", Relation::Supports, true),
    ("docked", Relation::Visits, false),
    ("atrac", Relation::Visits, false),
    ("critic", Relation::Opposes, false),
    ("critiq", Relation::Opposes, false),
    ("export", Relation::Supplies, false),
    ("import", Relation::Supplies, true),
    ("ofrec", Relation::Supplies, false),
    ("oferec", Relation::Supplies, false),
    ("welcom", Relation::Meets, false),
    ("hosted", Relation::Meets, false),
    ("receiv", Relation::Supplies, true),
    ("recib", Relation::Supplies, true),
    ("receb", Relation::Supplies, true),
    ("help", Relation::Supports, false),
    ("ayud", Relation::Supports, false),
    ("ajud", Relation::Supports, false),
    ("leads", Relation::Leads, false),
    ("leader", Relation::Leads, true),
    ("lidera", Relation::Leads, false),
    ("member of", Relation::MemberOf, false),
    ("members of", Relation::MemberOf, false),
    ("miembro de", Relation::MemberOf, false),
    ("membro d", Relation::MemberOf, false),
    ("allow", Relation::Supports, false),
    ("protect", Relation::Supports, false),
    ("shelter", Relation::Supports, false),
    ("oppos", Relation::Opposes, false),
    ("condemn", Relation::Opposes, false),
    ("conden", Relation::Opposes, false),
    ("rechaz", Relation::Opposes, false),
    // Hostile relations, the bulk of reporting in this field, and their Spanish and
    // Portuguese forms (stems take the inflections: "denounced", "denunció", "rejeitou").
    ("denounc", Relation::Opposes, false),
    ("reject", Relation::Opposes, false),
    ("rejeit", Relation::Opposes, false),
    ("repudi", Relation::Opposes, false),
    ("threaten", Relation::Opposes, false),
    ("amenaz", Relation::Opposes, false),
    ("ameaç", Relation::Opposes, false),
    ("hostil", Relation::Opposes, false),
    ("enem", Relation::Opposes, false),
    ("inimig", Relation::Opposes, false),
    ("confront", Relation::Opposes, false),
    ("expel", Relation::Opposes, false),
    ("expuls", Relation::Opposes, false),
    ("rompi", Relation::Opposes, false),
    ("rompeu", Relation::Opposes, false),
    ("charges", Relation::Accuses, false),
    ("classific", Relation::Opposes, false),
    ("clasific", Relation::Opposes, false),
    ("sanç", Relation::Opposes, false),
    ("embargo", Relation::Opposes, false),
    ("indict", Relation::Accuses, false),
    ("imput", Relation::Accuses, false),
    ("prosecut", Relation::Accuses, false),
    ("processou", Relation::Accuses, false),
    ("blame", Relation::Accuses, false),
    ("culp", Relation::Accuses, false),
    ("kill", Relation::Attacks, false),
    ("assassin", Relation::Attacks, false),
    ("asesin", Relation::Attacks, false),
    ("invad", Relation::Attacks, false),
    ("invasi", Relation::Attacks, false),
    ("invasão", Relation::Attacks, false),
    // Cooperation, support, supply, money and meetings.
    ("linked", Relation::CooperatesWith, false),
    ("vinculad", Relation::CooperatesWith, false),
    ("ligad", Relation::CooperatesWith, false),
    ("coordin", Relation::CooperatesWith, false),
    ("partnership", Relation::CooperatesWith, false),
    ("parceria", Relation::CooperatesWith, false),
    ("business with", Relation::CooperatesWith, false),
    ("negocios con", Relation::CooperatesWith, false),
    ("negócios com", Relation::CooperatesWith, false),
    ("diálogo", Relation::CooperatesWith, false),
    ("dialogue", Relation::CooperatesWith, false),
    ("stood by", Relation::Supports, false),
    ("stood with", Relation::Supports, false),
    ("stands with", Relation::Supports, false),
    ("solidar", Relation::Supports, false),
    ("defend", Relation::Supports, false),
    ("praise", Relation::Supports, false),
    ("elogi", Relation::Supports, false),
    ("arms", Relation::Supplies, false),
    ("arma", Relation::Supplies, false),
    ("transfer", Relation::Funds, false),
    ("transfiri", Relation::Funds, false),
    ("paid", Relation::Funds, false),
    ("bribe", Relation::Funds, false),
    ("soborn", Relation::Funds, false),
    ("propina", Relation::Funds, false),
    ("talks with", Relation::Meets, false),
    ("reuni", Relation::Meets, false),
    ("convers", Relation::Meets, false),
    ("arrived in", Relation::Visits, false),
    // Links, friendship, authorizations and seizures (a hostile act, like an arrest).
    ("ligaç", Relation::CooperatesWith, false),
    ("friend", Relation::AllyOf, false),
    ("amig", Relation::AllyOf, false),
    ("authoriz", Relation::CooperatesWith, false),
    ("authoris", Relation::CooperatesWith, false),
    ("autoriz", Relation::CooperatesWith, false),
    ("builds for", Relation::CooperatesWith, false),
    ("built for", Relation::CooperatesWith, false),
    ("construye para", Relation::CooperatesWith, false),
    ("construyó para", Relation::CooperatesWith, false),
    ("constrói para", Relation::CooperatesWith, false),
    ("construiu para", Relation::CooperatesWith, false),
    ("seiz", Relation::Opposes, false),
    ("apreend", Relation::Opposes, false),
    ("incaut", Relation::Opposes, false),
    ("confisc", Relation::Opposes, false),
    ("arrest", Relation::Opposes, false),
    ("detain", Relation::Opposes, false),
    ("llegó a", Relation::Visits, false),
    ("chegou a", Relation::Visits, false),
];

/// Words a trigger's stem starts but that relate no one: people ("financiers") and
/// descriptions ("a financial network", "helpful").
const NOT_TRIGGERS: &[&str] = &[
    "financier",
    "financial",
    "financeir",
    "helpful",
    "helpless",
    "critical",
    "suspects",
    "armament",
    "armamento",
    "armada",
    "armado",
    "armas",
    "armies",
    "armor",
    "armour",
    "arms-length",
    "defendant",
    "defense",
    "defence",
    "defensa",
    "defesa",
    "enemy-",
    "transferencia",
    "transparen",
    "conversion",
    "killer",
];

/// Words that must match whole (their stems start too many other words).
/// (Not after an article: "para la firma" is the signing, not a party signing.)
const WHOLE_WORD_TRIGGERS: &[(&str, Relation)] = &[
    ("sign", Relation::SignsAgreementWith),
    ("firma", Relation::SignsAgreementWith),
    ("firman", Relation::SignsAgreementWith),
    ("assina", Relation::SignsAgreementWith),
    ("assinam", Relation::SignsAgreementWith),
];

/// The relation words (their first word, for two-word stems) by their first two bytes,
/// for a quick first test that allocates nothing.
fn trigger_openings() -> &'static std::collections::HashMap<(u8, u8), Vec<&'static str>> {
    static OPENINGS: std::sync::OnceLock<std::collections::HashMap<(u8, u8), Vec<&'static str>>> =
        std::sync::OnceLock::new();
    OPENINGS.get_or_init(|| {
        let mut openings: std::collections::HashMap<(u8, u8), Vec<&'static str>> = std::collections::HashMap::new();
        for w in TRIGGERS.iter().map(|(stem, _, _)| *stem).chain(WHOLE_WORD_TRIGGERS.iter().map(|(w, _)| *w)) {
            let first = w.split(' ').next().unwrap_or(w);
            openings.entry((first.as_bytes()[0], first.as_bytes()[1])).or_default().push(first);
        }
        openings
    })
}

/// Whether `word` may start like one of `stems` (ASCII letters in any case).
fn may_start_like(word: &str, stems: &[&str]) -> bool {
    stems
        .iter()
        .any(|stem| word.len() >= stem.len() && word.as_bytes()[..stem.len()].eq_ignore_ascii_case(stem.as_bytes()))
}

/// Stems of verbs by which someone links two others ("officials have linked X to Y").
const LINKING: &[&str] = &["linked", "vinculad", "ligad"];

/// Stems of "receive": what is received is supplied by another ("Cuba received oil from
/// Venezuela"), but a person received is met ("Maduro received the Iranian minister").
const RECEIVING: &[&str] = &["receiv", "recib", "receb"];

/// Phrases after which the actor named is the source of what the sentence reports:
/// "according to two U.S. officials", "según la agencia Reuters".
const ACCORDING_TO: &[&str] = &[
    "according to ",
    "según ",
    "de acuerdo con ",
    "segundo o ",
    "segundo a ",
    "segundo os ",
    "segundo as ",
    "de acordo com ",
    "report by ",
    "study by ",
    "informe de ",
    "informe del ",
    "relatório d",
];

/// Words that hedge a sentence, by the start of their lower-case form.
const HEDGES: &[(&str, Certainty)] = &[
    ("allegedly", Certainty::Alleged),
    ("allege", Certainty::Alleged),
    ("charged", Certainty::Alleged),
    ("alleged", Certainty::Alleged),
    ("accused", Certainty::Alleged),
    ("purportedly", Certainty::Alleged),
    ("supuestamente", Certainty::Alleged),
    ("presuntamente", Certainty::Alleged),
    ("supostamente", Certainty::Alleged),
    ("habría", Certainty::Alleged),
    ("teria", Certainty::Alleged),
    ("believe", Certainty::Believed),
    ("creen que", Certainty::Believed),
    ("cree que", Certainty::Believed),
    ("acreditam", Certainty::Believed),
    ("acredita-se", Certainty::Believed),
    ("suspected", Certainty::Believed),
    ("se cree", Certainty::Believed),
    ("reportedly", Certainty::Reported),
    ("according to", Certainty::Reported),
    ("officials said", Certainty::Reported),
    ("según", Certainty::Reported),
    ("de acordo com", Certainty::Reported),
    ("segundo o", Certainty::Reported),
    ("segundo a", Certainty::Reported),
    ("reports", Certainty::Reported),
    ("reported", Certainty::Reported),
    ("warned", Certainty::Reported),
    ("según informes", Certainty::Reported),
    ("denied", Certainty::Denied),
    ("denies", Certainty::Denied),
    ("negó", Certainty::Denied),
    ("niega", Certainty::Denied),
    ("negou", Certainty::Denied),
];

/// Verbs by which an actor asserts what follows ("Raisi claimed that…").
const ASSERTING: &[&str] = &[
    "said",
    "says",
    "claimed",
    "claims",
    "confirmed",
    "warned",
    "stated",
    "describes",
    "described",
    "told",
    "argued",
    "insisted",
    "dijo",
    "afirmó",
    "declaró",
    "aseguró",
    "advirtió",
    "confirmó",
    "disse",
    "afirmou",
    "declarou",
    "confirmou",
    "alertou",
];

/// Splits `text` into sentences: byte ranges ending after `.`, `!` or `?` followed by
/// a space and a capital, digit or quotation mark, or at a line break. Initials and
/// abbreviations ("K.", "U.S.", "Mr.") do not end sentences.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let ends = match b {
            b'\n' => true,
            b'.' | b'!' | b'?' => {
                let next = text[i + 1..].chars().next();
                let after_space = text[i + 1..].trim_start_matches([' ', '”', '"', '’', ')', '»']);
                let space_then_start = next.is_some_and(|c| c == ' ' || c == '”' || c == '"' || c == '»' || c == ')')
                    && after_space
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "“\"«(".contains(c));
                let reversed: Vec<char> =
                    text[..i].chars().rev().take_while(|c| c.is_alphanumeric() || *c == '.').collect();
                let word_before: String = reversed.into_iter().rev().collect();
                const ABBREVIATIONS: &[&str] = &[
                    "Mr", "Mrs", "Ms", "Dr", "Gen", "St", "Jr", "No", "vs", "Gov", "Sen", "Rep", "Capt", "Col", "Lt",
                    "Sr", "Sra",
                ];
                let abbreviation = b == b'.'
                    && (word_before.chars().count() == 1 && word_before.chars().all(char::is_uppercase)
                        || word_before.contains('.')
                        || ABBREVIATIONS.contains(&word_before.as_str()));
                space_then_start && !abbreviation || next.is_none()
            }
            _ => false,
        };
        if ends {
            let mut end = i + 1;
            // Closing quotation marks belong to the sentence they close.
            while let Some(c) = text[end..].chars().next().filter(|c| "”\"’»)".contains(*c)) {
                end += c.len_utf8();
            }
            if text[start..end].trim().chars().any(char::is_alphanumeric) {
                let lead = text[start..end].len() - text[start..end].trim_start().len();
                out.push((start + lead, start + text[start..end].trim_end().len()));
            }
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    if start < text.len() && text[start..].trim().chars().any(char::is_alphanumeric) {
        let lead = text[start..].len() - text[start..].trim_start().len();
        out.push((start + lead, text.len()));
    }
    out
}

/// Suggests claims for `text` from its actor mentions, quotations and dates.
pub fn find_claims(text: &str, mentions: &[Mention], quotes: &[Quoted], dates: &[Dated]) -> Vec<FoundClaim> {
    let mut sorted = Vec::new();
    let mentions = if mentions.is_sorted_by_key(|m| m.start) {
        mentions
    } else {
        sorted.extend_from_slice(mentions);
        sorted.sort_by_key(|m| (m.start, m.end));
        &sorted
    };
    let mut claims = Vec::new();
    for (start, end) in sentences(text) {
        if let Some(sentence) = Sentence::read(text, (start, end), mentions, quotes, dates) {
            claims.extend(sentence.claims(quotes));
        }
    }
    claims
}

/// A sentence naming two actors or more, read once: its parties, who asserts it, how
/// hedged it is, and its dates.
struct Sentence<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    /// Every actor the sentence names (but vague ones), parties or not.
    all_in_sentence: Vec<&'a Mention>,
    /// The actors that may be parties to a claim.
    in_sentence: Vec<&'a Mention>,
    /// Names of no known kind, parties only right next to a relation word.
    others: Vec<&'a Mention>,
    attributed_to: Option<String>,
    /// The asserting actor's mention, which is no party.
    asserter_span: Option<(usize, usize)>,
    certainty: Certainty,
    in_dates: Vec<&'a Dated>,
    /// The sentence's first date.
    date: Option<String>,
}

/// A relation word and the actors around it, as `Sentence::around` reads them.
struct Around<'a> {
    at: usize,
    word: &'a str,
    word_end: usize,
    stem: &'static str,
    relation: Relation,
    reversed: bool,
    /// "the visit of Maduro to Tehran": a noun whose parties follow "of".
    nominal_of: bool,
    /// "an attack by X on Y": a noun or participle whose agent follows "by".
    nominal_by: bool,
    candidates: Vec<&'a Mention>,
    before: Vec<&'a Mention>,
    after: Vec<&'a Mention>,
    aside: Option<(usize, usize)>,
}

impl<'a> Sentence<'a> {
    /// The sentence `[s_start, s_end)` of `text`, unless it names fewer than two parties.
    fn read(
        text: &'a str,
        (s_start, s_end): (usize, usize),
        mentions: &'a [Mention],
        quotes: &[Quoted],
        dates: &'a [Dated],
    ) -> Option<Self> {
        let sentence = &text[s_start..s_end];
        let lower = sentence.to_lowercase();
        // Mentions come in text order: the sentence's are found without reading them all.
        let first = mentions.partition_point(|m| m.start < s_start);
        let here: Vec<&Mention> =
            mentions[first..].iter().take_while(|m| m.start < s_end).filter(|m| m.end <= s_end).collect();
        let all_in_sentence: Vec<&Mention> = here.iter().copied().filter(|m| m.kind != ActorKind::Other).collect();
        // "Iran’s former president Mahmoud Ahmadinejad", "Iran's Islamic Revolutionary
        // Guard Corps", "Nicaragua's National Assembly": the possessive only describes the
        // person or body after it, which is the party.
        let in_sentence: Vec<&Mention> = all_in_sentence
            .iter()
            .enumerate()
            .filter(|(i, m)| {
                let rest = text[m.end..s_end].trim_start();
                let possessive = rest.starts_with("’s") || rest.starts_with("'s");
                let person_next = all_in_sentence.get(i + 1).is_some_and(|n| {
                    matches!(n.kind, ActorKind::Person | ActorKind::Organization | ActorKind::ArmedGroup)
                        && n.start >= m.end
                        && text[m.end..n.start].split_whitespace().count() <= 4
                });
                // "anti-Israel", "pro-Iran" are attitudes; "on behalf of Iran" names a principal, not a party.
                let before = tail_lower(&text[s_start..m.start], 16);
                let attitude = before.ends_with("anti-") || before.ends_with("pro-");
                let principal = ["on behalf of ", "en nombre de ", "em nome de ", "em nome do "]
                    .iter()
                    .any(|p| before.ends_with(p));
                // "o dono da Techlink, Sérgio Luiz Barreto Falcão,": the body only says whose
                // the person named after the comma is; the person is the party.
                let owner_of_apposed = {
                    let of = ["of ", "of the ", "de ", "da ", "do ", "del ", "de la "]
                        .iter()
                        .find(|p| before.ends_with(*p))
                        .map(|p| before[..before.len() - p.len()].trim_end());
                    let described_by_noun = of.is_some_and(|head| {
                        head.rsplit(' ').next().is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
                    });
                    described_by_noun
                        && all_in_sentence.get(i + 1).is_some_and(|n| {
                            n.kind == ActorKind::Person && n.start >= m.end && text[m.end..n.start].trim() == ","
                        })
                };
                !(attitude || principal || possessive && person_next || owner_of_apposed)
            })
            .map(|(_, m)| *m)
            .collect();
        // Names of no known kind ("Minerven", "Senad") take part only right next to a
        // relation word: "The U.S. Treasury sanctioned Minerven".
        let others: Vec<&Mention> = here.iter().copied().filter(|m| m.kind == ActorKind::Other).collect();
        if in_sentence.len() + others.len() < 2 {
            return None;
        }
        // Who asserts it: the speaker of a quotation overlapping the sentence, else an
        // actor followed by an asserting verb.
        let mut attributed_to =
            quotes.iter().find(|q| q.start < s_end && q.end > s_start).and_then(|q| q.speaker.clone());
        let mut asserter_span = None;
        if attributed_to.is_none() {
            for m in &in_sentence {
                let after = text[m.end..s_end].trim_start().to_lowercase();
                let next_word: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
                if matches!(m.kind, ActorKind::Person | ActorKind::Organization)
                    && ASSERTING.contains(&next_word.as_str())
                {
                    attributed_to = Some(m.actor.clone());
                    asserter_span = Some((m.start, m.end));
                    break;
                }
            }
        }
        // "according to two U.S. defense officials": the first actor within a few words
        // of the phrase is the source.
        if attributed_to.is_none() {
            let source = ACCORDING_TO.iter().filter_map(|p| lower.find(p).map(|at| s_start + at + p.len())).min();
            if let Some(after) = source {
                let near = in_sentence.iter().find(|m| {
                    m.start >= after
                        && text[after..m.start].split_whitespace().count() <= 3
                        && m.kind != ActorKind::Place
                });
                if let Some(m) = near {
                    attributed_to = Some(m.actor.clone());
                    asserter_span = Some((m.start, m.end));
                }
            }
        }
        let certainty = HEDGES
            .iter()
            .find(|(hedge, _)| contains_word_start(&lower, hedge))
            .map_or(Certainty::Asserted, |(_, c)| *c);
        let in_dates: Vec<&Dated> = dates.iter().filter(|d| d.start >= s_start && d.end <= s_end).collect();
        let date = in_dates.first().map(|d| d.edtf.clone());
        Some(Sentence {
            text,
            start: s_start,
            end: s_end,
            all_in_sentence,
            in_sentence,
            others,
            attributed_to,
            asserter_span,
            certainty,
            in_dates,
            date,
        })
    }

    /// A date between an object and the mention before it belongs to the object's own
    /// phrase: "the 1994 bombing of the AMIA and the 1992 bombing of the Israeli
    /// embassy" dates each attack apart. So does one right after the object, before
    /// any other actor or comma: "Raisi visited Cuba in June 2023 and Díaz-Canel
    /// visited Iran in December". Otherwise a claim takes the sentence's date.
    fn date_of(&self, object: &Mention) -> Option<String> {
        let (text, s_start, s_end, all_in_sentence, in_dates) =
            (self.text, self.start, self.end, &self.all_in_sentence, &self.in_dates);
        let previous_end =
            all_in_sentence.iter().filter(|m| m.end <= object.start).map(|m| m.end).max().unwrap_or(s_start);
        let next_start =
            all_in_sentence.iter().filter(|m| m.start >= object.end).map(|m| m.start).min().unwrap_or(s_end);
        let before = in_dates.iter().rev().find(|d| d.start >= previous_end && d.end <= object.start);
        let after = || {
            in_dates.iter().find(|d| {
                d.start >= object.end
                    && d.end <= next_start
                    && d.start - object.end <= 12
                    && !text[object.end..d.start].contains([',', ';', '(', '—'])
            })
        };
        before.or_else(after).map(|d| d.edtf.clone()).or_else(|| self.date.clone())
    }

    /// A claim of this sentence, citing it, with its asserter and hedge.
    fn claim(&self, subject: String, relation: Relation, object: String, date: Option<String>) -> FoundClaim {
        FoundClaim {
            subject,
            relation,
            object,
            date,
            attributed_to: self.attributed_to.clone(),
            certainty: self.certainty,
            start: self.start,
            end: self.end,
        }
    }

    /// The claims the sentence's relation words make, at most [`MAX_PER_SENTENCE`].
    fn claims(&self, quotes: &[Quoted]) -> Vec<FoundClaim> {
        let mut from_sentence: Vec<FoundClaim> = Vec::new();
        let mut asides = asides(self.text, self.start, self.end);
        asides.extend(self.appositions());
        for (offset, word) in word_starts(&self.text[self.start..self.end]) {
            let at = self.start + offset;
            // A word of a name relates no one: "Fundação Getulio Vargas", "Support Council".
            if self.all_in_sentence.iter().any(|m| m.start <= at && at < m.end) {
                continue;
            }
            let Some(trigger) = self.trigger(at, word) else { continue };
            let around = self.around(quotes, &asides, at, word, trigger);
            if self.aside_claim(&around, &mut from_sentence) {
                continue;
            }
            let Some(left) = self.left_of(&around, &mut from_sentence) else { continue };
            let Some(pairs) = self.pairs(&around, left) else { continue };
            for (subject, object) in pairs {
                if subject.actor == object.actor || from_sentence.len() == MAX_PER_SENTENCE {
                    continue;
                }
                let claim =
                    self.claim(subject.actor.clone(), around.relation, object.actor.clone(), self.date_of(object));
                if !from_sentence.iter().any(|c| same_pair(c, &claim)) {
                    from_sentence.push(claim);
                }
            }
        }
        from_sentence
    }

    /// Descriptions set off by commas after a name ("Minerven, the gold-producing arm of
    /// the state-owned CVG, sent…", "…to Anadolu, a refinery in Istanbul."): from the comma
    /// to the next comma or the sentence's end, when an article or possessive and a
    /// lower-case word open it. They are read apart, like asides.
    fn appositions(&self) -> Vec<(usize, usize)> {
        const OPENERS: &[&str] = &[
            "the", "a", "an", "its", "his", "her", "their", "el", "la", "los", "las", "un", "una", "su", "o", "os",
            "as", "um", "uma", "seu", "sua",
        ];
        let (text, s_end) = (self.text, self.end);
        let mut out = Vec::new();
        for m in self.all_in_sentence.iter().chain(&self.others) {
            let Some(rest) = text[m.end..s_end].strip_prefix(", ") else { continue };
            let mut words = rest.split_whitespace();
            let opens = words.next().is_some_and(|w| OPENERS.contains(&w.to_lowercase().as_str()))
                && words
                    .next()
                    .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit()));
            if !opens {
                continue;
            }
            let from = m.end;
            let body = m.end + 2;
            let to = text[body..s_end].find([',', ';']).map_or(s_end, |e| body + e + 1);
            if text[body..to].split_whitespace().count() <= 16 {
                out.push((from, to));
            }
        }
        out
    }

    /// The relation word starting at `at`, if `word` is one here: its stem, relation and
    /// whether the actor after it is the subject.
    fn trigger(&self, at: usize, word: &str) -> Option<(&'static str, Relation, bool)> {
        let (text, s_start, s_end, in_sentence) = (self.text, self.start, self.end, &self.in_sentence);
        if word.len() < 3 {
            return None;
        }
        // Most words start like no relation word: skip them before any allocation.
        let b = word.as_bytes();
        let stems = trigger_openings().get(&(b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()))?;
        if !may_start_like(word, stems) {
            return None;
        }
        let lower_word = word.to_lowercase();
        let after_article = || {
            text[s_start..at]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "la" | "una" | "el" | "uma"))
        };
        let whole = WHOLE_WORD_TRIGGERS
            .iter()
            .find(|(w, _)| lower_word == *w && !after_article())
            .map(|(w, r)| (*w, *r, false));
        let (stem, relation, reversed) = whole.or_else(|| {
            TRIGGERS
                .iter()
                .find(|(stem, _, _)| match stem.split_once(' ') {
                    // Two-word stems ("member of"): the word, then the next word's start.
                    Some((first, second)) => {
                        lower_word == first
                            && text[at + word.len()..s_end].trim_start().to_lowercase().starts_with(second)
                    }
                    None => lower_word.starts_with(stem),
                })
                .copied()
        })?;
        if NOT_TRIGGERS.iter().any(|w| lower_word.starts_with(w)) {
            return None;
        }
        // "Nicaragua's visiting Minister of Foreign Affairs", "the visiting delegation":
        // a participle describing the person after it, not a relation.
        let next_word: String =
            text[at + word.len()..s_end].trim_start().chars().take_while(|c| c.is_alphanumeric()).collect();
        if lower_word.ends_with("ing")
            && (super::actors::is_person_title(&next_word) || next_word.eq_ignore_ascii_case("delegation"))
        {
            return None;
        }
        // "…searched suspects of financing Hezbollah": the unnamed suspects act, not
        // the actor before them (unless it is the one suspected: "Hezbollah, accused of…").
        let mut back = text[s_start..at].split_whitespace().rev();
        let (of, suspected) = (back.next().unwrap_or(""), back.next().unwrap_or("").to_lowercase());
        let suspects = matches!(of, "of" | "de" | "da" | "do")
            && ["suspect", "sospech", "suspeit", "accused", "acusad", "investigad"]
                .iter()
                .any(|w| suspected.starts_with(w));
        if suspects {
            let phrase_start = text[s_start..at].trim_end().rfind(char::is_whitespace).map_or(s_start, |p| s_start + p);
            let phrase_start =
                text[s_start..phrase_start].trim_end().rfind(char::is_whitespace).map_or(s_start, |p| s_start + p);
            let described = in_sentence
                .iter()
                .any(|m| m.end <= phrase_start && text[m.end..phrase_start].trim().trim_matches(',').trim().is_empty());
            if !described {
                return None;
            }
        }
        Some((stem, relation, reversed))
    }

    /// The actors that may be parties around the relation word at `at`, on each side.
    fn around(
        &self,
        quotes: &[Quoted],
        asides: &[(usize, usize)],
        at: usize,
        word: &'a str,
        (stem, relation, reversed): (&'static str, Relation, bool),
    ) -> Around<'a> {
        let (text, s_end, in_sentence, asserter_span) = (self.text, self.end, &self.in_sentence, self.asserter_span);
        // A relation word inside a quotation relates the actors quoted with it; one
        // outside relates those outside ("…payments to a terrorist organization," said
        // Nelson, of the Treasury: no claim between Nelson and the Treasury).
        // (A quotation that continues the sentence's own clause — "rechazó lo que llamó
        // «una campaña del Comando Sur»", "disse que Washington «expressou preocupação»"
        // — is read as part of it.)
        let quote_at = |pos: usize| {
            quotes.iter().position(|q| q.start <= pos && pos < q.end && !continues_clause(text, self.start, q.start))
        };
        let trigger_quote = quote_at(at);
        // "the visit of Maduro to Tehran", "the bombing of the AMIA", "an attack by X on Y".
        let word_end = at + word.len();
        let following = text[word_end..s_end].trim_start().to_lowercase();
        let nominal_of =
            !stem.contains(' ') && ["of ", "de ", "do ", "da ", "del "].iter().any(|p| following.starts_with(p));
        let nominal_by = !stem.contains(' ') && BY.iter().any(|p| following.starts_with(p));
        // Places take part only in visits: "a threat to cities such as Miami" relates no one.
        let mut candidates: Vec<&Mention> = in_sentence
            .iter()
            .copied()
            .filter(|m| Some((m.start, m.end)) != asserter_span)
            .filter(|m| m.kind != ActorKind::Place || relation == Relation::Visits)
            .filter(|m| quote_at(m.start) == trigger_quote)
            .collect();
        // "The Treasury Department of the United States sanctioned…": the state only
        // qualifies the organization before it; the organization acts.
        candidates = candidates
            .iter()
            .enumerate()
            .filter(|(i, m)| {
                let qualifies = i.checked_sub(1).and_then(|p| candidates.get(p)).is_some_and(|head| {
                    head.kind == ActorKind::Organization
                        && head.end <= m.start
                        && matches!(
                            text[head.end..m.start].trim().to_lowercase().as_str(),
                            "of" | "of the" | "de" | "del" | "de la" | "do" | "dos" | "da" | "das"
                        )
                });
                // "the U.S. Treasury Department": the same, written before it.
                let qualifies_next = m.kind == ActorKind::State
                    && candidates.get(i + 1).is_some_and(|next| {
                        next.kind == ActorKind::Organization
                            && next.start >= m.end
                            && text[m.end..next.start].trim().is_empty()
                    });
                !(qualifies || qualifies_next)
            })
            .map(|(_, m)| *m)
            .collect();
        // Asides between dashes or parentheses are read apart: outside one, its actors are
        // skipped; inside one, only its own actors count, and the noun it describes
        // (right before it) is the object ("Cuba — a U.S. designated sponsor —").
        let aside = asides.iter().copied().find(|(a, b)| *a <= at && at < *b);
        let in_context = |m: &&Mention| match aside {
            Some((a, b)) => a <= m.start && m.end <= b,
            None => !asides.iter().any(|(a, b)| *a <= m.start && m.end <= *b),
        };
        let mut before: Vec<&Mention> = candidates.iter().copied().filter(|m| m.end <= at).filter(in_context).collect();
        let mut after: Vec<&Mention> = candidates.iter().copied().filter(|m| m.start > at).filter(in_context).collect();
        // A name of no known kind right before the word, or right after it (an article
        // between at most), is its subject or object.
        // (Past a description set off by commas: "Minerven, the gold-producing arm of…, sent".)
        let next_to = |m: &Mention| {
            text[m.end..at].trim().is_empty()
                || asides.iter().any(|(a, b)| *a == m.end && *b <= at && text[*b..at].trim().is_empty())
        };
        if let Some(other) = self.others.iter().copied().find(|m| m.end <= at && next_to(m)) {
            if before.last().is_none_or(|b| b.end <= other.start) && quote_at(other.start) == trigger_quote {
                before.push(other);
            }
        }
        let next_other = self.others.iter().copied().find(|m| {
            m.start >= word_end
                && matches!(
                    text[word_end..m.start].trim().to_lowercase().as_str(),
                    "" | "the"
                        | "a"
                        | "an"
                        | "el"
                        | "la"
                        | "los"
                        | "las"
                        | "o"
                        | "os"
                        | "al"
                        | "a la"
                        | "to"
                        | "to the"
                )
        });
        if let Some(other) = next_other {
            if after.first().is_none_or(|a| a.start >= other.end) && quote_at(other.start) == trigger_quote {
                after.insert(0, other);
            }
        }
        let (relation, reversed) = if RECEIVING.contains(&stem) && after.iter().any(|m| m.kind == ActorKind::Person) {
            // The person received is the one met; what stands between (their office,
            // their state) only describes them.
            after.retain(|m| m.kind == ActorKind::Person);
            (Relation::Meets, false)
        } else {
            (relation, reversed)
        };
        Around {
            at,
            word,
            word_end,
            stem,
            relation,
            reversed,
            nominal_of,
            nominal_by,
            candidates,
            before,
            after,
            aside,
        }
    }

    /// Inside an aside, the noun it describes is the object of its relation word
    /// ("Cuba — a U.S. designated sponsor —"); true when the word was read so.
    fn aside_claim(&self, around: &Around<'a>, from_sentence: &mut Vec<FoundClaim>) -> bool {
        let Around { relation, stem, ref candidates, ref before, ref after, aside, .. } = *around;
        if let Some((a, _)) = aside {
            let head = candidates.iter().copied().rev().find(|m| m.end <= a);
            // "Safir Exchange, a currency house that U.S. officials have linked to the Quds
            // Force": those who link say so; the noun described is linked to the object.
            if let (true, Some(head), Some(object)) = (LINKING.contains(&stem), head, after.first()) {
                if head.actor != object.actor && from_sentence.len() < MAX_PER_SENTENCE {
                    let claim = self.claim(head.actor.clone(), relation, object.actor.clone(), self.date.clone());
                    if !from_sentence.iter().any(|c| same_pair(c, &claim)) {
                        from_sentence.push(claim);
                    }
                }
                return true;
            }
            if let (Some(agent), Some(head), true) = (before.last(), head, after.is_empty()) {
                if agent.actor != head.actor && from_sentence.len() < MAX_PER_SENTENCE {
                    let claim = self.claim(agent.actor.clone(), relation, head.actor.clone(), self.date.clone());
                    if !from_sentence.iter().any(|c| same_pair(c, &claim)) {
                        from_sentence.push(claim);
                    }
                }
                return true;
            }
        }
        false
    }

    /// The subjects before the relation word: the nearest actor with those joined to it,
    /// or the previous claim's subject for a second verb. None when a clitic pronoun
    /// made the claim ("donde Ortega lo recibió").
    fn left_of(&self, around: &Around<'a>, from_sentence: &mut Vec<FoundClaim>) -> Option<Vec<&'a Mention>> {
        let (text, s_start) = (self.text, self.start);
        let Around { at, stem, relation, ref before, ref after, .. } = *around;
        // The nearest actor on each side, with those joined to it by "and" or a comma:
        // "Venezuela and Cuba support Iran" makes two claims.
        let mut left = joined(text, before.iter().rev().copied());
        // "Lavrov visited Caracas and met Maduro": a second verb joined by "and" has
        // the first one's subject.
        // (A clitic may come between: "y se reunió con Lavrov".)
        const CLITICS: &[&str] = &["se", "lo", "la", "le", "les", "o", "a", "lhe", "nos"];
        let mut back = text[s_start..at].split_whitespace().rev().map(str::to_lowercase);
        let mut previous_word = back.next().unwrap_or_default();
        let clitic_object = CLITICS.contains(&previous_word.as_str()) && previous_word != "se";
        if CLITICS.contains(&previous_word.as_str()) {
            previous_word = back.next().unwrap_or_default();
        }
        if matches!(previous_word.as_str(), "and" | "y" | "e") {
            if let Some(subject) =
                from_sentence.last().and_then(|c| before.iter().copied().find(|m| m.actor == c.subject))
            {
                left = vec![subject];
            }
        }
        // "donde Ortega lo recibió": the pronoun is the subject of the sentence's
        // previous claim, received (met) by the actor before it.
        let receiving_someone = RECEIVING.contains(&stem) || relation == Relation::Meets;
        if clitic_object && receiving_someone && after.iter().all(|m| m.kind != ActorKind::Person) {
            let host = before.last().copied();
            let guest = from_sentence.last().map(|c| c.subject.clone());
            if let (Some(host), Some(guest)) = (host, guest) {
                let claim = self.claim(host.actor.clone(), Relation::Meets, guest, self.date.clone());
                if claim.subject != claim.object
                    && from_sentence.len() < MAX_PER_SENTENCE
                    && !from_sentence.iter().any(|c| same_pair(c, &claim))
                {
                    from_sentence.push(claim);
                }
            }
            return None;
        }
        Some(left)
    }

    /// Who does it to whom: subject and object pairs around the relation word.
    fn pairs(&self, around: &Around<'a>, left: Vec<&'a Mention>) -> Option<Vec<(&'a Mention, &'a Mention)>> {
        let (text, s_start, s_end) = (self.text, self.start, self.end);
        let Around { at, word, word_end, relation, reversed, nominal_of, nominal_by, ref before, ref after, .. } =
            *around;
        let right = joined(text, after.iter().copied());
        // "the ties between Cuba and Venezuela", "los diálogos de paz entre el Gobierno
        // colombiano y el ELN": the two after "between" are the parties, whoever speaks.
        let between = right.len() >= 2 && {
            let lead = &text[word_end..right[0].start];
            lead.split_whitespace().count() <= 6
                && lead
                    .split_whitespace()
                    .any(|t| ["between", "among", "entre"].iter().any(|w| t.eq_ignore_ascii_case(w)))
        };
        if between {
            return Some(vec![(right[0], right[1])]);
        }
        let nominal: Option<Vec<(&Mention, &Mention)>> = if nominal_of && !after.is_empty() {
            if relation == Relation::Visits {
                after.get(1).map(|o| vec![(after[0], *o)])
            } else {
                // The sentence's subject (with those joined to it) does it to what follows "of".
                let subjects = joined(text, before.iter().copied());
                (!subjects.is_empty())
                    .then(|| subjects.iter().flat_map(|s| right.iter().map(move |o| (*s, *o))).collect())
            }
        } else if nominal_by && !after.is_empty() && !before.is_empty() && is_participle(word) {
            // The passive: "El Aissami, wanted by the U.S." — the agent acts on what precedes.
            Some(vec![(after[0], before[before.len() - 1])])
        } else if let Some(agent) = passive_agent(text, s_start, at, word, word_end, after) {
            // "X was sanctioned in 2019 by the Treasury", "O Hezbollah é classificado
            // como organização terrorista pelos Estados Unidos e pela Argentina": the
            // agents act on the subject before the verb "to be".
            let patients = joined(text, before.iter().rev().copied());
            let agents = joined(text, after.iter().copied().filter(|m| m.start >= agent.start));
            (!patients.is_empty()).then(|| agents.iter().flat_map(|a| patients.iter().map(move |p| (*a, *p))).collect())
        } else if nominal_by && !after.is_empty() {
            let agent = after[0];
            let rest = text[agent.end..s_end].to_ascii_lowercase();
            let target = [" on ", " against ", " contra "].iter().filter_map(|w| rest.find(w)).min();
            target.and_then(|t| after.iter().find(|m| m.start >= agent.end + t)).map(|o| vec![(agent, *o)])
        } else {
            None
        };
        if (nominal_of || nominal_by) && nominal.is_none() {
            return None;
        }
        Some(if let Some(pairs) = nominal {
            pairs
        } else {
            match (left.is_empty(), right.is_empty()) {
                // "Chávez and Ahmadinejad held encounters in which Ahmadinejad …": a
                // symmetric relation between two actors joined before the word.
                (false, false) if symmetric(relation) && left.len() >= 2 && left[0].actor == right[0].actor => {
                    vec![(left[1], left[0])]
                }
                // "Cuba and Venezuela: the alliance that sustains Maduro": the alliance is
                // of the two named just before the word.
                (false, false)
                    if relation == Relation::AllyOf
                        && left.len() >= 2
                        && text[left[0].end..at]
                            .split_whitespace()
                            .filter(|w| w.chars().any(char::is_alphanumeric))
                            .count()
                            <= 1 =>
                {
                    vec![(left[1], left[0])]
                }
                // "Bolivia and Iran signed a memorandum…, a deal that alarmed Chile": the
                // two signed with each other unless "with" names the other party.
                (false, false)
                    if symmetric(relation)
                        && left.len() >= 2
                        && !text[word_end..right[0].start]
                            .split_whitespace()
                            .any(|w| matches!(w.to_lowercase().as_str(), "with" | "con" | "com" | "to")) =>
                {
                    vec![(left[1], left[0])]
                }
                (false, false) if reversed => right.iter().flat_map(|r| left.iter().map(move |l| (*r, *l))).collect(),
                (false, false) => left.iter().flat_map(|l| right.iter().map(move |r| (*l, *r))).collect(),
                // "Iran and Venezuela share ties": the two actors before the word.
                // Only for relations that read the same both ways ("Russia and China back
                // Maduro" with Maduro unknown is not Russia backing China), or when the word
                // is a noun right after the second actor: "tie El Aissami to Hezbollah
                // financing".
                (false, true)
                    if before.len() >= 2
                        && (symmetric(relation)
                            || text[before[before.len() - 1].end..at].trim().is_empty()
                                && joined(text, before.iter().rev().copied()).len() == 1) =>
                {
                    vec![(before[before.len() - 2], before[before.len() - 1])]
                }
                // "The alliance linking Iran … to Cuba and Venezuela": the first actor after
                // the word, and those after the "to" / "with" that follows it.
                // "the ties between Cuba and Venezuela", "el vínculo entre Cuba y Venezuela".
                (true, false)
                    if right.len() >= 2
                        && ["between", "among", "entre"].iter().any(|w| {
                            text[word_end..right[0].start].split_whitespace().any(|t| t.eq_ignore_ascii_case(w))
                        }) =>
                {
                    vec![(right[0], right[1])]
                }
                (true, false) => {
                    let subject = right[0];
                    let rest = &text[subject.end..s_end];
                    let link = [" to ", " with ", " con ", " com "].iter().filter_map(|w| rest.find(w)).min()?;
                    let objects = joined(text, after.iter().copied().filter(|m| m.start >= subject.end + link));
                    objects.into_iter().map(|o| (subject, o)).collect()
                }
                _ => return None,
            }
        })
    }
}

/// The first mention of `mentions` (nearest the relation word) and those joined to it
/// by "and", "y", "e" or a comma, in order of distance.
fn joined<'m>(text: &str, mut mentions: impl Iterator<Item = &'m Mention>) -> Vec<&'m Mention> {
    let Some(first) = mentions.next() else { return Vec::new() };
    let mut group = vec![first];
    // Where the group was joined by a comma alone, and whether an "and" joined it: a
    // comma joins a list ("Venezuela, Cuba y Nicaragua") but sets off an apposition
    // ("el jefe del ELN, Jhon Fredy Ariza Manrique, se habría reunido…") when no "and"
    // follows.
    let (mut first_comma, mut and_seen) = (None, false);
    for next in mentions {
        let last = group[group.len() - 1];
        let between = if next.start >= last.end {
            &text[last.end..next.start]
        } else if last.start >= next.end {
            &text[next.end..last.start]
        } else {
            continue; // one mention inside another
        };
        let comma = between.contains(',');
        let between = between.trim().trim_matches(',').trim();
        // "Chávez and Iran’s former president Mahmoud Ahmadinejad": "and", then only a
        // description of the next name (a possessive and lower-case words).
        let described = ["and ", "y ", "e "].iter().any(|c| between.starts_with(c))
            && between.split_whitespace().nth(1).is_some_and(|w| w.ends_with("’s") || w.ends_with("'s"))
            && between.split_whitespace().skip(2).all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'));
        if !(between.is_empty()
            || described
            || matches!(
                between,
                "and"
                    | "y"
                    | "e"
                    | "&"
                    | "and the"
                    | "y la"
                    | "y el"
                    | "y los"
                    | "e a"
                    | "e o"
                    | "e os"
                    | "and by"
                    | "and by the"
                    | "y por"
                    | "e pelo"
                    | "e pela"
                    | "e pelos"
            ))
            || group.len() == 3
        {
            break;
        }
        if between.is_empty() && comma {
            first_comma.get_or_insert(group.len());
        } else if !between.is_empty() {
            and_seen = true;
        }
        group.push(next);
    }
    if let (Some(at), false) = (first_comma, and_seen) {
        group.truncate(at);
    }
    group
}

fn symmetric(relation: Relation) -> bool {
    matches!(relation, Relation::Meets | Relation::AllyOf | Relation::CooperatesWith | Relation::SignsAgreementWith)
}

fn same_pair(a: &FoundClaim, b: &FoundClaim) -> bool {
    (a.subject == b.subject && a.object == b.object) || (a.subject == b.object && a.object == b.subject)
}

/// Byte ranges of the asides of a sentence: text in parentheses, and text between two
/// spaced dashes ("— a U.S. designated state sponsor —").
fn asides(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let sentence = &text[start..end];
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (at, c) in sentence.char_indices() {
        match c {
            '(' => open = Some(at),
            ')' => {
                if let Some(o) = open.take() {
                    out.push((start + o, start + at + 1));
                }
            }
            _ => {}
        }
    }
    let mut dashes: Vec<(usize, usize)> =
        sentence.match_indices(" — ").chain(sentence.match_indices(" – ")).map(|(at, d)| (at, d.len())).collect();
    dashes.sort_unstable();
    for pair in dashes.chunks(2) {
        if let [(a, _), (b, len)] = pair {
            out.push((start + a, start + b + len));
        }
    }
    out
}

/// Whether the quotation opening at `start` (inside its mark) continues a clause of the
/// sentence that starts at `s_start`: a word, not a colon or a comma, stands right before
/// its opening mark.
fn continues_clause(text: &str, s_start: usize, start: usize) -> bool {
    if start <= s_start {
        return false;
    }
    let before = text[s_start..start].trim_end_matches(|c: char| "“\"«‘'".contains(c)).trim_end();
    before.chars().next_back().is_some_and(char::is_alphanumeric)
}

/// The last `chars` characters of `text`, lower-cased.
pub(crate) fn tail_lower(text: &str, chars: usize) -> String {
    let start = text.char_indices().rev().nth(chars.saturating_sub(1)).map_or(0, |(at, _)| at);
    text[start..].to_lowercase()
}

/// Whether a word looks like a past participle (English, Spanish, Portuguese).
/// "by" of a passive's agent in the three languages.
const BY: &[&str] = &["by ", "por ", "pelo ", "pela ", "pelos ", "pelas "];

/// The agent of a passive clause whose participle is the relation word at `at`: a form
/// of "to be" (an adverb may come between) before it, and the first actor after a "by"
/// later in the sentence, before any other relation's clause ("and", a semicolon).
fn passive_agent<'m>(
    text: &str,
    s_start: usize,
    at: usize,
    word: &str,
    word_end: usize,
    after: &[&'m Mention],
) -> Option<&'m Mention> {
    const BE: &[&str] = &[
        "is", "was", "were", "are", "been", "be", "being", "es", "fue", "fueron", "son", "sido", "era", "é", "foi",
        "foram", "são", "sido", "seria", "será",
    ];
    if !is_participle(word) {
        return None;
    }
    let mut back = text[s_start..at].split_whitespace().rev().map(|w| w.trim_matches(',').to_lowercase());
    let previous = back.next()?;
    let be = BE.contains(&previous.as_str())
        || (previous.ends_with("ly") || matches!(previous.as_str(), "also" | "later" | "then" | "también" | "também"))
            && back.next().is_some_and(|w| BE.contains(&w.as_str()));
    if !be {
        return None;
    }
    let clause_end = text[word_end..].find([';', ':']).map_or(text.len(), |e| word_end + e);
    after.iter().copied().find(|m| {
        m.end <= clause_end && {
            let lead = text[word_end..m.start].to_lowercase();
            let last_words: Vec<&str> = lead.split_whitespace().rev().take(3).collect();
            last_words.iter().any(|w| matches!(*w, "by" | "por" | "pelo" | "pela" | "pelos" | "pelas"))
        }
    })
}

fn is_participle(word: &str) -> bool {
    let lower = word.to_lowercase();
    ["ed", "ado", "ada", "ido", "ida", "ados", "idos"].iter().any(|end| lower.ends_with(end)) || lower == "sought"
}

fn word_starts(sentence: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in sentence.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            words.push((s, &sentence[s..at]));
        }
    }
    if let Some(s) = start {
        words.push((s, &sentence[s..]));
    }
    words.into_iter()
}

fn contains_word_start(lower: &str, needle: &str) -> bool {
    lower.match_indices(needle).any(|(at, _)| starts_word(lower, at))
}

/// Whether a word begins at byte `at` of `text` (no letter or digit right before it).
pub(crate) fn starts_word(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `n`th occurrence of `surface` in `text` as a mention of `actor`.
    fn nth_mention(text: &str, surface: &str, n: usize, actor: &str, kind: ActorKind) -> Mention {
        let start = text.match_indices(surface).nth(n).unwrap().0;
        Mention { start, end: start + surface.len(), actor: actor.into(), kind }
    }

    /// The claims of `text` as (subject, relation, object).
    fn triples(text: &str, mentions: &[Mention]) -> Vec<(String, Relation, String)> {
        find_claims(text, mentions, &[], &[]).into_iter().map(|c| (c.subject, c.relation, c.object)).collect()
    }

    fn mention(text: &str, surface: &str, actor: &str, kind: ActorKind) -> Mention {
        nth_mention(text, surface, 0, actor, kind)
    }

    /// Mentions of `text` from rows of (surface, which occurrence, actor, kind).
    fn mentions_in(text: &str, rows: &[(&str, usize, &str, ActorKind)]) -> Vec<Mention> {
        rows.iter().map(|&(surface, n, actor, kind)| nth_mention(text, surface, n, actor, kind)).collect()
    }

    fn has(claims: &[(String, Relation, String)], subject: &str, relation: Relation, object: &str) -> bool {
        claims.contains(&(subject.to_string(), relation, object.to_string()))
    }

    #[test]
    fn sentences_end_at_stops_but_not_at_initials_or_abbreviations() {
        let text = "Christian K. Caruzo wrote it. The U.S. Treasury acted in 2019. “Yes,” he said.\nNext line";
        let cut: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(
            cut,
            ["Christian K. Caruzo wrote it.", "The U.S. Treasury acted in 2019.", "“Yes,” he said.", "Next line"]
        );
    }

    #[test]
    fn a_relation_word_between_two_actors_makes_one_typed_claim() {
        let text = "Maduro visited Tehran in 2022, officials said. Nothing else happened here.";
        let mentions = [
            mention(text, "Maduro", "Nicolás Maduro", ActorKind::Person),
            mention(text, "Tehran", "Tehran", ActorKind::Place),
        ];
        let dates =
            [Dated { start: text.find("2022").unwrap(), end: text.find("2022").unwrap() + 4, edtf: "2022".into() }];
        let claims = find_claims(text, &mentions, &[], &dates);
        assert_eq!(claims.len(), 1);
        let c = &claims[0];
        assert_eq!((c.subject.as_str(), c.relation, c.object.as_str()), ("Nicolás Maduro", Relation::Visits, "Tehran"));
        // What "officials said" is reported, not asserted by the source itself.
        assert_eq!((c.date.as_deref(), c.certainty), (Some("2022"), Certainty::Reported));
        assert_eq!(&text[c.start..c.end], "Maduro visited Tehran in 2022, officials said.");
    }

    #[test]
    fn hostile_and_cooperative_verbs_in_three_languages() {
        use ActorKind::*;
        let cases: &[(&str, &str, &str, Relation)] = &[
            ("Venezuela denounced Colombia at the OAS.", "Venezuela", "Colombia", Relation::Opposes),
            ("Nicaragua rompió relaciones con Taiwán.", "Nicaragua", "Taiwán", Relation::Opposes),
            ("O Irã rejeitou a Argentina.", "Irã", "Argentina", Relation::Opposes),
            ("Prosecutors in Paraguay indicted Hamdan.", "Paraguay", "Hamdan", Relation::Accuses),
            ("El fiscal Benítez imputó a Mourad.", "Benítez", "Mourad", Relation::Accuses),
            ("O Irã arma a Rússia e financia o Hezbollah.", "Irã", "Rússia", Relation::Supplies),
            ("Minerven transferred funds to Safir.", "Minerven", "Safir", Relation::Funds),
            ("Iran has always stood by Nicaragua.", "Iran", "Nicaragua", Relation::Supports),
            ("Orozco held talks with Rastegar in Tehran.", "Orozco", "Rastegar", Relation::Meets),
        ];
        for (text, subject, object, relation) in cases {
            let kind =
                |name: &str| if name.chars().all(char::is_alphabetic) && name.len() > 8 { State } else { Organization };
            let mentions =
                [mention(text, subject, subject, kind(subject)), mention(text, object, object, kind(object))];
            let claims = triples(text, &mentions);
            assert!(has(&claims, subject, *relation, object), "{text}: {claims:?}");
        }
        // Words that only start like a relation word relate no one.
        let text = "Venezuela and its armed forces bought armament; Cuba's defense.";
        let mentions = [mention(text, "Venezuela", "Venezuela", State), mention(text, "Cuba", "Cuba", State)];
        assert!(triples(text, &mentions).is_empty());
    }

    #[test]
    fn a_comma_sets_off_an_apposition_but_joins_a_list() {
        use ActorKind::*;
        let text = "El jefe del ELN, Rigoberto Ariza, se habría reunido con el Gobierno de Venezuela.";
        let mentions = mentions_in(
            text,
            &[
                ("ELN", 0, "ELN", ArmedGroup),
                ("Rigoberto Ariza", 0, "Rigoberto Ariza", Person),
                ("Venezuela", 0, "Venezuela", State),
            ],
        );
        let claims = triples(text, &mentions);
        assert!(has(&claims, "Rigoberto Ariza", Relation::Meets, "Venezuela"), "{claims:?}");
        assert!(!claims.iter().any(|c| c.0 == "ELN" || c.2 == "ELN"), "{claims:?}");
        let text = "Venezuela, Cuba y Nicaragua apoyan a Irán.";
        let mentions = mentions_in(
            text,
            &[
                ("Venezuela", 0, "Venezuela", State),
                ("Cuba", 0, "Cuba", State),
                ("Nicaragua", 0, "Nicaragua", State),
                ("Irán", 0, "Irán", State),
            ],
        );
        assert_eq!(triples(text, &mentions).len(), 3);
    }

    #[test]
    fn the_agent_of_a_passive_acts_on_its_subject() {
        use ActorKind::*;
        let text = "O Hezbollah é classificado como organização terrorista pelos Estados Unidos e pela Argentina.";
        let mentions = mentions_in(
            text,
            &[
                ("Hezbollah", 0, "Hezbollah", ArmedGroup),
                ("Estados Unidos", 0, "Estados Unidos", State),
                ("Argentina", 0, "Argentina", State),
            ],
        );
        let claims = triples(text, &mentions);
        assert!(has(&claims, "Estados Unidos", Relation::Opposes, "Hezbollah"), "{claims:?}");
        assert!(has(&claims, "Argentina", Relation::Opposes, "Hezbollah"), "{claims:?}");
        let text = "Minerven was sanctioned in March 2019 by the Treasury.";
        let mentions =
            mentions_in(text, &[("Minerven", 0, "Minerven", Organization), ("Treasury", 0, "Treasury", Organization)]);
        assert_eq!(triples(text, &mentions), [("Treasury".to_string(), Relation::Opposes, "Minerven".to_string())]);
    }

    #[test]
    fn each_object_takes_the_date_written_in_its_own_phrase() {
        let text = "Hezbollah is responsible for the 1994 bombing of the AMIA and the 1992 bombing of the Israeli embassy in Buenos Aires. \
                    In 2023, Iran sent drones to Venezuela.";
        let mentions = [
            mention(text, "Hezbollah", "Hezbollah", ActorKind::ArmedGroup),
            mention(text, "AMIA", "Argentine-Israeli Mutual Association", ActorKind::Organization),
            mention(text, "Israeli", "Israel", ActorKind::State),
            mention(text, "Iran", "Iran", ActorKind::State),
            mention(text, "Venezuela", "Venezuela", ActorKind::State),
        ];
        let dated = |year: &str| Dated {
            start: text.find(year).unwrap(),
            end: text.find(year).unwrap() + 4,
            edtf: year.into(),
        };
        let claims = find_claims(text, &mentions, &[], &[dated("1994"), dated("1992"), dated("2023")]);
        let found: Vec<(&str, &str, Option<&str>)> =
            claims.iter().map(|c| (c.subject.as_str(), c.object.as_str(), c.date.as_deref())).collect();
        assert_eq!(
            found,
            [
                ("Hezbollah", "Argentine-Israeli Mutual Association", Some("1994")),
                ("Hezbollah", "Israel", Some("1992")),
                ("Iran", "Venezuela", Some("2023")),
            ]
        );
    }

    #[test]
    fn a_date_right_after_the_object_is_that_claims_own() {
        let text = "Raisi visited Cuba in June 2023 and Díaz-Canel visited Iran in December.";
        let mentions = [
            mention(text, "Raisi", "Ebrahim Raisi", ActorKind::Person),
            mention(text, "Cuba", "Cuba", ActorKind::State),
            mention(text, "Díaz-Canel", "Miguel Díaz-Canel", ActorKind::Person),
            mention(text, "Iran", "Iran", ActorKind::State),
        ];
        let dated = |phrase: &str, edtf: &str| Dated {
            start: text.find(phrase).unwrap(),
            end: text.find(phrase).unwrap() + phrase.len(),
            edtf: edtf.into(),
        };
        let claims = find_claims(text, &mentions, &[], &[dated("June 2023", "2023-06"), dated("December", "XXXX-12")]);
        let found: Vec<(&str, &str, Option<&str>)> =
            claims.iter().map(|c| (c.subject.as_str(), c.object.as_str(), c.date.as_deref())).collect();
        assert!(found.contains(&("Ebrahim Raisi", "Cuba", Some("2023-06"))), "{found:?}");
        assert!(
            found.contains(&("Miguel Díaz-Canel", "Iran", Some("XXXX-12"))),
            "not the first date of the sentence: {found:?}"
        );
    }

    #[test]
    fn who_acts_is_read_from_the_sentence_not_from_nearness_alone() {
        let text = "WASHINGTON — The U.S. Treasury Department sanctioned Hezbollah in 2019. \
                    Russia and China back the Caribbean government. \
                    Sergei Lavrov visited Caracas and met Nicolás Maduro, who thanked Moscow for its support. \
                    “Cuba sends doctors to Venezuela every year,” said Joseph Humire of the Center for a Secure Free Society. \
                    Iran shipped drones to Venezuela, according to Reuters. \
                    Analysts describe the ties between Cuba and Venezuela as close.";
        let analysis = super::super::analyze(text, &super::super::actors::Lexicon::builtin(), None);
        let claims: Vec<(&str, Relation, &str)> =
            analysis.claims.iter().map(|c| (c.subject.as_str(), c.relation, c.object.as_str())).collect();
        let expected = [
            // The organization acts, not the state that qualifies it nor the dateline
            // (a sanction is a hostile act, as the development sets' annotators read it).
            ("Department of the Treasury", Relation::Opposes, "Hezbollah"),
            // "and met": the subject of the first verb.
            ("Sergei Lavrov", Relation::Visits, "Venezuela"),
            ("Sergei Lavrov", Relation::Meets, "Nicolás Maduro"),
            // "who thanked Moscow for its support": thanked for it, Moscow gives it.
            ("Russia", Relation::Supports, "Nicolás Maduro"),
            // Inside the quotation, between the actors quoted.
            ("Cuba", Relation::Supplies, "Venezuela"),
            ("Iran", Relation::Supplies, "Venezuela"),
            ("Cuba", Relation::AllyOf, "Venezuela"),
        ];
        assert_eq!(claims, expected);
        let reuters = analysis.claims.iter().find(|c| c.subject == "Iran").unwrap();
        assert_eq!((reuters.attributed_to.as_deref(), reuters.certainty), (Some("Reuters"), Certainty::Reported));
    }

    #[test]
    fn spanish_verbs_share_subjects_and_pronouns_point_back() {
        let text = "Ortega estrecha lazos con Moscú y Teherán. \
                    El canciller Denis Moncada viajó a Moscú para la firma y se reunió con Serguéi Lavrov. \
                    En 2023, Ebrahim Raisi visitó Managua, donde Daniel Ortega lo recibió con honores. \
                    Bolivia e Irán firmaron un memorando, un acuerdo que alarmó a Chile.";
        let analysis = super::super::analyze(text, &super::super::actors::Lexicon::builtin(), None);
        let claims: Vec<(&str, Relation, &str)> =
            analysis.claims.iter().map(|c| (c.subject.as_str(), c.relation, c.object.as_str())).collect();
        assert_eq!(
            claims,
            [
                // A capital after "con" (and one joined to it) is the government.
                ("Daniel Ortega", Relation::AllyOf, "Russia"),
                ("Daniel Ortega", Relation::AllyOf, "Iran"),
                // "para la firma" is a noun: no claim; "se reunió" keeps the subject.
                ("Denis Moncada", Relation::Visits, "Russia"),
                ("Denis Moncada", Relation::Meets, "Serguéi Lavrov"),
                ("Ebrahim Raisi", Relation::Visits, "Nicaragua"),
                // "lo recibió": the one received is the previous subject.
                ("Daniel Ortega", Relation::Meets, "Ebrahim Raisi"),
                // Two parties signing, with no "with": with each other.
                ("Bolivia", Relation::SignsAgreementWith, "Iran"),
            ]
        );
    }

    #[test]
    fn case_changes_that_alter_byte_lengths_break_nothing() {
        // 'İ' lower-cases to two characters; offsets must stay those of the text.
        let text = "İSTANBUL — Both countries, İran and Venezuela, signed. His regime agreed with THE İSLAMIC REGIME.";
        let lexicon = super::super::actors::Lexicon::builtin();
        let analysis = super::super::analyze(text, &lexicon, None);
        let chars = text.chars().count() as i32;
        assert!(analysis.claims.iter().all(|c| c.citation.end <= chars));
        assert_eq!(tail_lower("Anti-İran", 5), "-i\u{307}ran");
    }

    #[test]
    fn asides_are_read_apart_and_describe_the_noun_before_them() {
        let text =
            "In the case of Cuba — a U.S. designated sponsor of terror — the regime established ties with Iran. \
                    The regime (which Iran backs) gifted land to Hezbollah.";
        let mentions = mentions_in(
            text,
            &[
                ("Cuba", 0, "Cuba", ActorKind::State),
                ("U.S.", 0, "United States", ActorKind::State),
                ("Iran", 0, "Iran", ActorKind::State),
                ("The regime", 0, "Venezuela", ActorKind::State),
                ("Iran", 1, "Iran", ActorKind::State),
                ("Hezbollah", 0, "Hezbollah", ActorKind::ArmedGroup),
            ],
        );
        let claims = triples(text, &mentions);
        assert!(has(&claims, "United States", Relation::Opposes, "Cuba"), "{claims:?}");
        assert!(has(&claims, "Cuba", Relation::AllyOf, "Iran"), "{claims:?}");
        assert!(has(&claims, "Venezuela", Relation::Supplies, "Hezbollah"), "{claims:?}");
        assert!(
            !claims.iter().any(|c| c.0 == "Iran" && c.2 == "Hezbollah"),
            "the aside's Iran is no party: {claims:?}"
        );
    }

    #[test]
    fn nominal_and_passive_phrasings_find_their_parties() {
        let text = "Venezuela and Cuba expressed their support of Iran. The visit of Maduro to Tehran followed. \
                    El Aissami, wanted by the United States, fled.";
        let mentions = mentions_in(
            text,
            &[
                ("Venezuela", 0, "Venezuela", ActorKind::State),
                ("Cuba", 0, "Cuba", ActorKind::State),
                ("Iran", 0, "Iran", ActorKind::State),
                ("Maduro", 0, "Nicolás Maduro", ActorKind::Person),
                ("Tehran", 0, "Iran", ActorKind::State),
                ("El Aissami", 0, "Tarek El Aissami", ActorKind::Person),
                ("United States", 0, "United States", ActorKind::State),
            ],
        );
        let claims = triples(text, &mentions);
        assert!(
            has(&claims, "Venezuela", Relation::Supports, "Iran") && has(&claims, "Cuba", Relation::Supports, "Iran"),
            "{claims:?}"
        );
        assert!(has(&claims, "Nicolás Maduro", Relation::Visits, "Iran"), "{claims:?}");
        assert!(has(&claims, "United States", Relation::Accuses, "Tarek El Aissami"), "{claims:?}");
    }

    #[test]
    fn proxies_reverse_and_hedges_and_asserting_actors_are_kept() {
        let text = "The alliance linking Iran and its proxy, Hezbollah, grows. \
                    Raisi claimed that Iran and Venezuela share ties. \
                    Reports allegedly tie El Aissami to Hezbollah financing.";
        let mentions = mentions_in(
            text,
            &[
                ("Iran", 0, "Iran", ActorKind::State),
                ("Hezbollah", 0, "Hezbollah", ActorKind::ArmedGroup),
                ("Raisi", 0, "Ebrahim Raisi", ActorKind::Person),
                ("Iran", 1, "Iran", ActorKind::State),
                ("Venezuela", 0, "Venezuela", ActorKind::State),
                ("El Aissami", 0, "Tarek El Aissami", ActorKind::Person),
                ("Hezbollah", 1, "Hezbollah", ActorKind::ArmedGroup),
            ],
        );
        let claims = find_claims(text, &mentions, &[], &[]);
        let proxy = claims.iter().find(|c| c.relation == Relation::ProxyOf).expect("a proxy claim");
        assert_eq!((proxy.subject.as_str(), proxy.object.as_str()), ("Hezbollah", "Iran"));
        let ties = claims.iter().find(|c| c.relation == Relation::AllyOf && c.object == "Venezuela").expect("ties");
        assert_eq!((ties.subject.as_str(), ties.attributed_to.as_deref()), ("Iran", Some("Ebrahim Raisi")));
        let hedged = claims.iter().find(|c| c.subject == "Tarek El Aissami").expect("El Aissami");
        assert_eq!(hedged.certainty, Certainty::Alleged);
    }

    fn analysed(text: &str) -> Vec<(String, Relation, String)> {
        let analysis = super::super::analyze(text, &super::super::actors::Lexicon::builtin(), None);
        analysis.claims.into_iter().map(|c| (c.subject, c.relation, c.object)).collect()
    }

    #[test]
    fn the_two_after_between_are_the_parties() {
        let claims = analysed(
            "Ferrer Lugo recordó que Venezuela es garante de los diálogos de paz entre el Gobierno colombiano y el ELN.",
        );
        assert!(claims.iter().any(|(s, _, o)| s == "Colombia" && o == "ELN"), "{claims:?}");
        assert!(!claims.iter().any(|(s, _, _)| s == "Ferrer Lugo"), "{claims:?}");
    }

    #[test]
    fn a_word_of_a_name_is_no_relation_word() {
        // "Fundação" starts like "fund", "Support" like "support".
        let claims = analysed("Leonardo Nogueira, da Fundação Getulio Vargas, estudou o PCC e o Hezbollah.");
        assert!(claims.is_empty(), "{claims:?}");
    }

    #[test]
    fn a_quotation_continuing_the_clause_is_read_with_it() {
        let claims = analysed(
            "El ministro Domingo Ferrer rechazó lo que llamó \"una campaña de mentiras del Comando Sur\" ayer.",
        );
        assert!(
            claims
                .iter()
                .any(|(s, r, o)| s == "Domingo Ferrer" && *r == Relation::Opposes && o.contains("Comando Sur")),
            "{claims:?}"
        );
        // A quotation of its own still keeps its actors apart from its speaker's.
        let claims =
            analysed("\"Iran sends drones to Venezuela every month,\" said Joseph Humire of the Center for Security.");
        assert!(!claims.iter().any(|(s, _, o)| s == "Joseph Humire" || o == "Joseph Humire"), "{claims:?}");
    }

    #[test]
    fn a_demonym_before_a_name_describes_it_and_assets_stand_for_their_state() {
        let claims = analysed("Techlink sold the chips to the Russian firm Uralskie Radiosistemy in 2023.");
        assert!(!claims.iter().any(|(s, _, o)| s == "Russia" || o == "Russia"), "{claims:?}");
        let claims = analysed("Brazil authorized Iranian warships to dock in Rio de Janeiro.");
        assert!(claims.iter().any(|(s, _, o)| s == "Brazil" && o == "Iran"), "{claims:?}");
    }

    #[test]
    fn a_participle_before_a_title_describes_the_person() {
        let claims = analysed("Nicaragua's visiting Minister of Foreign Affairs Denis Orozco met Ebrahim Raisi.");
        assert!(!claims.iter().any(|(_, r, _)| *r == Relation::Visits), "{claims:?}");
    }

    #[test]
    fn a_description_set_off_by_commas_is_read_apart() {
        let text = "Minerven, the gold-producing arm of the Corporación Venezolana de Guayana, sent gold to \
                    Anadolu Değerli Metaller. Part of it went to Safir Exchange, a currency house that U.S. officials \
                    have linked to the Quds Force.";
        let mentions = mentions_in(
            text,
            &[
                ("Minerven", 0, "Minerven", ActorKind::Other),
                ("Corporación Venezolana de Guayana", 0, "CVG", ActorKind::Organization),
                ("Anadolu Değerli Metaller", 0, "Anadolu", ActorKind::Organization),
                ("Safir Exchange", 0, "Safir Exchange", ActorKind::Organization),
                ("U.S.", 0, "United States", ActorKind::State),
                ("Quds Force", 0, "Quds Force", ActorKind::ArmedGroup),
            ],
        );
        let claims = triples(text, &mentions);
        // A name of no known kind is a party right next to the verb (past the description).
        assert!(has(&claims, "Minerven", Relation::Supplies, "Anadolu"), "{claims:?}");
        assert!(!claims.iter().any(|(s, _, _)| s == "CVG"), "{claims:?}");
        // Those who link two others say so; they are no party.
        assert!(has(&claims, "Safir Exchange", Relation::CooperatesWith, "Quds Force"), "{claims:?}");
        assert!(!claims.iter().any(|(s, _, o)| s == "United States" || o == "United States"), "{claims:?}");
    }

    #[test]
    fn the_person_apposed_to_a_description_is_the_party() {
        let claims = analysed("O MPF acusa o dono da Techlink, Sérgio Luiz Barreto Falcão, de lavagem de dinheiro.");
        assert!(claims.iter().any(|(_, _, o)| o == "Sérgio Luiz Barreto Falcão"), "{claims:?}");
        assert!(!claims.iter().any(|(_, _, o)| o == "Techlink"), "{claims:?}");
    }

    #[test]
    fn a_lawyers_client_and_that_group_are_the_ones_named_before() {
        let claims = analysed(
            "El comerciante Hussein Ali Mourad fue detenido por sus vínculos con Hezbolá. Su abogado, Néstor \
             Giménez Acosta, negó que su cliente se haya reunido con miembros de ese grupo.",
        );
        assert!(has(&claims, "Hussein Ali Mourad", Relation::Meets, "Hezbollah"), "{claims:?}");
        assert!(!claims.iter().any(|(s, _, _)| s == "Néstor Giménez Acosta"), "{claims:?}");
    }
}
