-- Sessions (doc/security.md): the first administrator's "choose a new password first" mark, and the refresh-token
-- families. A family is one bearer sign-in; each refresh moves it to the next generation, and a refresh token of an
-- earlier generation (a reused, stolen one) revokes the whole family with every access token it issued.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT FALSE;
CREATE TABLE token_families (
    id uuid NOT NULL,
    user_id text NOT NULL,
    generation integer NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    refreshed_at bigint NULL,
    revoked_at bigint NULL,
    revoked_reason character varying(50) NULL,
    CONSTRAINT pk_token_families PRIMARY KEY (id),
    CONSTRAINT fk_token_families_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_token_families_user_id ON token_families (user_id);
