-- The inbox's filters without scanning (issue 16). wf_task_candidates: whose inbox an open task is in, kept while it
-- is open: its assignee ('a:' user id) once it has one, else its candidates ('u:' user id, 'g:' group in lower case).
-- wf_variables: the scalar variables (text, number, boolean; at most 256 characters) of running instances, the
-- instance's own and its scopes', one row per name and value, kept by the steps that change them, so that a filter
-- on a variable is an index look-up instead of a search through every instance's serialized state.
CREATE TABLE wf_task_candidates (
    candidate TEXT NOT NULL,
    task_id TEXT NOT NULL,
    PRIMARY KEY (candidate, task_id)
) WITHOUT ROWID;
CREATE INDEX ix_wf_task_candidates_task ON wf_task_candidates (task_id);

CREATE TABLE wf_variables (
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    instance_id TEXT NOT NULL,
    PRIMARY KEY (name, value, instance_id)
) WITHOUT ROWID;
CREATE INDEX ix_wf_variables_instance ON wf_variables (instance_id);

-- What is stored already: the open tasks' assignees and candidates ...
WITH RECURSIVE split(task_id, prefix, rest, item) AS (
    SELECT id, 'u:', substr(candidate_users, 2), NULL FROM wf_tasks WHERE status <= 2 AND assignee IS NULL AND candidate_users <> ''
    UNION ALL
    SELECT id, 'g:', substr(candidate_groups, 2), NULL FROM wf_tasks WHERE status <= 2 AND assignee IS NULL AND candidate_groups <> ''
    UNION ALL
    SELECT task_id, prefix, substr(rest, instr(rest, '|') + 1), substr(rest, 1, instr(rest, '|') - 1) FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO wf_task_candidates (candidate, task_id) SELECT prefix || item, task_id FROM split WHERE item IS NOT NULL AND item <> '';
INSERT OR IGNORE INTO wf_task_candidates (candidate, task_id) SELECT 'a:' || assignee, id FROM wf_tasks WHERE status <= 2 AND assignee IS NOT NULL;

-- ... and the variables of running instances (numbers and booleans as their JSON text).
INSERT OR IGNORE INTO wf_variables (name, value, instance_id)
SELECT v.key, CASE v.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(v.value AS TEXT) END, i.id
FROM wf_instances i, json_each(i.state, '$.variables') v
WHERE i.status = 0 AND v.type IN ('text', 'integer', 'real', 'true', 'false')
  AND length(v.key) <= 200 AND length(CAST(v.value AS TEXT)) <= 256;
INSERT OR IGNORE INTO wf_variables (name, value, instance_id)
SELECT v.key, CASE v.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(v.value AS TEXT) END, i.id
FROM wf_instances i, json_each(i.state, '$.scopes') s, json_each(s.value, '$.variables') v
WHERE i.status = 0 AND v.type IN ('text', 'integer', 'real', 'true', 'false')
  AND length(v.key) <= 200 AND length(CAST(v.value AS TEXT)) <= 256;

-- Indexes reviewed: (status, priority) served only the inbox's old scan of the open tasks and was rewritten by every
-- task that changed status; a case's tasks (the domain's pages ask by case number) get an index of their own, which
-- a task's updates never change.
DROP INDEX ix_wf_tasks_open;
CREATE INDEX ix_wf_tasks_business_key ON wf_tasks (business_key);
