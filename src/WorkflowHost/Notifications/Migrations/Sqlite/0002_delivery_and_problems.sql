-- MailKit delivery: the recipient's display name for the To header; when a message started failing (it goes
-- dead only after Email:GiveUpAfter of failures, reset when an administrator retries it).
ALTER TABLE email_messages ADD COLUMN to_name VARCHAR(200) NULL;
ALTER TABLE email_messages ADD COLUMN failing_since BIGINT NULL;
-- Notifications that could not become email (a recipient without a contact, an outbox message that kept
-- failing), kept for administrators to see and retry. One row per event, problem and user.
CREATE TABLE notification_problems (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    problem VARCHAR(30) NOT NULL,
    event_id VARCHAR(100) NOT NULL,
    user_id VARCHAR(200) NOT NULL,
    notification_kind VARCHAR(100) NOT NULL,
    instance_id VARCHAR(36) NOT NULL,
    detail TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    resolved_at BIGINT NULL
);
CREATE UNIQUE INDEX ux_notification_problems_event ON notification_problems (event_id, problem, user_id);
