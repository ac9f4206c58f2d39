-- The roles as they are spelled today (startup adds any role added later), and the notification module's
-- minimal directory (user_contacts, user_groups) moved into accounts, then dropped. A contact becomes a user
-- with the same id and no password (a system administrator sets one); a group that names a role becomes that
-- role, any other group becomes a committee of that code, so every group keeps resolving to the same people.
-- Contacts sharing an email address keep the first by id (Identity's user name is unique).
INSERT INTO roles (id, name, normalized_name, concurrency_stamp) VALUES
    ('inventor', 'inventor', 'INVENTOR', 'seed'),
    ('technology-manager', 'technology-manager', 'TECHNOLOGY-MANAGER', 'seed'),
    ('committee-member', 'committee-member', 'COMMITTEE-MEMBER', 'seed'),
    ('committee-chair', 'committee-chair', 'COMMITTEE-CHAIR', 'seed'),
    ('office-head', 'office-head', 'OFFICE-HEAD', 'seed'),
    ('workflow-administrator', 'workflow-administrator', 'WORKFLOW-ADMINISTRATOR', 'seed'),
    ('system-administrator', 'system-administrator', 'SYSTEM-ADMINISTRATOR', 'seed');
INSERT INTO users (id, display_name, language, digest, user_name, normalized_user_name, email, normalized_email,
    email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number, phone_number_confirmed,
    two_factor_enabled, lockout_end, lockout_enabled, access_failed_count)
SELECT c.user_id, c.display_name, CASE WHEN c.language IN ('zh-CN', 'en') THEN c.language ELSE 'zh-CN' END,
    CASE WHEN c.digest <> 0 THEN 1 ELSE 0 END, c.email, UPPER(c.email), c.email, UPPER(c.email),
    FALSE, NULL, UPPER(MD5(RANDOM()::TEXT || c.user_id)), UPPER(MD5(RANDOM()::TEXT || c.user_id)), NULL, FALSE, FALSE, NULL, TRUE, 0
FROM user_contacts c
WHERE NOT EXISTS (SELECT 1 FROM user_contacts d WHERE UPPER(d.email) = UPPER(c.email) AND d.user_id < c.user_id);
INSERT INTO user_roles (user_id, role_id)
SELECT g.user_id, r.id FROM user_groups g JOIN roles r ON r.name = g.group_name
WHERE g.user_id IN (SELECT id FROM users);
INSERT INTO committees (code, name, created_at)
SELECT DISTINCT g.group_name, g.group_name, 0 FROM user_groups g
WHERE g.group_name NOT IN (SELECT name FROM roles) AND g.user_id IN (SELECT id FROM users);
INSERT INTO committee_members (committee_code, user_id, is_chair)
SELECT g.group_name, g.user_id, FALSE FROM user_groups g
WHERE g.group_name IN (SELECT code FROM committees) AND g.user_id IN (SELECT id FROM users);
DROP TABLE IF EXISTS user_groups;
DROP TABLE IF EXISTS user_contacts;
