//! The tables that sync, their columns as entries carry them, the columns that point at
//! other rows (carried as those rows' global ids) and the natural keys under which two
//! desktops may make the same row twice. Migration 9's views and triggers are written
//! from the same lists.

/// A column that points at a row of another synced table.
pub(super) struct Reference {
    pub column: &'static str,
    pub target: &'static str,
    /// Whether the column may be empty (the target's deletion sets it to NULL).
    pub nullable: bool,
    /// Whether a row pointing here keeps its target alive: a deletion the row's author
    /// did not see does not take the target away (it stays, or comes back), since the
    /// row is evidence (a citation of a source, a claim about an actor).
    pub keeps_target: bool,
}

pub(super) struct Table {
    pub name: &'static str,
    /// Every synced column but the id and the gid, references included.
    pub columns: &'static [&'static str],
    pub references: &'static [Reference],
    /// Columns two desktops may both fill with the same values, making one row (the same
    /// article's SHA-256, the same alias of an actor…); empty when none.
    pub natural_key: &'static [&'static str],
}

impl Table {
    pub fn reference(&self, column: &str) -> Option<&Reference> {
        self.references.iter().find(|r| r.column == column)
    }
}

const fn to(column: &'static str, target: &'static str, nullable: bool, keeps_target: bool) -> Reference {
    Reference { column, target, nullable, keeps_target }
}

/// Parents before children: the order a store's rows are first pushed in.
pub(super) const TABLES: &[Table] = &[
    Table {
        name: "sources",
        columns: &[
            "title",
            "byline",
            "publisher",
            "published",
            "published_lower",
            "published_upper",
            "url",
            "language",
            "media_type",
            "original_name",
            "sha256",
            "byte_size",
            "status",
            "imported_at",
            "text",
            "html",
        ],
        references: &[],
        natural_key: &["sha256"],
    },
    Table {
        name: "source_tags",
        columns: &["source_id", "tag"],
        references: &[to("source_id", "sources", false, false)],
        natural_key: &["source_id", "tag"],
    },
    Table {
        name: "copy_verdicts",
        columns: &["source_id", "other_id", "copy", "created_at"],
        references: &[to("source_id", "sources", false, false), to("other_id", "sources", false, false)],
        natural_key: &["source_id", "other_id"],
    },
    Table {
        name: "site_grades",
        columns: &["site", "reliability", "graded_at"],
        references: &[],
        natural_key: &["site"],
    },
    Table {
        name: "source_grades",
        columns: &["source_id", "reliability", "graded_at"],
        references: &[to("source_id", "sources", false, false)],
        natural_key: &["source_id"],
    },
    Table {
        name: "source_ocr",
        columns: &[
            "source_id",
            "engine",
            "languages",
            "pages",
            "words",
            "confidence",
            "doubtful",
            "text_length",
            "text_sha256",
        ],
        references: &[to("source_id", "sources", false, false)],
        natural_key: &["source_id"],
    },
    Table {
        name: "source_capture",
        columns: &[
            "source_id",
            "kind",
            "address",
            "final_address",
            "status",
            "redirects",
            "headers",
            "captured_at",
            "sha256",
        ],
        references: &[to("source_id", "sources", false, false)],
        natural_key: &["source_id"],
    },
    Table {
        name: "actors",
        columns: &["name", "kind", "description", "created_at", "updated_at"],
        references: &[],
        natural_key: &[],
    },
    Table {
        name: "actor_aliases",
        columns: &["actor_id", "alias", "normalized"],
        references: &[to("actor_id", "actors", false, false)],
        natural_key: &["actor_id", "normalized"],
    },
    Table { name: "notes", columns: &["title", "body", "created_at", "updated_at"], references: &[], natural_key: &[] },
    Table {
        name: "claims",
        columns: &[
            "subject_id",
            "relation",
            "relation_text",
            "object_id",
            "object_text",
            "statement",
            "date",
            "date_lower",
            "date_upper",
            "attributed_to_id",
            "certainty",
            "status",
            "origin",
            "created_at",
            "updated_at",
            "date_checked",
        ],
        references: &[
            to("subject_id", "actors", false, true),
            to("object_id", "actors", true, true),
            to("attributed_to_id", "actors", true, true),
        ],
        natural_key: &[],
    },
    Table {
        name: "claim_grades",
        columns: &["claim_id", "credibility", "graded_at"],
        references: &[to("claim_id", "claims", false, false)],
        natural_key: &["claim_id"],
    },
    Table { name: "questions", columns: &["title", "created_at", "updated_at"], references: &[], natural_key: &[] },
    Table {
        name: "hypotheses",
        columns: &["question_id", "statement", "notes", "created_at", "updated_at"],
        // An analyst's hypothesis keeps its question: deleted on a desktop that did not
        // see the hypothesis made, the question comes back with it.
        references: &[to("question_id", "questions", false, true)],
        natural_key: &[],
    },
    Table {
        name: "question_evidence",
        columns: &["question_id", "claim_id", "added_at"],
        references: &[to("question_id", "questions", false, false), to("claim_id", "claims", false, false)],
        natural_key: &["question_id", "claim_id"],
    },
    Table {
        name: "hypothesis_ratings",
        columns: &["hypothesis_id", "claim_id", "rating", "comment", "rated_at"],
        references: &[to("hypothesis_id", "hypotheses", false, false), to("claim_id", "claims", false, false)],
        natural_key: &["hypothesis_id", "claim_id"],
    },
    Table {
        name: "citations",
        columns: &[
            "claim_id",
            "source_id",
            "exact",
            "prefix",
            "suffix",
            "span_start",
            "span_end",
            "speaker_id",
            "note",
            "created_at",
        ],
        references: &[
            to("claim_id", "claims", true, false),
            to("source_id", "sources", false, true),
            to("speaker_id", "actors", true, true),
        ],
        natural_key: &[],
    },
    Table {
        name: "mentions",
        columns: &["source_id", "actor_id", "span_start", "span_end", "surface", "kind", "status"],
        references: &[to("source_id", "sources", false, false), to("actor_id", "actors", true, false)],
        natural_key: &[],
    },
    Table {
        name: "suggestions",
        columns: &[
            "source_id",
            "kind",
            "fingerprint",
            "label",
            "span_start",
            "span_end",
            "payload",
            "status",
            "created_at",
            "edited_at",
        ],
        references: &[to("source_id", "sources", false, false)],
        natural_key: &["source_id", "fingerprint"],
    },
];

/// The source originals' table, synced apart: its row names the source, and the bytes
/// travel as a blob named by the source's SHA-256.
pub(super) const ORIGINALS: &str = "source_originals";

pub(super) fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// The references into `target` from every synced table.
pub(super) fn references_to(target: &str) -> impl Iterator<Item = (&'static Table, &'static Reference)> + '_ {
    TABLES.iter().flat_map(move |t| t.references.iter().filter(move |r| r.target == target).map(move |r| (t, r)))
}
