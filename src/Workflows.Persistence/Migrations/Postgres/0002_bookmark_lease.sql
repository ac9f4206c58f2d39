-- The timer pump claims due bookmarks with a short lease (UTC ticks) so that several hosts never fire the same
-- one at once; a host that dies holding a lease lets it expire and another host fires the bookmark.
ALTER TABLE wf_bookmarks ADD COLUMN lease_until BIGINT NULL;
CREATE INDEX ix_wf_bookmarks_lease ON wf_bookmarks (lease_until) WHERE lease_until IS NOT NULL;
