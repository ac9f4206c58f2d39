-- Task filters saved per user (the inbox's query string under a name the user chose); one name once per user.
CREATE TABLE "user_task_filters" (
    "id" TEXT NOT NULL CONSTRAINT "pk_user_task_filters" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "fk_user_task_filters_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ux_user_task_filters_user_name" ON "user_task_filters" ("user_id", "name");
