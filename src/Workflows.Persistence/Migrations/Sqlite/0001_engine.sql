-- The engine's tables: definitions, instances (state as JSON), user tasks, bookmarks, history, incidents, outbox.
-- Timestamps are UTC ticks (100 ns since 0001-01-01), so they sort and compare as numbers on both databases.
CREATE TABLE wf_definitions (
    id TEXT NOT NULL PRIMARY KEY,
    process_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    status INTEGER NOT NULL,
    name TEXT NULL,
    bpmn_xml TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    published_at INTEGER NULL,
    created_by TEXT NULL
);
CREATE UNIQUE INDEX ux_wf_definitions_process_version ON wf_definitions (process_id, version);

CREATE TABLE wf_instances (
    id TEXT NOT NULL PRIMARY KEY,
    definition_id TEXT NOT NULL,
    process_id TEXT NOT NULL,
    definition_version INTEGER NOT NULL,
    business_key TEXT NULL,
    status INTEGER NOT NULL,
    state TEXT NOT NULL,
    version INTEGER NOT NULL,
    parent_instance_id TEXT NULL,
    parent_token_id TEXT NULL,
    root_instance_id TEXT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER NULL,
    started_by TEXT NULL,
    open_incidents INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_wf_instances_process ON wf_instances (process_id, status);
CREATE INDEX ix_wf_instances_business_key ON wf_instances (business_key);

CREATE TABLE wf_tasks (
    id TEXT NOT NULL PRIMARY KEY,
    instance_id TEXT NOT NULL,
    token_id TEXT NOT NULL,
    element_id TEXT NOT NULL,
    name TEXT NULL,
    process_id TEXT NOT NULL,
    business_key TEXT NULL,
    status INTEGER NOT NULL,
    assignee TEXT NULL,
    owner TEXT NULL,
    candidate_users TEXT NOT NULL,
    candidate_groups TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    due_at INTEGER NULL,
    follow_up_at INTEGER NULL,
    priority INTEGER NOT NULL,
    form_key TEXT NULL,
    local_variables TEXT NULL,
    completed_at INTEGER NULL,
    completed_by TEXT NULL,
    result TEXT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX ix_wf_tasks_instance ON wf_tasks (instance_id, status);
CREATE INDEX ix_wf_tasks_assignee ON wf_tasks (assignee, status);
CREATE INDEX ix_wf_tasks_open ON wf_tasks (status, priority);

CREATE TABLE wf_bookmarks (
    id TEXT NOT NULL PRIMARY KEY,
    instance_id TEXT NOT NULL,
    token_id TEXT NOT NULL,
    element_id TEXT NOT NULL,
    kind INTEGER NOT NULL,
    due_at INTEGER NULL,
    message_name TEXT NULL,
    correlation_key TEXT NULL,
    data TEXT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX ix_wf_bookmarks_instance ON wf_bookmarks (instance_id);
CREATE INDEX ix_wf_bookmarks_message ON wf_bookmarks (message_name, correlation_key);
CREATE INDEX ix_wf_bookmarks_due ON wf_bookmarks (due_at);

CREATE TABLE wf_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id TEXT NOT NULL,
    event INTEGER NOT NULL,
    element_id TEXT NULL,
    element_type TEXT NULL,
    token_id TEXT NULL,
    actor TEXT NULL,
    at INTEGER NOT NULL,
    data TEXT NULL
);
CREATE INDEX ix_wf_history_instance ON wf_history (instance_id, id);

CREATE TABLE wf_incidents (
    id TEXT NOT NULL PRIMARY KEY,
    instance_id TEXT NOT NULL,
    token_id TEXT NOT NULL,
    element_id TEXT NOT NULL,
    message TEXT NOT NULL,
    details TEXT NULL,
    attempts INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    resolved_at INTEGER NULL,
    resolved_by TEXT NULL
);
CREATE INDEX ix_wf_incidents_open ON wf_incidents (resolved_at, instance_id);

CREATE TABLE wf_outbox (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    processed_at INTEGER NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at INTEGER NULL,
    last_error TEXT NULL
);
CREATE INDEX ix_wf_outbox_pending ON wf_outbox (processed_at, created_at);
