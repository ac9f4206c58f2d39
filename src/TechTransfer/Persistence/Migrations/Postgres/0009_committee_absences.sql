-- Members the chair recorded as absent from a review: their ballot is no longer awaited.
CREATE TABLE tt_committee_absences (
    review_id UUID NOT NULL,
    member_id TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    note TEXT NULL,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (review_id, member_id)
);
