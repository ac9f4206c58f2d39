-- Open-licence declarations (开放许可声明) and the licences taken under them.
CREATE TABLE tt_open_licence_declarations (
    id TEXT NOT NULL,
    invention_id TEXT NOT NULL,
    patent_number TEXT NOT NULL,
    fee_method TEXT NOT NULL,
    lump_sum TEXT NULL,
    royalty_rate TEXT NULL,
    royalty_base TEXT NULL,
    payment_terms TEXT NULL,
    licence_term_months INTEGER NOT NULL,
    status TEXT NOT NULL,
    declared_at BIGINT NOT NULL,
    declared_by TEXT NOT NULL,
    published_on TEXT NULL,
    publication_reference TEXT NULL,
    withdrawn_at BIGINT NULL,
    withdrawn_by TEXT NULL,
    withdrawal_reason TEXT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_open_licence_declarations_invention ON tt_open_licence_declarations (invention_id);
ALTER TABLE tt_agreements ADD COLUMN declaration_id TEXT NULL;
