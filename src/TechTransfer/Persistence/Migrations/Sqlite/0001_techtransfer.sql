-- The tech-transfer domain's tables (module 'techtransfer'): inventions and their inventors, attachments,
-- assessments, committee reviews, pricing, agreements, filings, revenue splits and the evidence chain.
-- Instants are UTC ticks (100 ns since 0001-01-01); money is yuan to four places, rounded to the fen by the code.

CREATE TABLE tt_inventions (
    id TEXT NOT NULL,
    case_number TEXT NOT NULL,
    title TEXT NOT NULL,
    field TEXT NULL,
    ipc_class TEXT NULL,
    abstract TEXT NULL,
    funded_project TEXT NULL,
    funder TEXT NULL,
    fiscally_funded INTEGER NOT NULL,
    prior_art TEXT NULL,
    intended_uses TEXT NULL,
    status TEXT NOT NULL,
    questions TEXT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    submitted_at BIGINT NULL,
    application_number TEXT NULL,
    filing_date TEXT NULL,
    patent_number TEXT NULL,
    grant_date TEXT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_tt_inventions_case_number ON tt_inventions (case_number);

CREATE TABLE tt_inventors (
    invention_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    share TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (invention_id, user_id)
);
CREATE INDEX ix_tt_inventors_user ON tt_inventors (user_id);

CREATE TABLE tt_attachments (
    id TEXT NOT NULL,
    invention_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    stored_name TEXT NOT NULL,
    size BIGINT NOT NULL,
    declared_type TEXT NULL,
    detected_type TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_attachments_invention ON tt_attachments (invention_id);

CREATE TABLE tt_assessments (
    id TEXT NOT NULL,
    invention_id TEXT NOT NULL,
    status TEXT NOT NULL,
    opened_at BIGINT NOT NULL,
    scores TEXT NULL,
    weighted_score TEXT NULL,
    recommended TEXT NULL,
    outcome TEXT NULL,
    route TEXT NULL,
    reasons TEXT NULL,
    assessed_by TEXT NULL,
    assessed_at BIGINT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_assessments_invention ON tt_assessments (invention_id);

CREATE TABLE tt_committee_reviews (
    id TEXT NOT NULL,
    invention_id TEXT NOT NULL,
    committee_id TEXT NOT NULL,
    chair_id TEXT NOT NULL,
    members TEXT NOT NULL,
    subject TEXT NULL,
    quorum INTEGER NOT NULL,
    status TEXT NOT NULL,
    opened_at BIGINT NOT NULL,
    voting_ends_at BIGINT NOT NULL,
    closed_at BIGINT NULL,
    outcome TEXT NULL,
    approvals INTEGER NOT NULL,
    rejections INTEGER NOT NULL,
    abstentions INTEGER NOT NULL,
    minutes TEXT NULL,
    attendance TEXT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_committee_reviews_invention ON tt_committee_reviews (invention_id);

CREATE TABLE tt_committee_votes (
    review_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    choice TEXT NOT NULL,
    reason TEXT NULL,
    cast_at BIGINT NOT NULL,
    PRIMARY KEY (review_id, member_id)
);

CREATE TABLE tt_committee_conflicts (
    review_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    statement TEXT NOT NULL,
    declared_at BIGINT NOT NULL,
    PRIMARY KEY (review_id, member_id)
);

CREATE TABLE tt_pricing (
    id TEXT NOT NULL,
    invention_id TEXT NOT NULL,
    method TEXT NOT NULL,
    status TEXT NOT NULL,
    valuation TEXT NULL,
    valuation_basis TEXT NULL,
    price TEXT NOT NULL,
    transfer_method TEXT NULL,
    proposed_counterparty TEXT NULL,
    related_party INTEGER NOT NULL,
    opened_at BIGINT NOT NULL,
    window_ends_at BIGINT NOT NULL,
    closed_at BIGINT NULL,
    counterparty TEXT NULL,
    final_price TEXT NULL,
    followed_by TEXT NULL,
    follows TEXT NULL,
    opened_by TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_pricing_invention ON tt_pricing (invention_id);

CREATE TABLE tt_pricing_objections (
    id TEXT NOT NULL,
    pricing_id TEXT NOT NULL,
    raised_by TEXT NOT NULL,
    text TEXT NOT NULL,
    raised_at BIGINT NOT NULL,
    status TEXT NOT NULL,
    resolution TEXT NULL,
    resolved_by TEXT NULL,
    resolved_at BIGINT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_pricing_objections_pricing ON tt_pricing_objections (pricing_id);

CREATE TABLE tt_pricing_parties (
    pricing_id TEXT NOT NULL,
    party TEXT NOT NULL,
    registered_by TEXT NOT NULL,
    registered_at BIGINT NOT NULL,
    PRIMARY KEY (pricing_id, party)
);

CREATE TABLE tt_pricing_bids (
    id TEXT NOT NULL,
    pricing_id TEXT NOT NULL,
    bidder TEXT NOT NULL,
    amount TEXT NOT NULL,
    placed_at BIGINT NOT NULL,
    valid INTEGER NOT NULL,
    invalid_reason TEXT NULL,
    recorded_by TEXT NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_pricing_bids_pricing ON tt_pricing_bids (pricing_id);

CREATE TABLE tt_agreements (
    id TEXT NOT NULL,
    invention_id TEXT NOT NULL,
    pricing_id TEXT NULL,
    kind TEXT NOT NULL,
    counterparty TEXT NOT NULL,
    consideration TEXT NOT NULL,
    fee_terms TEXT NULL,
    term_start TEXT NULL,
    term_end TEXT NULL,
    effective_date TEXT NOT NULL,
    signed_at BIGINT NOT NULL,
    signed_by TEXT NOT NULL,
    status TEXT NOT NULL,
    registered_on TEXT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_agreements_invention ON tt_agreements (invention_id);

CREATE TABLE tt_filings (
    id TEXT NOT NULL,
    agreement_id TEXT NOT NULL,
    invention_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    due_date TEXT NULL,
    status TEXT NOT NULL,
    submitted_on TEXT NULL,
    reference TEXT NULL,
    decided_on TEXT NULL,
    refusal_reason TEXT NULL,
    submitted_by TEXT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_filings_agreement ON tt_filings (agreement_id);

CREATE TABLE tt_revenue_splits (
    id TEXT NOT NULL,
    invention_id TEXT NOT NULL,
    agreement_id TEXT NULL,
    income TEXT NOT NULL,
    costs TEXT NOT NULL,
    taxes TEXT NOT NULL,
    net_income TEXT NOT NULL,
    inventor_rate TEXT NOT NULL,
    staff_rate TEXT NOT NULL,
    inventor_pool TEXT NOT NULL,
    staff_pool TEXT NOT NULL,
    institution_share TEXT NOT NULL,
    computed_at BIGINT NOT NULL,
    computed_by TEXT NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_revenue_splits_invention ON tt_revenue_splits (invention_id);

CREATE TABLE tt_revenue_shares (
    split_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    contribution_share TEXT NOT NULL,
    amount TEXT NOT NULL,
    PRIMARY KEY (split_id, user_id)
);

CREATE TABLE tt_evidence (
    invention_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    payload TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (invention_id, sequence)
);
