-- The patent portfolio: every patent the institution holds (imported from a register or a CNIPA export, or joined by itself
-- when an invention's grant is recorded), keyed by its normalized number; its inventors in order (an account where one
-- matches); the annual-fee calendar (next fee due, the due a keep-or-abandon decision was opened and taken for).
CREATE TABLE tt_portfolio_patents (
    id UUID NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NULL,
    filing_date DATE NOT NULL,
    grant_date DATE NULL,
    legal_status TEXT NOT NULL,
    next_fee_due DATE NULL,
    holder TEXT NULL,
    college TEXT NULL,
    ipc_classes TEXT NULL,
    fiscally_funded BOOLEAN NOT NULL,
    funded_project TEXT NULL,
    funder TEXT NULL,
    transfers INTEGER NOT NULL,
    licences INTEGER NOT NULL,
    invention_id UUID NULL,
    source TEXT NOT NULL,
    decision_opened_for DATE NULL,
    fee_decision TEXT NULL,
    fee_decision_for DATE NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_tt_portfolio_patents_number ON tt_portfolio_patents (number);
CREATE INDEX ix_tt_portfolio_patents_next_fee_due ON tt_portfolio_patents (next_fee_due);
CREATE INDEX ix_tt_portfolio_patents_invention ON tt_portfolio_patents (invention_id);
CREATE TABLE tt_portfolio_inventors (
    patent_id UUID NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    user_id TEXT NULL,
    PRIMARY KEY (patent_id, position)
);
CREATE INDEX ix_tt_portfolio_inventors_user ON tt_portfolio_inventors (user_id);
