-- The history of each instance is a hash chain (issue 14): each row's place in it, the previous row's hash, its own,
-- and on the last row each step wrote, the record seal's signature over the chain's head. Rows from before are 0.
ALTER TABLE wf_history ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE wf_history ADD COLUMN previous_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE wf_history ADD COLUMN hash TEXT NOT NULL DEFAULT '';
ALTER TABLE wf_history ADD COLUMN signature TEXT NULL;
-- One row per place in the chain: two hosts extending the same instance's history at once collide, and one step re-runs.
CREATE UNIQUE INDEX ux_wf_history_chain ON wf_history (instance_id, seq) WHERE seq > 0;
