-- Task forms edited in the designer (module "forms"): every published version of a form-js schema, immutable, with
-- who published it and when, and one draft per form. The newest published version is the one tasks use; a form
-- never published here falls back to the shipped file workflows/forms/<key>.form.json. Timestamps are UTC ticks.
CREATE TABLE form_versions (
    form_key VARCHAR(200) NOT NULL,
    version INTEGER NOT NULL,
    schema_json TEXT NOT NULL,
    published_by VARCHAR(200) NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (form_key, version)
);
CREATE TABLE form_drafts (
    form_key VARCHAR(200) NOT NULL PRIMARY KEY,
    schema_json TEXT NOT NULL,
    saved_by VARCHAR(200) NOT NULL,
    saved_at BIGINT NOT NULL
);
