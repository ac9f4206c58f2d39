-- Each evidence entry carries the record seal's signature over its chain's head at that entry (issue 14): a chain
-- rewritten with recomputed hashes no longer verifies without the key, which is kept outside the database.
ALTER TABLE tt_evidence ADD COLUMN signature TEXT NOT NULL DEFAULT '';
