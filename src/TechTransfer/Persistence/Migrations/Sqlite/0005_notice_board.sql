-- The public notice board: what was posted (its facts as JSON; a public notice, a listing, an open-licence declaration), the exact text
-- shown and its SHA-256, from when to when; and the name and contact of a member of the public who objects there.
CREATE TABLE tt_board_postings (
    id TEXT NOT NULL,
    invention_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    case_number TEXT NOT NULL,
    title TEXT NOT NULL,
    shown_from BIGINT NOT NULL,
    window_ends_at BIGINT NULL,
    removed_at BIGINT NULL,
    outcome TEXT NULL,
    text TEXT NOT NULL,
    facts TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_board_postings_shown_from ON tt_board_postings (shown_from);
ALTER TABLE tt_pricing_objections ADD COLUMN objector_name TEXT NULL;
ALTER TABLE tt_pricing_objections ADD COLUMN objector_contact TEXT NULL;
