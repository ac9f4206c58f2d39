-- The inbox from its own index (issue 16). A row of wf_task_candidates now carries what the inbox filters, sorts and
-- pages by (the task's instance, process, step, case number, creation, due and follow-up dates, priority), kept with
-- the task by the commit writer in the same transaction, so that the count and a page of a person's inbox read these
-- rows alone and look up only the page's tasks, instead of every task in the inbox by id.
-- The table is an index of wf_tasks: it is rebuilt from the rows it indexes.
CREATE TABLE wf_task_candidates_v6 (
    candidate TEXT NOT NULL,
    task_id UUID NOT NULL,
    instance_id UUID NOT NULL,
    process_id TEXT NOT NULL,
    element_id TEXT NOT NULL,
    business_key TEXT NULL,
    created_at BIGINT NOT NULL,
    due_at BIGINT NULL,
    follow_up_at BIGINT NULL,
    priority INTEGER NOT NULL
);
INSERT INTO wf_task_candidates_v6 (candidate, task_id, instance_id, process_id, element_id, business_key, created_at, due_at, follow_up_at, priority)
SELECT c.candidate, c.task_id, t.instance_id, t.process_id, t.element_id, t.business_key, t.created_at, t.due_at, t.follow_up_at, t.priority
FROM wf_task_candidates c JOIN wf_tasks t ON t.id = c.task_id;
DROP TABLE wf_task_candidates;
ALTER TABLE wf_task_candidates_v6 RENAME TO wf_task_candidates;
ALTER TABLE wf_task_candidates ADD CONSTRAINT wf_task_candidates_pkey PRIMARY KEY (candidate, task_id);
CREATE INDEX ix_wf_task_candidates_task ON wf_task_candidates (task_id);
