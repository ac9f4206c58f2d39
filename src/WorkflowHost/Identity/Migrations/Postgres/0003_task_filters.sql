-- Task filters saved per user (the inbox's query string under a name the user chose); one name once per user.
CREATE TABLE user_task_filters (
    id uuid NOT NULL,
    user_id text NOT NULL,
    name character varying(100) NOT NULL,
    query character varying(2000) NOT NULL,
    created_at bigint NOT NULL,
    CONSTRAINT pk_user_task_filters PRIMARY KEY (id),
    CONSTRAINT fk_user_task_filters_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ux_user_task_filters_user_name ON user_task_filters (user_id, name);
