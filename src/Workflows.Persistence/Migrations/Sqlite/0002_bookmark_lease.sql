-- The timer pump claims due bookmarks with a short lease (UTC ticks) so that a bookmark is fired by one pump
-- at a time; a lease left by a killed host expires and the bookmark is fired then.
ALTER TABLE wf_bookmarks ADD COLUMN lease_until BIGINT NULL;
CREATE INDEX ix_wf_bookmarks_lease ON wf_bookmarks (lease_until) WHERE lease_until IS NOT NULL;
