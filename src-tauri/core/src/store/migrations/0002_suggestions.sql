-- Schema v2: what extraction proposes, kept apart from what the analyst has accepted.
-- A suggestion is identified within its source by a fingerprint that survives
-- re-analysis, so that a rejected suggestion is never proposed again and an accepted
-- one is never proposed twice. The payload is the suggestion as extraction produced it
-- (JSON), with code-point offsets into sources.text.

CREATE TABLE suggestions (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('actor', 'quote', 'date', 'claim')),
    fingerprint TEXT    NOT NULL CHECK (fingerprint <> ''),
    label       TEXT    NOT NULL,
    span_start  INTEGER NOT NULL CHECK (span_start >= 0),
    span_end    INTEGER NOT NULL CHECK (span_end >= span_start),
    payload     TEXT    NOT NULL CHECK (json_valid(payload)),
    status      TEXT    NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'accepted', 'rejected')),
    created_at  TEXT    NOT NULL,
    UNIQUE (source_id, fingerprint)
);
CREATE INDEX suggestions_review ON suggestions (status, kind, source_id);
