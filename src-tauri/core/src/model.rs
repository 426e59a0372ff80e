//! The data model: the records the store keeps and the shapes that cross to the UI and
//! the CLI. Every type here is serialisable and exported to TypeScript (see
//! `ui/src/bindings.ts`), so the UI and Rust share one definition.
//!
//! Offsets (`start`, `end`) are always in Unicode code points of a source's stored text.

use serde::{Deserialize, Serialize};
use specta::Type;

/// Declares a closed vocabulary stored as text in SQLite and sent as a string to the UI.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The value in words, for people: `signs_agreement_with` → "signs agreement with".
            pub fn words(self) -> String {
                self.as_str().replace('_', " ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::Error;
            fn from_str(text: &str) -> crate::Result<Self> {
                Self::parse(text).ok_or_else(|| crate::Error::Invalid(format!(
                    "unknown {} '{}' (expected one of: {})",
                    stringify!($name), text,
                    Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
                )))
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                Self::parse(text).ok_or_else(|| rusqlite::types::FromSqlError::Other(
                    format!("unknown {} '{}'", stringify!($name), text).into()))
            }
        }
    };
}

vocabulary!(
    /// What an actor is.
    ActorKind {
        Person => "person",
        Organization => "organization",
        State => "state",
        ArmedGroup => "armed_group",
        Place => "place",
        Other => "other",
    }
);

vocabulary!(
    /// The typed relation of a claim; `Other` carries its meaning in `relation_text`.
    Relation {
        AllyOf => "ally_of",
        ProxyOf => "proxy_of",
        MemberOf => "member_of",
        Leads => "leads",
        Funds => "funds",
        Supplies => "supplies",
        CooperatesWith => "cooperates_with",
        Visits => "visits",
        Meets => "meets",
        SignsAgreementWith => "signs_agreement_with",
        Attacks => "attacks",
        ResponsibleFor => "responsible_for",
        Supports => "supports",
        Opposes => "opposes",
        Accuses => "accuses",
        Other => "other",
    }
);

impl Relation {
    /// Whether the relation reads the same both ways ("Iran is an ally of Venezuela" is
    /// "Venezuela is an ally of Iran"), so that its direction is not a question.
    pub fn is_mutual(self) -> bool {
        matches!(self, Relation::AllyOf | Relation::CooperatesWith | Relation::Meets | Relation::SignsAgreementWith)
    }
}

/// A pending suggestion offered for a bulk acceptance: ticked unless it deserves a
/// second look, and why.
#[derive(Debug, Clone, Serialize, Type)]
pub struct BulkCandidate {
    pub suggestion: Suggestion,
    pub ticked: bool,
    pub second_look: Option<String>,
}

vocabulary!(
    /// How strongly the source commits to a claim.
    Certainty {
        Asserted => "asserted",
        Reported => "reported",
        Alleged => "alleged",
        Believed => "believed",
        Denied => "denied",
    }
);

vocabulary!(
    /// What extraction proposed.
    SuggestionKind {
        Actor => "actor",
        Quote => "quote",
        Date => "date",
        Claim => "claim",
    }
);

vocabulary!(
    /// Where a suggestion stands in review.
    ReviewStatus {
        Suggested => "suggested",
        Accepted => "accepted",
        Rejected => "rejected",
    }
);

vocabulary!(
    /// Who made a claim: the extractor or the person.
    Origin {
        Extracted => "extracted",
        User => "user",
    }
);

vocabulary!(
    /// How an import of a source went.
    SourceStatus {
        Ok => "ok",
        NoText => "no_text",
    }
);

/// One page of a longer list; the UI asks for pages, never for everything.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many rows match in all.
    pub total: i32,
    pub offset: i32,
}

/// Which slice of a list to return.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type)]
pub struct PageRequest {
    pub offset: i32,
    pub limit: i32,
}

impl PageRequest {
    pub const MAX_LIMIT: i32 = 500;

    pub fn new(offset: i32, limit: i32) -> Self {
        PageRequest { offset, limit }
    }

    /// The request with its numbers kept in range, so no caller can ask for everything.
    pub fn clamped(self) -> Self {
        PageRequest { offset: self.offset.max(0), limit: self.limit.clamp(1, Self::MAX_LIMIT) }
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest { offset: 0, limit: 100 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum SourceSort {
    #[default]
    ImportedDesc,
    PublishedDesc,
    TitleAsc,
}

/// How the Actors list is filtered and ordered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ActorListing {
    pub kind: Option<ActorKind>,
    /// Words of a name or alias (the last may be unfinished).
    pub words: Option<String>,
    pub sort: ActorSort,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum ActorSort {
    #[default]
    Name,
    /// Most claims first.
    Claims,
    /// Most mentions first.
    Mentions,
    /// Newest first.
    Added,
}

/// How the Claims list is filtered and ordered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ClaimListing {
    /// Claims naming this actor as subject or object.
    pub actor_id: Option<i32>,
    pub status: Option<ReviewStatus>,
    pub relation: Option<Relation>,
    /// Words of the parties, the relation or the statement.
    pub words: Option<String>,
    /// Only accepted claims whose date nobody has confirmed.
    #[serde(default)]
    pub unchecked_dates: bool,
    /// Only claims graded this well or better.
    #[serde(default)]
    pub grade: Option<GradeFilter>,
    pub sort: ClaimSort,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum ClaimSort {
    /// In the order they were made.
    #[default]
    Made,
    /// By their date, earliest first; undated last.
    Date,
    /// By subject, then object.
    Subject,
    /// Best supported first: most citing sources.
    Sources,
}

/// A row of the Library.
#[derive(Debug, Clone, Serialize, Type)]
pub struct SourceSummary {
    pub id: i32,
    pub title: String,
    pub byline: Option<String>,
    pub publisher: Option<String>,
    /// EDTF, e.g. `2024-10-02` or `2024-10`.
    pub published: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub media_type: String,
    pub status: SourceStatus,
    pub imported_at: String,
    pub actor_count: i32,
    pub claim_count: i32,
    /// The other sources in its group of copies of one story (they count as one).
    pub story_copies: i32,
    /// Its reliability (its own grade, else its site's); `None` when not graded.
    pub reliability: Option<Reliability>,
    /// When its text was read by OCR, the words' mean confidence (0–100).
    pub ocr_confidence: Option<i32>,
}

impl SourceSummary {
    /// The byline, unless it only names the site again ("BBC News" on a BBC News page):
    /// what to write after the title, so that no site is named twice.
    pub fn author(&self) -> Option<&str> {
        let byline = self.byline.as_deref()?;
        match &self.publisher {
            Some(site) if site.trim().eq_ignore_ascii_case(byline.trim()) => None,
            _ => Some(byline),
        }
    }
}

/// A source with its stored text, for the reader.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Source {
    #[serde(flatten)]
    pub summary: SourceSummary,
    pub original_name: Option<String>,
    pub sha256: String,
    pub byte_size: i32,
    /// The clean plain text every offset points into.
    pub text: String,
    /// Sanitised HTML of the main content, when the original was HTML-like.
    pub html: Option<String>,
    /// What OCR said of the text, when it read some of it (a scan, a photograph).
    pub ocr: Option<SourceOcr>,
    /// Where it came from on the web, when it was fetched from its address or clipped
    /// from a page: its chain of custody.
    pub capture: Option<SourceCapture>,
}

/// A source's chain of custody on the web: how a page fetched from its address was
/// answered, or where a clipping was cut from, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SourceCapture {
    pub kind: CaptureKind,
    /// The address asked for; for a clipping, the page's address when the browser gave it.
    pub address: Option<String>,
    /// Where the redirects ended: the address the body came from.
    pub final_address: Option<String>,
    /// The HTTP status of the final answer.
    pub status: Option<i32>,
    /// The redirects passed through, in order.
    pub redirects: Vec<CaptureRedirect>,
    /// The answer's headers that matter to provenance (content type, date, last-modified…).
    pub headers: Vec<CaptureHeader>,
    /// When it was captured: RFC 3339, UTC.
    pub captured_at: String,
    /// SHA-256 of the body as received (of the clipping as dropped), hex.
    pub sha256: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CaptureKind {
    /// Fetched over HTTP(S) from its address.
    Fetched,
    /// A selection dropped from a browser.
    Clipping,
}

impl CaptureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CaptureKind::Fetched => "fetched",
            CaptureKind::Clipping => "clipping",
        }
    }
}

/// One redirect on the way to a fetched page: the address that answered, and its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CaptureRedirect {
    pub address: String,
    pub status: i32,
}

/// A header of a fetched page's answer, as the server sent it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CaptureHeader {
    pub name: String,
    pub value: String,
}

/// What OCR said of a source's text: the program, the languages it read in, how many
/// pages it read, and how sure it was of the words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SourceOcr {
    /// "Tesseract 5.3.0".
    pub engine: String,
    /// Tesseract's language codes, `+`-joined: "eng+spa+por".
    pub languages: String,
    pub pages: i32,
    pub words: i32,
    /// The words' mean confidence, 0–100.
    pub confidence: i32,
    /// Words read with low confidence, to be marked where the text is shown.
    pub doubtful: Vec<TextSpan>,
}

/// The details of a source a person may correct: what importing read from the file, or
/// their own. Empty fields are unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SourceDetails {
    pub title: String,
    pub byline: Option<String>,
    /// The site or outlet.
    pub publisher: Option<String>,
    /// EDTF: `2024-10-02`, `2024-10`, `2024`, `2024-10-02?`.
    pub published: Option<String>,
    /// A web address (http or https).
    pub url: Option<String>,
}

/// What an importer hands the store.
#[derive(Debug, Clone, Default)]
pub struct NewSource {
    pub title: String,
    pub byline: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub media_type: String,
    pub original_name: Option<String>,
    pub original: Vec<u8>,
    pub status: Option<SourceStatus>,
    pub text: String,
    pub html: Option<String>,
    /// What OCR said of the text, when it read some of it.
    pub ocr: Option<SourceOcr>,
    /// Where it came from on the web (a fetched page, a clipping).
    pub capture: Option<SourceCapture>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Actor {
    pub id: i32,
    pub name: String,
    pub kind: ActorKind,
    pub description: String,
    pub aliases: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    pub authors: Authorship,
}

/// Who made a record and who last changed it, as the team's log says; both None in a
/// store that does not sync, and for what was made here and not yet pushed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Type)]
pub struct Authorship {
    pub made_by: Option<String>,
    pub edited_by: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ActorSummary {
    pub id: i32,
    pub name: String,
    pub kind: ActorKind,
    pub alias_count: i32,
    pub claim_count: i32,
    pub mention_count: i32,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct NewActor {
    pub name: String,
    pub kind: ActorKind,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Mention {
    pub id: i32,
    pub source_id: i32,
    pub actor_id: Option<i32>,
    pub start: i32,
    pub end: i32,
    pub surface: String,
    pub kind: Option<ActorKind>,
    pub status: ReviewStatus,
}

#[derive(Debug, Clone)]
pub struct NewMention {
    pub source_id: i32,
    pub actor_id: Option<i32>,
    pub start: i32,
    pub end: i32,
    pub surface: String,
    pub kind: Option<ActorKind>,
    pub status: ReviewStatus,
}

impl NewMention {
    /// A mention the analyst has settled: `span` of a source names this actor.
    pub fn accepted(source_id: i32, actor_id: i32, kind: ActorKind, span: (i32, i32), surface: String) -> NewMention {
        let (start, end) = span;
        NewMention {
            source_id,
            actor_id: Some(actor_id),
            start,
            end,
            surface,
            kind: Some(kind),
            status: ReviewStatus::Accepted,
        }
    }
}

/// A reference to an actor with the name it has now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ActorRef {
    pub id: i32,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Claim {
    pub id: i32,
    pub subject: ActorRef,
    pub relation: Relation,
    /// Free-text wording of the relation (required when `relation` is `other`).
    pub relation_text: Option<String>,
    pub object: Option<ActorRef>,
    /// The object when it is not an actor (an event, a sum, a place name).
    pub object_text: Option<String>,
    pub statement: String,
    /// EDTF date of what the claim states.
    pub date: Option<String>,
    /// Who asserts it; `None` means the source itself.
    pub attributed_to: Option<ActorRef>,
    pub certainty: Certainty,
    pub status: ReviewStatus,
    pub origin: Origin,
    pub citation_count: i32,
    pub created_at: String,
    pub updated_at: String,
    /// A person has looked at the date and let it stand (see migration 7).
    pub date_checked: bool,
    /// The analyst who made it, as the team's log says (in a store that syncs).
    pub made_by: Option<String>,
    pub grade: ClaimGrade,
}

impl Claim {
    /// The relation as people read it: the analyst's wording for `other`, else the
    /// relation in words.
    pub fn relation_words(&self) -> String {
        self.relation_text.clone().unwrap_or_else(|| self.relation.words())
    }
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct NewClaim {
    pub subject_id: i32,
    pub relation: Relation,
    #[serde(default)]
    pub relation_text: Option<String>,
    #[serde(default)]
    pub object_id: Option<i32>,
    #[serde(default)]
    pub object_text: Option<String>,
    #[serde(default)]
    pub statement: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub attributed_to_id: Option<i32>,
    pub certainty: Certainty,
    pub status: ReviewStatus,
    pub origin: Origin,
}

/// An exact passage of a source (W3C Web Annotation TextQuoteSelector plus
/// TextPositionSelector), optionally backing a claim.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Citation {
    pub id: i32,
    pub claim_id: Option<i32>,
    pub source_id: i32,
    pub source_title: String,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub start: i32,
    pub end: i32,
    pub speaker: Option<ActorRef>,
    pub note: String,
}

/// A citation to create: the store cuts `exact`, `prefix` and `suffix` from the source's
/// text itself, so a citation can never disagree with the text it points into.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct NewCitation {
    pub claim_id: Option<i32>,
    pub source_id: i32,
    pub start: i32,
    pub end: i32,
    #[serde(default)]
    pub speaker_id: Option<i32>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum LinkTarget {
    Actor,
    Source,
    Claim,
    Note,
}

impl LinkTarget {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkTarget::Actor => "actor",
            LinkTarget::Source => "source",
            LinkTarget::Claim => "claim",
            LinkTarget::Note => "note",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "actor" => Some(LinkTarget::Actor),
            "source" => Some(LinkTarget::Source),
            "claim" => Some(LinkTarget::Claim),
            "note" => Some(LinkTarget::Note),
            _ => None,
        }
    }
}

/// A `[[wikilink]]` of a note, resolved to the record it names (if any).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct NoteLink {
    pub target: LinkTarget,
    pub target_id: i32,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Note {
    pub id: i32,
    pub title: String,
    pub body: String,
    pub links: Vec<NoteLink>,
    pub created_at: String,
    pub updated_at: String,
    pub authors: Authorship,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct NoteSummary {
    pub id: i32,
    pub title: String,
    pub updated_at: String,
}

/// Which part of the network to draw. Empty lists mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Type)]
#[serde(default)]
pub struct NetworkFilter {
    pub relations: Vec<Relation>,
    pub certainties: Vec<Certainty>,
    /// Actor kinds both ends of an edge must have.
    pub kinds: Vec<ActorKind>,
    /// Keep claims whose date overlaps these inclusive ISO days (undated claims go
    /// when either is set).
    pub from: Option<String>,
    pub to: Option<String>,
    /// Only claims cited in this source.
    pub source_id: Option<i32>,
    /// Only edges backed by at least this many independent sources (a group of copies
    /// of one story counts once).
    pub min_sources: i32,
    /// An actor and its neighbourhood of `hops` (1 or 2) edges.
    pub focus: Option<i32>,
    pub hops: i32,
    /// Only claims graded this well or better.
    pub grade: Option<GradeFilter>,
}

/// The network as columns (one entry per node, one per edge) rather than an object per
/// element: a graph of 20,000 edges crosses the IPC bridge as a few arrays.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Type)]
pub struct Network {
    pub actor_ids: Vec<i32>,
    pub names: Vec<String>,
    pub kinds: Vec<ActorKind>,
    /// Edges touching each node.
    pub degrees: Vec<i32>,
    /// Each edge's ends, as indexes into the node columns (subject → object).
    pub edge_from: Vec<i32>,
    pub edge_to: Vec<i32>,
    pub relations: Vec<Relation>,
    /// The firmest certainty among the edge's claims.
    pub certainties: Vec<Certainty>,
    pub claim_counts: Vec<i32>,
    /// Distinct sources citing the edge's claims.
    pub source_counts: Vec<i32>,
    /// Of those, the independent ones: a group of copies of one story counts once.
    pub independent_counts: Vec<i32>,
    /// Edges left out past [`Network::MAX_EDGES`] (the weakest first).
    pub omitted_edges: i32,
}

impl Network {
    pub const MAX_EDGES: usize = 50_000;
}

vocabulary!(
    /// Why the copy detector reads one source as another's story run again: they share
    /// much of their wording (republished, lightly edited), or they name the same
    /// people, places and figures (a translation).
    CopyEvidence {
        Wording => "wording",
        Anchors => "anchors",
    }
);

vocabulary!(
    /// A person's word on two sources, which wins over the detector's: one story (they
    /// count as one source), or independent reporting.
    CopyVerdict {
        Copy => "copy",
        Independent => "independent",
    }
);

/// What the detector found between two sources.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct DetectedCopy {
    /// The source found to copy the other (the later one).
    pub copy_id: i32,
    pub original_id: i32,
    pub evidence: CopyEvidence,
    /// The share of wording (or of names and figures) the two have in common, 0–1.
    pub likeness: f64,
}

/// Another source related to one as a copy of the same story, by the detector, by a
/// person, or through a third source of the group.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RelatedCopy {
    pub source_id: i32,
    pub title: String,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub detected: Option<DetectedCopy>,
    pub verdict: Option<CopyVerdict>,
    /// Whether the two count as one source (in one group of copies).
    pub same_group: bool,
}

/// A source's reliability in the Admiralty (NATO) system, from A (completely reliable)
/// to F (reliability cannot be judged). Ordered from the best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type)]
pub enum Reliability {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl Reliability {
    pub const ALL: &'static [Reliability] =
        &[Reliability::A, Reliability::B, Reliability::C, Reliability::D, Reliability::E, Reliability::F];

    pub fn as_str(self) -> &'static str {
        match self {
            Reliability::A => "A",
            Reliability::B => "B",
            Reliability::C => "C",
            Reliability::D => "D",
            Reliability::E => "E",
            Reliability::F => "F",
        }
    }

    /// The letter, in either case.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|r| r.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// The standard wording.
    pub fn words(self) -> &'static str {
        match self {
            Reliability::A => "Completely reliable",
            Reliability::B => "Usually reliable",
            Reliability::C => "Fairly reliable",
            Reliability::D => "Not usually reliable",
            Reliability::E => "Unreliable",
            Reliability::F => "Reliability cannot be judged",
        }
    }
}

impl std::fmt::Display for Reliability {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl rusqlite::types::ToSql for Reliability {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for Reliability {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        Self::parse(text)
            .ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("unknown reliability '{text}'").into()))
    }
}

/// The standard wording of a credibility grade, 1 (confirmed by other sources) to 6
/// (truth cannot be judged); `None` for any other number.
pub fn credibility_words(credibility: i32) -> Option<&'static str> {
    Some(match credibility {
        1 => "Confirmed by other sources",
        2 => "Probably true",
        3 => "Possibly true",
        4 => "Doubtful",
        5 => "Improbable",
        6 => "Truth cannot be judged",
        _ => return None,
    })
}

/// A source's reliability and where it comes from: the source's own grade, or its
/// site's default (which sources without their own grade take).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SourceGrade {
    pub source_id: i32,
    /// The host of its address without "www.", else its publisher; what site defaults
    /// are kept under.
    pub site: Option<String>,
    /// Graded for this source by a person.
    pub own: Option<Reliability>,
    /// The default of its site.
    pub site_default: Option<Reliability>,
    /// The grade that holds: its own, else the site's; `None` when not graded.
    pub reliability: Option<Reliability>,
}

/// A site's default reliability, with how many sources come from it and how many of
/// those take the default (have no grade of their own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SiteGrade {
    pub site: String,
    pub reliability: Option<Reliability>,
    pub sources: i32,
    pub inheriting: i32,
}

/// A claim's grade: the best reliability among the sources citing it and its
/// credibility, set by a person or suggested from the claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ClaimGrade {
    /// The best reliability among its sources; `None` when none is graded.
    pub reliability: Option<Reliability>,
    /// The credibility that holds: the person's, else the suggestion.
    pub credibility: i32,
    /// Set by a person.
    pub set: bool,
    /// What Dossier suggests from the claim's certainty, attribution and corroboration.
    pub suggested: i32,
}

impl ClaimGrade {
    /// "B2"; "–3" when no source is graded.
    pub fn label(&self) -> String {
        format!("{}{}", self.reliability.map_or("–", |r| r.as_str()), self.credibility)
    }

    pub fn passes(&self, filter: Option<GradeFilter>) -> bool {
        filter.is_none_or(|f| {
            self.reliability.unwrap_or(Reliability::F) <= f.reliability && self.credibility <= f.credibility
        })
    }
}

/// "Only B2 or better": claims whose best source is at least this reliable and whose
/// credibility is at least this good (a lower number); sources at least this reliable.
/// Not graded counts as F and 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct GradeFilter {
    pub reliability: Reliability,
    pub credibility: i32,
}

impl GradeFilter {
    /// Reads "B2" (either case).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let mut chars = text.chars();
        let reliability = Reliability::parse(&chars.next()?.to_string())?;
        let credibility: i32 = chars.as_str().parse().ok()?;
        credibility_words(credibility)?;
        Some(GradeFilter { reliability, credibility })
    }
}

/// How a piece of evidence bears on a hypothesis, in Heuer's Analysis of Competing
/// Hypotheses: very consistent, consistent, neutral (or not applicable), inconsistent,
/// very inconsistent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
pub enum AchRating {
    #[serde(rename = "CC")]
    VeryConsistent,
    #[serde(rename = "C")]
    Consistent,
    #[serde(rename = "N")]
    Neutral,
    #[serde(rename = "I")]
    Inconsistent,
    #[serde(rename = "II")]
    VeryInconsistent,
}

impl AchRating {
    pub const ALL: &'static [AchRating] = &[
        AchRating::VeryConsistent,
        AchRating::Consistent,
        AchRating::Neutral,
        AchRating::Inconsistent,
        AchRating::VeryInconsistent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AchRating::VeryConsistent => "CC",
            AchRating::Consistent => "C",
            AchRating::Neutral => "N",
            AchRating::Inconsistent => "I",
            AchRating::VeryInconsistent => "II",
        }
    }

    /// "CC", "C", "N", "I" or "II", in either case.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|r| r.as_str().eq_ignore_ascii_case(text.trim()))
    }

    pub fn words(self) -> &'static str {
        match self {
            AchRating::VeryConsistent => "very consistent",
            AchRating::Consistent => "consistent",
            AchRating::Neutral => "neutral",
            AchRating::Inconsistent => "inconsistent",
            AchRating::VeryInconsistent => "very inconsistent",
        }
    }
}

impl rusqlite::types::ToSql for AchRating {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for AchRating {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        Self::parse(text).ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("unknown rating '{text}'").into()))
    }
}

/// A question weighed by competing hypotheses, as the list of them shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Question {
    pub id: i32,
    pub title: String,
    pub hypotheses: i32,
    pub evidence: i32,
    pub created_at: String,
    pub updated_at: String,
}

/// A hypothesis: an answer to a question, the matrix's column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Hypothesis {
    pub id: i32,
    pub question_id: i32,
    pub statement: String,
    pub notes: String,
    pub created_at: String,
    /// The analyst who made it, as the team's log says (in a store that syncs).
    pub made_by: Option<String>,
}

/// A rated cell of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RatingCell {
    pub rating: AchRating,
    pub comment: String,
}

/// A row of the matrix: a claim, its cell under each hypothesis (in the columns'
/// order; none reads N), how well it tells the hypotheses apart and how much it weighs.
#[derive(Debug, Clone, Serialize, Type)]
pub struct MatrixRow {
    pub claim: Claim,
    pub cells: Vec<Option<RatingCell>>,
    /// The spread of its ratings across the hypotheses (CC 2 … II −2): 0 when it rates
    /// every hypothesis alike, and so tells none apart.
    pub diagnosticity: i32,
    /// Its weight in the inconsistency scores, from its credibility.
    pub weight: f64,
    /// Rated under every hypothesis, and alike: it tells none apart (a row not yet
    /// rated everywhere is not called so).
    pub no_diagnostic_value: bool,
}

/// A hypothesis's standing: the evidence against it, weighted by credibility (II counts
/// twice), and how many rows are consistent or inconsistent with it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct HypothesisScore {
    pub inconsistency: f64,
    pub inconsistent: i32,
    pub consistent: i32,
}

/// A question's matrix: hypotheses as columns with their scores, claims as rows.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Matrix {
    pub question: Question,
    pub hypotheses: Vec<Hypothesis>,
    pub scores: Vec<HypothesisScore>,
    pub rows: Vec<MatrixRow>,
    /// The matrix in words (`ach::reading`), a sentence a line.
    pub reading: Vec<String>,
}

/// How many sources back a claim, and how many of them are independent of one another.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Type)]
pub struct Corroboration {
    pub sources: i32,
    pub independent: i32,
}

/// A claim with the passages it stands on, for the evidence behind an edge.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ClaimEvidence {
    pub claim: Claim,
    pub citations: Vec<Citation>,
}

/// What the timeline shows: claims between these actors (any, when empty) and of
/// these relations (any, when empty); sources only when no actor is chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Type)]
#[serde(default)]
pub struct TimelineFilter {
    pub actor_ids: Vec<i32>,
    pub relations: Vec<Relation>,
    /// Only claims graded this well or better (and sources this reliable).
    pub grade: Option<GradeFilter>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    Claim,
    Source,
}

/// One dated thing on the timeline: a claim (by what it states happened when) or a
/// source (by when it was published). `lower`/`upper` are inclusive ISO days; both
/// `None` means the date fixes no day (`XXXX-12`): the "undated" lane.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct TimelineItem {
    pub kind: TimelineKind,
    pub id: i32,
    pub label: String,
    /// The EDTF date as written.
    pub date: String,
    pub lower: Option<String>,
    pub upper: Option<String>,
    /// Marked uncertain (`?`) or approximate (`~`, `%`).
    pub uncertain: bool,
    /// The claim's relation (claims only), for colour.
    pub relation: Option<Relation>,
    /// The source of a source item, or the first source citing a claim.
    pub source_id: Option<i32>,
    /// A claim's date nobody has confirmed (read by Dossier, accepted in bulk).
    pub unchecked: bool,
}

/// One change the analyst made, as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ChangeEntry {
    pub id: i32,
    /// RFC 3339, UTC.
    pub made_at: String,
    /// What was done, in words ("Merged Hizbullah into Hezbollah").
    pub label: String,
    /// When it was taken back, if it was.
    pub undone_at: Option<String>,
    /// Whether it can be taken back now: not yet undone, and among the latest changes.
    pub undoable: bool,
}

vocabulary!(
    /// The kinds of record a change may touch: what a view showing them reads again.
    RecordKind {
        Sources => "sources",
        Actors => "actors",
        Mentions => "mentions",
        Claims => "claims",
        Citations => "citations",
        Notes => "notes",
        Suggestions => "suggestions",
        Hypotheses => "hypotheses",
    }
);

/// What a changing command did: its result, the change it recorded in the history (none
/// when it changed nothing), and the kinds of record that change touched.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Changed<T> {
    pub value: T,
    pub change: Option<ChangeEntry>,
    pub touched: Vec<RecordKind>,
}

/// Row counts per table, for `dossier stats` and the status bar.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Type)]
pub struct Stats {
    pub sources: i32,
    /// Suggestions still waiting for review (actors, claims and quotations; dates are
    /// not reviewed on their own).
    pub suggestions: i32,
    pub actors: i32,
    pub aliases: i32,
    pub mentions: i32,
    pub claims: i32,
    pub citations: i32,
    pub notes: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Source,
    Actor,
    Claim,
    Note,
    /// A quotation: a passage kept for its speaker, backing no claim.
    Quotation,
}

/// A piece of a search snippet: plain text, marked as a hit or not. Snippets travel as
/// text fragments, never as markup, so nothing from a source can become HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Fragment {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: i32,
    pub title: String,
    pub snippet: Vec<Fragment>,
    /// Where a quotation stands in its source, to open the reader there.
    pub passage: Option<PassageRef>,
}

/// A span of a source's text, in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub struct PassageRef {
    pub source_id: i32,
    pub start: i32,
    pub end: i32,
}

/// A page of search hits, best first.
#[derive(Debug, Clone, Serialize, Type)]
pub struct SearchPage {
    pub items: Vec<SearchHit>,
    /// How many matches were ranked: every match, unless `capped`.
    pub total: i32,
    pub offset: i32,
    /// More matched than are ranked: of a kind with more than `window` matches, only the
    /// newest `window` are ranked (and counted). Adding a word narrows the search.
    pub capped: bool,
    pub window: i32,
}

/// One suggestion of extraction, as the review queue lists it.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Suggestion {
    pub id: i32,
    pub source_id: i32,
    pub kind: SuggestionKind,
    /// One line for a person: "Joseph Humire (person)", "Hezbollah proxy_of Iran".
    pub label: String,
    pub span_start: i32,
    pub span_end: i32,
    pub status: ReviewStatus,
    /// The suggestion as extraction produced it (and the analyst edited it).
    pub payload: SuggestionPayload,
    pub source_title: String,
    /// The passage the suggestion stands on, with some text either side.
    pub prefix: String,
    pub exact: String,
    pub suffix: String,
}

/// A span of a source's stored text, in code points.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct TextSpan {
    pub start: i32,
    pub end: i32,
}

/// An actor a text names: its name, kind, the forms it takes and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SuggestedActor {
    pub name: String,
    pub kind: ActorKind,
    pub surfaces: Vec<String>,
    pub mentions: Vec<TextSpan>,
}

/// A direct quotation and its speaker (an actor's name when the text names one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SuggestedQuote {
    pub text: String,
    pub speaker: Option<String>,
    pub start: i32,
    pub end: i32,
}

/// A date a text writes: where, the words, and its EDTF value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SuggestedDate {
    pub text: String,
    pub edtf: String,
    pub start: i32,
    pub end: i32,
}

/// The exact passage a suggestion stands on, with context (TextQuoteSelector-like).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CitedPassage {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub start: i32,
    pub end: i32,
}

/// A suggested claim between two actors, citing the sentence that states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SuggestedClaim {
    pub subject: String,
    pub relation: Relation,
    pub object: String,
    pub date: Option<String>,
    /// Where the date is written (in the cited passage), for a person to check it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_written: Option<TextSpan>,
    pub attributed_to: Option<String>,
    pub certainty: Certainty,
    pub citation: CitedPassage,
}

/// What a suggestion proposes, by kind. In the store each is kept as the JSON of its
/// record beside the suggestion's `kind` column ([`SuggestionPayload::to_stored`]) and
/// read back strictly: a row that does not read is an error, never a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum SuggestionPayload {
    Actor(SuggestedActor),
    Quote(SuggestedQuote),
    Date(SuggestedDate),
    Claim(SuggestedClaim),
}

impl SuggestionPayload {
    pub fn kind(&self) -> SuggestionKind {
        match self {
            SuggestionPayload::Actor(_) => SuggestionKind::Actor,
            SuggestionPayload::Quote(_) => SuggestionKind::Quote,
            SuggestionPayload::Date(_) => SuggestionKind::Date,
            SuggestionPayload::Claim(_) => SuggestionKind::Claim,
        }
    }

    /// The passage the suggestion stands on: an actor's first mention, a quotation, a
    /// date, a claim's cited passage.
    pub fn span(&self) -> TextSpan {
        match self {
            SuggestionPayload::Actor(a) => a.mentions.first().copied().unwrap_or_default(),
            SuggestionPayload::Quote(q) => TextSpan { start: q.start, end: q.end },
            SuggestionPayload::Date(d) => TextSpan { start: d.start, end: d.end },
            SuggestionPayload::Claim(c) => TextSpan { start: c.citation.start, end: c.citation.end },
        }
    }

    /// The one-line label a person reads: "Joseph Humire (person)",
    /// "Hezbollah proxy_of Iran", "Nicolás Maduro: “Venezuela no está sola…”".
    pub fn label(&self) -> String {
        match self {
            SuggestionPayload::Actor(a) => format!("{} ({})", a.name, a.kind),
            SuggestionPayload::Quote(q) => {
                let words: Vec<&str> = q.text.split_whitespace().take(12).collect();
                let speaker = q.speaker.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or("unattributed");
                format!("{speaker}: “{}…”", words.join(" "))
            }
            SuggestionPayload::Date(d) => format!("{} → {}", d.text, d.edtf),
            SuggestionPayload::Claim(c) => format!("{} {} {}", c.subject, c.relation, c.object),
        }
    }

    /// The record as the store keeps it: its JSON, without the kind (a column of its own).
    pub fn to_stored(&self) -> String {
        let json = match self {
            SuggestionPayload::Actor(a) => serde_json::to_string(a),
            SuggestionPayload::Quote(q) => serde_json::to_string(q),
            SuggestionPayload::Date(d) => serde_json::to_string(d),
            SuggestionPayload::Claim(c) => serde_json::to_string(c),
        };
        // Plain structs of strings, numbers and vocabularies: serialising cannot fail.
        json.unwrap_or_default()
    }

    /// Reads a stored record of `kind` back; what does not read is an error.
    pub fn from_stored(kind: SuggestionKind, json: &str) -> std::result::Result<Self, serde_json::Error> {
        Ok(match kind {
            SuggestionKind::Actor => SuggestionPayload::Actor(serde_json::from_str(json)?),
            SuggestionKind::Quote => SuggestionPayload::Quote(serde_json::from_str(json)?),
            SuggestionKind::Date => SuggestionPayload::Date(serde_json::from_str(json)?),
            SuggestionKind::Claim => SuggestionPayload::Claim(serde_json::from_str(json)?),
        })
    }
}

/// What the importer hands the store for one suggestion: its identity within the source
/// across re-analyses, and what it proposes (its kind, label and span follow from that).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewSuggestion {
    pub fingerprint: String,
    pub payload: SuggestionPayload,
}

impl NewSuggestion {
    /// The suggestion of `payload`, with the fingerprint that survives re-analysis: an
    /// actor by its name, a quotation or date by where it starts and what it says, a
    /// claim by its parties, relation and passage.
    pub fn of(payload: SuggestionPayload) -> Self {
        let normalize = crate::text::normalize_name;
        let fingerprint = match &payload {
            SuggestionPayload::Actor(a) => actor_fingerprint(&a.name),
            SuggestionPayload::Quote(q) => {
                let words: String = q.text.split_whitespace().take(12).collect::<Vec<_>>().join(" ");
                format!("quote|{}|{}", q.start, normalize(&words))
            }
            SuggestionPayload::Date(d) => format!("date|{}|{}", d.start, d.edtf),
            SuggestionPayload::Claim(c) => format!(
                "claim|{}|{}|{}|{}",
                normalize(&c.subject),
                c.relation.as_str(),
                normalize(&c.object),
                c.citation.start
            ),
        };
        NewSuggestion { fingerprint, payload }
    }
}

/// The fingerprint of the suggestion of the actor `name` in a source: one per name.
pub fn actor_fingerprint(name: &str) -> String {
    format!("actor|{}", crate::text::normalize_name(name))
}

/// What merging one actor into another moved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Type)]
pub struct MergeOutcome {
    /// The merge's id, for undoing it.
    pub merge_id: i32,
    pub kept_id: i32,
    pub aliases_added: i32,
    pub mentions: i32,
    pub claims: i32,
    pub citations: i32,
}

/// One merge in an actor's history.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ActorMerge {
    pub id: i32,
    pub kept_id: i32,
    /// The id the merged actor had (and gets back when the merge is undone, if free).
    pub merged_id: i32,
    pub merged_name: String,
    pub merged_kind: ActorKind,
    pub merged_at: String,
    pub undone_at: Option<String>,
}

/// What splitting an alias off into its own actor moved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Type)]
pub struct SplitOutcome {
    /// The new actor, named by the alias.
    pub actor_id: i32,
    pub mentions: i32,
    pub claims: i32,
}

/// Changes the analyst makes to a suggestion before accepting it. A field left out (or
/// null) stays as extraction proposed it; an empty string clears an optional field.
/// Which fields apply depends on the suggestion's kind: `name`/`kind` for an actor,
/// `speaker` for a quotation, the rest for a claim.
#[derive(Debug, Clone, Default, Deserialize, Type)]
#[serde(default)]
pub struct SuggestionEdit {
    pub name: Option<String>,
    pub kind: Option<ActorKind>,
    pub speaker: Option<String>,
    pub subject: Option<String>,
    pub relation: Option<Relation>,
    pub object: Option<String>,
    /// EDTF ("2023-06", "199X"); empty clears the date.
    pub date: Option<String>,
    pub attributed_to: Option<String>,
    pub certainty: Option<Certainty>,
}

/// A place where a source names an actor by one of its aliases without a mention
/// linking the two yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct UnlinkedMention {
    pub source_id: i32,
    pub source_title: String,
    pub start: i32,
    pub end: i32,
    pub surface: String,
    pub prefix: String,
    pub suffix: String,
}

/// The unlinked mentions of an actor across the library: how many, and the first few.
#[derive(Debug, Clone, Default, Serialize, Type)]
pub struct UnlinkedMentions {
    pub total: i32,
    pub sources: i32,
    pub items: Vec<UnlinkedMention>,
}

/// One line of an actor page's relations: a relation with another actor, how many
/// claims state it and from how many independent sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RelationSummary {
    pub relation: Relation,
    /// True when the actor is the claims' subject ("Hezbollah proxy_of Iran" on
    /// Hezbollah's page), false when it is their object.
    pub outgoing: bool,
    pub other: ActorRef,
    pub claims: i32,
    pub sources: i32,
    /// Of those sources, the independent ones (copies of one story count once).
    pub independent: i32,
}

/// A mention of an actor, with where it is.
#[derive(Debug, Clone, Serialize, Type)]
pub struct MentionInSource {
    pub id: i32,
    pub source_id: i32,
    pub source_title: String,
    pub start: i32,
    pub end: i32,
    pub surface: String,
    pub prefix: String,
    pub suffix: String,
}

/// What merging would move, shown before the analyst confirms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Type)]
pub struct MergePreview {
    pub aliases: i32,
    pub mentions: i32,
    pub claims: i32,
    pub citations: i32,
    pub notes: i32,
}

/// A claim the analyst states from a passage they selected in the reader.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct CitedClaim {
    pub source_id: i32,
    pub start: i32,
    pub end: i32,
    pub subject_id: i32,
    pub relation: Relation,
    pub relation_text: Option<String>,
    pub object_id: Option<i32>,
    pub date: Option<String>,
    pub attributed_to_id: Option<i32>,
    pub certainty: Certainty,
}

/// The claim and citation written for a [`CitedClaim`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CitedClaimIds {
    pub claim_id: i32,
    pub citation_id: i32,
}

/// Which sources the Library shows. Empty fields do not filter.
#[derive(Debug, Clone, Default, Deserialize, Type)]
#[serde(default)]
pub struct SourceFilter {
    /// Words to find in the title or text (full-text search).
    pub query: Option<String>,
    /// The site (publisher) exactly.
    pub site: Option<String>,
    /// A language tag ("es" also finds "es-VE").
    pub language: Option<String>,
    /// Published on or after this day (YYYY-MM-DD); undated sources are left out.
    pub published_from: Option<String>,
    /// Published on or before this day (YYYY-MM-DD).
    pub published_to: Option<String>,
    /// Tagged so.
    pub tag: Option<String>,
    /// At least this reliable (not graded counts as F).
    pub reliability: Option<Reliability>,
}

/// The sites and languages of the library, with how many sources each, for the
/// Library's filters.
#[derive(Debug, Clone, Default, Serialize, Type)]
pub struct SourceFacets {
    pub sites: Vec<Facet>,
    pub languages: Vec<Facet>,
    pub tags: Vec<Facet>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Facet {
    pub value: String,
    pub count: i32,
}
