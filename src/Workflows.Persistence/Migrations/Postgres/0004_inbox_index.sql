-- The inbox's filters without scanning (issue 16). wf_task_candidates: whose inbox an open task is in, kept while it
-- is open: its assignee ('a:' user id) once it has one, else its candidates ('u:' user id, 'g:' group in lower case).
-- wf_variables: the scalar variables (text, number, boolean; at most 256 characters) of running instances, the
-- instance's own and its scopes', one row per name and value, kept by the steps that change them, so that a filter
-- on a variable is an index look-up instead of a search through every instance's serialized state.
CREATE TABLE wf_task_candidates (
    candidate TEXT NOT NULL,
    task_id UUID NOT NULL,
    PRIMARY KEY (candidate, task_id)
);
CREATE INDEX ix_wf_task_candidates_task ON wf_task_candidates (task_id);

CREATE TABLE wf_variables (
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    instance_id UUID NOT NULL,
    PRIMARY KEY (name, value, instance_id)
);
CREATE INDEX ix_wf_variables_instance ON wf_variables (instance_id);

-- What is stored already: the open tasks' assignees and candidates ...
INSERT INTO wf_task_candidates (candidate, task_id)
SELECT 'u:' || u, t.id FROM wf_tasks t, unnest(string_to_array(trim(BOTH '|' FROM t.candidate_users), '|')) u
WHERE t.status <= 2 AND t.assignee IS NULL AND u <> ''
ON CONFLICT DO NOTHING;
INSERT INTO wf_task_candidates (candidate, task_id)
SELECT 'g:' || g, t.id FROM wf_tasks t, unnest(string_to_array(trim(BOTH '|' FROM t.candidate_groups), '|')) g
WHERE t.status <= 2 AND t.assignee IS NULL AND g <> ''
ON CONFLICT DO NOTHING;
INSERT INTO wf_task_candidates (candidate, task_id)
SELECT 'a:' || t.assignee, t.id FROM wf_tasks t WHERE t.status <= 2 AND t.assignee IS NOT NULL
ON CONFLICT DO NOTHING;

-- ... and the variables of running instances (numbers and booleans as their JSON text).
INSERT INTO wf_variables (name, value, instance_id)
SELECT v.key, v.value #>> '{}', i.id
FROM wf_instances i, jsonb_each(i.state::jsonb -> 'variables') v
WHERE i.status = 0 AND jsonb_typeof(v.value) IN ('string', 'number', 'boolean')
  AND length(v.key) <= 200 AND length(v.value #>> '{}') <= 256
ON CONFLICT DO NOTHING;
INSERT INTO wf_variables (name, value, instance_id)
SELECT v.key, v.value #>> '{}', i.id
FROM wf_instances i, jsonb_array_elements(COALESCE(i.state::jsonb -> 'scopes', '[]'::jsonb)) s, jsonb_each(s -> 'variables') v
WHERE i.status = 0 AND jsonb_typeof(v.value) IN ('string', 'number', 'boolean')
  AND length(v.key) <= 200 AND length(v.value #>> '{}') <= 256
ON CONFLICT DO NOTHING;

-- Indexes reviewed: (status, priority) served only the inbox's old scan of the open tasks and was rewritten by every
-- task that changed status; a case's tasks (the domain's pages ask by case number) get an index of their own, which
-- a task's updates never change.
DROP INDEX ix_wf_tasks_open;
CREATE INDEX ix_wf_tasks_business_key ON wf_tasks (business_key);
