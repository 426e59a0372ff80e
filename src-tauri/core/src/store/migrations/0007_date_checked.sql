-- Schema v7: whether a person has looked at a claim's date.
--
-- Extraction reads a claim's date from its sentence, and can read the wrong one. A date
-- a person has seen and let stand (accepting the claim on its own in Review, stating the
-- claim by hand, or confirming the date) is checked; one that came in with a bulk
-- acceptance is not, and the timeline and the claim's page say so.

ALTER TABLE claims ADD COLUMN date_checked INTEGER NOT NULL DEFAULT 0 CHECK (date_checked IN (0, 1));

-- Claims the person stated themselves: they wrote the date.
UPDATE claims SET date_checked = 1 WHERE origin = 'user';
