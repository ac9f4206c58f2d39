-- Accounts (ASP.NET Core Identity), committees, and the data-protection keys of tokens and cookies. DDL generated once from AccountsDbContext with
-- Database.GenerateCreateScript() and kept here as the versioned script; never edit it after it ships.
CREATE TABLE "committees" (
    "code" TEXT NOT NULL CONSTRAINT "pk_committees" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL
);
CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NULL,
    "xml" TEXT NULL
);
CREATE TABLE "roles" (
    "id" TEXT NOT NULL CONSTRAINT "pk_roles" PRIMARY KEY,
    "name" TEXT NULL,
    "normalized_name" TEXT NULL,
    "concurrency_stamp" TEXT NULL
);
CREATE TABLE "users" (
    "id" TEXT NOT NULL CONSTRAINT "pk_users" PRIMARY KEY,
    "display_name" TEXT NULL,
    "language" TEXT NOT NULL,
    "digest" INTEGER NOT NULL,
    "user_name" TEXT NULL,
    "normalized_user_name" TEXT NULL,
    "email" TEXT NULL,
    "normalized_email" TEXT NULL,
    "email_confirmed" INTEGER NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NULL,
    "concurrency_stamp" TEXT NULL,
    "phone_number" TEXT NULL,
    "phone_number_confirmed" INTEGER NOT NULL,
    "two_factor_enabled" INTEGER NOT NULL,
    "lockout_end" TEXT NULL,
    "lockout_enabled" INTEGER NOT NULL,
    "access_failed_count" INTEGER NOT NULL
);
CREATE TABLE "role_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_role_claims" PRIMARY KEY AUTOINCREMENT,
    "role_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_role_claims_roles_role_id" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE
);
CREATE TABLE "committee_members" (
    "committee_code" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "is_chair" INTEGER NOT NULL,
    CONSTRAINT "pk_committee_members" PRIMARY KEY ("committee_code", "user_id"),
    CONSTRAINT "fk_committee_members_committees_committee_code" FOREIGN KEY ("committee_code") REFERENCES "committees" ("code") ON DELETE CASCADE,
    CONSTRAINT "fk_committee_members_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "user_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_user_claims" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_user_claims_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "user_logins" (
    "login_provider" TEXT NOT NULL,
    "provider_key" TEXT NOT NULL,
    "provider_display_name" TEXT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "pk_user_logins" PRIMARY KEY ("login_provider", "provider_key"),
    CONSTRAINT "fk_user_logins_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "user_roles" (
    "user_id" TEXT NOT NULL,
    "role_id" TEXT NOT NULL,
    CONSTRAINT "pk_user_roles" PRIMARY KEY ("user_id", "role_id"),
    CONSTRAINT "fk_user_roles_roles_role_id" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_user_roles_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "user_tokens" (
    "user_id" TEXT NOT NULL,
    "login_provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NULL,
    CONSTRAINT "pk_user_tokens" PRIMARY KEY ("user_id", "login_provider", "name"),
    CONSTRAINT "fk_user_tokens_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_committee_members_user_id" ON "committee_members" ("user_id");
CREATE UNIQUE INDEX "ux_committee_members_chair" ON "committee_members" ("committee_code") WHERE is_chair = TRUE;
CREATE INDEX "ix_role_claims_role_id" ON "role_claims" ("role_id");
CREATE UNIQUE INDEX "ix_roles_normalized_name" ON "roles" ("normalized_name");
CREATE INDEX "ix_user_claims_user_id" ON "user_claims" ("user_id");
CREATE INDEX "ix_user_logins_user_id" ON "user_logins" ("user_id");
CREATE INDEX "ix_user_roles_role_id" ON "user_roles" ("role_id");
CREATE INDEX "ix_users_normalized_email" ON "users" ("normalized_email");
CREATE UNIQUE INDEX "ix_users_normalized_user_name" ON "users" ("normalized_user_name");
