-- Indexes for the REST API's lists: instances per process version (migration, counts per version),
-- called instances of a parent, and inbox filters on element and due date.
CREATE INDEX ix_wf_instances_definition ON wf_instances (process_id, definition_version, status);
CREATE INDEX ix_wf_instances_parent ON wf_instances (parent_instance_id);
CREATE INDEX ix_wf_tasks_process_element ON wf_tasks (process_id, element_id, status);
CREATE INDEX ix_wf_tasks_due ON wf_tasks (status, due_at);
