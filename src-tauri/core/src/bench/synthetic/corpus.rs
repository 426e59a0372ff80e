//! A deterministic corpus of synthetic news articles for the scale benchmarks: the same
//! seed and index give the same article, byte for byte, on any machine, so a corpus of
//! any size is reproducible and any part of it can be made alone (in parallel, or again).
//!
//! The vocabulary is made to look like the field: thousands of people with a given and
//! a family name (the family name is their alias), organizations with acronyms, real
//! states, armed groups and cities; sentences that relate two actors with a date
//! (agreements, supplies, funding, meetings), hedged claims, quotations with a speaker
//! and a role, and background sentences. Articles run 300–900 words.

/// How many people, organizations and armed groups the vocabulary has.
pub const PEOPLE: usize = 4_096;
pub const ORGANIZATIONS: usize = 1_200;
pub const ARMED_GROUPS: usize = 240;

/// A small, fast generator (xorshift64*): reproducible and dependency-free.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // SplitMix64 scrambles the seed so that neighbouring seeds diverge at once.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..bound` (bound > 0).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SYLLABLES: [&str; 32] = [
    "ka", "ro", "mi", "zu", "le", "ta", "no", "vi", "sa", "de", "bo", "ri", "fe", "gu", "pa", "lo", "mar", "sel",
    "tin", "dor", "ham", "is", "el", "an", "ve", "qu", "shi", "ya", "ben", "ul", "os", "ez",
];

fn word(mut n: usize, syllables: usize) -> String {
    let mut word = String::new();
    for _ in 0..syllables {
        word.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    capitalised(&word)
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Person `i`: a given and a family name, distinct for every `i` below [`PEOPLE`].
pub fn person(i: usize) -> (String, String) {
    let given = word(i % 1024, 2);
    let family = word((i / 1024) * 1024 + (i.wrapping_mul(131) % 1024), 3);
    (given, family)
}

const ORG_PLACES: [&str; 12] = [
    "National",
    "Caribbean",
    "Andean",
    "Gulf",
    "Atlantic",
    "Southern",
    "Eastern",
    "Pacific",
    "Central",
    "Northern",
    "Western",
    "Continental",
];
const ORG_FIELDS: [&str; 10] = [
    "Energy",
    "Petroleum",
    "Mining",
    "Shipping",
    "Development",
    "Trade",
    "Security",
    "Aviation",
    "Steel",
    "Telecommunications",
];
const ORG_FORMS: [&str; 10] =
    ["Company", "Bank", "Corporation", "Agency", "Fund", "Council", "Institute", "Holding", "Authority", "Foundation"];

/// Organization `i`: a name and its acronym.
pub fn organization(i: usize) -> (String, String) {
    let place = ORG_PLACES[i % ORG_PLACES.len()];
    let field = ORG_FIELDS[(i / ORG_PLACES.len()) % ORG_FIELDS.len()];
    let form = ORG_FORMS[(i / (ORG_PLACES.len() * ORG_FIELDS.len())) % ORG_FORMS.len()];
    let name = format!("{place} {field} {form}");
    let acronym: String = name.split(' ').filter_map(|w| w.chars().next()).collect();
    (name, acronym)
}

const GROUP_FORMS: [&str; 6] = ["Front", "Brigades", "Movement", "Army", "Resistance", "Legion"];

/// Armed group `i`: "the Zuleta Brigades".
pub fn armed_group(i: usize) -> String {
    format!("{} {}", word(i * 7 + 3, 2), GROUP_FORMS[i % GROUP_FORMS.len()])
}

/// Real states and cities: facts, carried over.
pub const STATES: [&str; 24] = [
    "Iran",
    "Venezuela",
    "Cuba",
    "Bolivia",
    "Nicaragua",
    "Russia",
    "China",
    "Syria",
    "Lebanon",
    "Argentina",
    "Brazil",
    "Colombia",
    "Mexico",
    "Paraguay",
    "Ecuador",
    "Peru",
    "Chile",
    "Turkey",
    "Qatar",
    "Iraq",
    "Yemen",
    "Belarus",
    "North Korea",
    "United States",
];
const CITIES: [&str; 16] = [
    "Caracas",
    "Tehran",
    "Havana",
    "La Paz",
    "Managua",
    "Moscow",
    "Beirut",
    "Damascus",
    "Buenos Aires",
    "Bogotá",
    "Ciudad del Este",
    "Quito",
    "Lima",
    "Doha",
    "Ankara",
    "Minsk",
];
const ROLES: [&str; 8] = [
    "minister of defence",
    "foreign minister",
    "chief executive",
    "spokesman",
    "deputy director",
    "ambassador",
    "treasurer",
    "commander",
];
const GOODS: [&str; 8] =
    ["drones", "gasoline", "refinery parts", "small arms", "cement", "gold", "surveillance equipment", "medicines"];
const DOMAINS: [&str; 6] = ["military cooperation", "energy", "trade", "mining", "intelligence-sharing", "banking"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const PUBLISHERS: [&str; 6] = [
    "Hemisphere Monitor",
    "The Caribbean Ledger",
    "Andes Report",
    "Gulf & Atlantic Review",
    "Frontier Dispatch",
    "Southern Wire",
];
const BACKGROUND: [&str; 8] = [
    "Officials did not respond to requests for comment.",
    "The arrangement has drawn criticism from opposition lawmakers, who say its terms were never published.",
    "Records reviewed for this article could not be independently verified.",
    "Diplomats in the region described the talks as cordial but inconclusive.",
    "Sanctions imposed in earlier years have complicated payments between the two sides.",
    "Independent analysts said the figures were probably overstated.",
    "Shipping data show several vessels changing course before reaching port.",
    "The ministry later issued a statement that repeated its earlier position.",
];
const QUOTES: [&str; 6] = [
    "We will not allow foreign pressure to decide who our partners are",
    "This agreement is about development and nothing else",
    "Every shipment was declared and inspected according to the law",
    "The accusations are part of a campaign to isolate our country",
    "Our cooperation will continue for as long as both peoples benefit from it",
    "Nobody in this government has met with those people",
];

/// One synthetic article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub title: String,
    pub byline: String,
    pub publisher: String,
    /// ISO 8601 (`2019-06-14`).
    pub published: String,
    pub paragraphs: Vec<String>,
}

/// An actor as written in text.
fn actor(rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=3 => {
            let (given, family) = person(rng.below(PEOPLE));
            format!("{given} {family}")
        }
        4..=5 => organization(rng.below(ORGANIZATIONS)).0.to_string(),
        6..=8 => rng.pick(&STATES).to_string(),
        _ => format!("the {}", armed_group(rng.below(ARMED_GROUPS))),
    }
}

fn sentence(rng: &mut Rng, year: usize) -> String {
    let (a, b) = (actor(rng), actor(rng));
    let when = format!("{} {}", rng.pick(&MONTHS), year - rng.below(4));
    match rng.below(9) {
        0 => format!("{a} signed a {} agreement with {b} in {when}.", rng.pick(&DOMAINS)),
        1 => format!(
            "{a} has supplied {b} with {} since {}, according to officials in {}.",
            rng.pick(&GOODS),
            year - 1 - rng.below(8),
            rng.pick(&CITIES)
        ),
        2 => format!("{a} allegedly funds {b} through front companies registered in {}.", rng.pick(&CITIES)),
        3 => format!("{a} met {b} in {} in {when}.", rng.pick(&CITIES)),
        4 => {
            let (given, family) = person(rng.below(PEOPLE));
            let (org, acronym) = organization(rng.below(ORGANIZATIONS));
            format!(
                "\u{201C}{},\u{201D} said {given} {family}, the {} of the {org} ({acronym}).",
                rng.pick(&QUOTES),
                rng.pick(&ROLES)
            )
        }
        5 => format!("{a} is reported to have trained members of {b} near {}.", rng.pick(&CITIES)),
        6 => format!("In {when}, {a} and {b} announced a joint venture worth ${} million.", 10 + rng.below(990)),
        _ => rng.pick(&BACKGROUND).to_string(),
    }
}

/// Article `index` of the corpus made from `seed`.
pub fn article(seed: u64, index: usize) -> Article {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let year = 2000 + rng.below(26);
    let published = format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
    let (a, b) = (actor(&mut rng), actor(&mut rng));
    let title = match rng.below(4) {
        0 => format!("{} and {} deepen ties", capitalised(&a), b),
        1 => format!("How {a} keeps {b} supplied"),
        2 => format!("{} accused of financing {b}", capitalised(&a)),
        _ => format!("Inside the deal between {a} and {b}"),
    };
    let (given, family) = person(rng.below(PEOPLE));
    let paragraphs = (0..6 + rng.below(12))
        .map(|_| (0..2 + rng.below(4)).map(|_| sentence(&mut rng, year)).collect::<Vec<_>>().join(" "))
        .collect();
    Article {
        title,
        byline: format!("{given} {family}"),
        publisher: rng.pick(&PUBLISHERS).to_string(),
        published,
        paragraphs,
    }
}

impl Article {
    /// The article as plain text: title, byline and date lines, then paragraphs.
    pub fn text(&self) -> String {
        format!(
            "{}\n\nBy {}, {}\n{}\n\n{}\n",
            self.title,
            self.byline,
            self.publisher,
            self.published,
            self.paragraphs.join("\n\n")
        )
    }

    /// The article as a news site serves it: metadata, navigation, the article, a footer.
    pub fn html(&self) -> String {
        let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
        let body: String = self.paragraphs.iter().map(|p| format!("<p>{}</p>\n", escape(p))).collect();
        format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>{title} | {publisher}</title>\n\
             <meta name=\"author\" content=\"{byline}\">\n<meta property=\"og:site_name\" content=\"{publisher}\">\n\
             <meta property=\"article:published_time\" content=\"{published}T08:00:00Z\">\n</head><body>\n\
             <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/business\">Business</a> <a href=\"/subscribe\">Subscribe</a></nav>\n\
             <article><h1>{title}</h1>\n<p class=\"byline\">By {byline}</p>\n<time datetime=\"{published}\">{published}</time>\n{body}</article>\n\
             <aside><h2>Most read</h2><ul><li><a href=\"/a\">Markets close higher</a></li><li><a href=\"/b\">Weather warning issued</a></li></ul></aside>\n\
             <footer>&copy; {publisher}. All rights reserved.</footer>\n</body></html>\n",
            title = escape(&self.title),
            publisher = escape(&self.publisher),
            byline = escape(&self.byline),
            published = self.published,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_and_index_give_the_same_article_and_others_differ() {
        assert_eq!(article(7, 42), article(7, 42));
        assert_eq!(article(7, 42).html(), article(7, 42).html());
        assert_ne!(article(7, 42), article(7, 43));
        assert_ne!(article(7, 42), article(8, 42));
    }

    #[test]
    fn every_person_has_a_distinct_name() {
        let names: std::collections::HashSet<_> = (0..PEOPLE).map(person).collect();
        assert_eq!(names.len(), PEOPLE);
        let organizations: std::collections::HashSet<_> = (0..ORGANIZATIONS).map(|i| organization(i).0).collect();
        assert_eq!(organizations.len(), ORGANIZATIONS);
    }

    #[test]
    fn articles_read_like_news_of_a_realistic_length() {
        let words: Vec<usize> = (0..200).map(|i| article(1, i).text().split_whitespace().count()).collect();
        let mean = words.iter().sum::<usize>() / words.len();
        assert!((250..=1200).contains(&mean), "mean {mean} words");
        assert!(words.iter().all(|w| *w > 60), "{words:?}");
        let text = article(1, 3).text();
        assert!(text.contains("\n\nBy "), "{text}");
    }

    #[test]
    fn the_html_escapes_text_and_carries_the_metadata() {
        let a = Article {
            title: "A & B <deal>".into(),
            byline: "Karo Zulev".into(),
            publisher: "Andes Report".into(),
            published: "2019-06-14".into(),
            paragraphs: vec!["<script>x</script> \"quoted\"".into()],
        };
        let html = a.html();
        assert!(html.contains("<h1>A &amp; B &lt;deal&gt;</h1>"), "{html}");
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt; &quot;quoted&quot;"), "{html}");
        assert!(html.contains("content=\"2019-06-14T08:00:00Z\""), "{html}");
    }
}
