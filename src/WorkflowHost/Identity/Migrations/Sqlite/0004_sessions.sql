-- Sessions (doc/security.md): the first administrator's "choose a new password first" mark, and the refresh-token
-- families. A family is one bearer sign-in; each refresh moves it to the next generation, and a refresh token of an
-- earlier generation (a reused, stolen one) revokes the whole family with every access token it issued.
ALTER TABLE "users" ADD COLUMN "must_change_password" INTEGER NOT NULL DEFAULT 0;
CREATE TABLE "token_families" (
    "id" TEXT NOT NULL CONSTRAINT "pk_token_families" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "generation" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NOT NULL,
    "refreshed_at" INTEGER NULL,
    "revoked_at" INTEGER NULL,
    "revoked_reason" TEXT NULL,
    CONSTRAINT "fk_token_families_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_token_families_user_id" ON "token_families" ("user_id");
