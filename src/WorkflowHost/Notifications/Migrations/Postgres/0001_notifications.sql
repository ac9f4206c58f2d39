-- The email side: who gets told (a minimal directory until the identity issue), templates administrators
-- override, and the email outbox drained by the sender. Timestamps are UTC ticks.
CREATE TABLE user_contacts (
    user_id VARCHAR(200) NOT NULL PRIMARY KEY,
    display_name VARCHAR(200) NULL,
    email VARCHAR(320) NOT NULL,
    language VARCHAR(10) NOT NULL,
    digest INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE user_groups (
    user_id VARCHAR(200) NOT NULL,
    group_name VARCHAR(200) NOT NULL,
    PRIMARY KEY (user_id, group_name)
);
CREATE INDEX ix_user_groups_group ON user_groups (group_name);
CREATE TABLE email_templates (
    template_key VARCHAR(100) NOT NULL,
    language VARCHAR(10) NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by VARCHAR(200) NULL,
    PRIMARY KEY (template_key, language)
);
CREATE TABLE email_messages (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    idempotency_key VARCHAR(300) NOT NULL,
    kind VARCHAR(100) NOT NULL,
    to_address VARCHAR(320) NOT NULL,
    to_user_id VARCHAR(200) NULL,
    language VARCHAR(10) NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    task_id VARCHAR(36) NULL,
    status INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT NULL
);
CREATE UNIQUE INDEX ux_email_messages_idempotency ON email_messages (idempotency_key);
CREATE INDEX ix_email_messages_due ON email_messages (status, next_attempt_at);
