-- The tech-transfer domain's tables (module 'techtransfer'): inventions and their inventors, attachments,
-- assessments, committee reviews, pricing, agreements, filings, revenue splits and the evidence chain.
-- Instants are UTC ticks (100 ns since 0001-01-01); money is yuan to four places, rounded to the fen by the code.

CREATE TABLE tt_inventions (
    id UUID NOT NULL,
    case_number TEXT NOT NULL,
    title TEXT NOT NULL,
    field TEXT NULL,
    ipc_class TEXT NULL,
    abstract TEXT NULL,
    funded_project TEXT NULL,
    funder TEXT NULL,
    fiscally_funded BOOLEAN NOT NULL,
    prior_art TEXT NULL,
    intended_uses TEXT NULL,
    status TEXT NOT NULL,
    questions TEXT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    submitted_at BIGINT NULL,
    application_number TEXT NULL,
    filing_date DATE NULL,
    patent_number TEXT NULL,
    grant_date DATE NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_tt_inventions_case_number ON tt_inventions (case_number);

CREATE TABLE tt_inventors (
    invention_id UUID NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    share NUMERIC(18,4) NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (invention_id, user_id)
);
CREATE INDEX ix_tt_inventors_user ON tt_inventors (user_id);

CREATE TABLE tt_attachments (
    id UUID NOT NULL,
    invention_id UUID NOT NULL,
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
    id UUID NOT NULL,
    invention_id UUID NOT NULL,
    status TEXT NOT NULL,
    opened_at BIGINT NOT NULL,
    scores TEXT NULL,
    weighted_score NUMERIC(18,4) NULL,
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
    id UUID NOT NULL,
    invention_id UUID NOT NULL,
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
    review_id UUID NOT NULL,
    member_id TEXT NOT NULL,
    choice TEXT NOT NULL,
    reason TEXT NULL,
    cast_at BIGINT NOT NULL,
    PRIMARY KEY (review_id, member_id)
);

CREATE TABLE tt_committee_conflicts (
    review_id UUID NOT NULL,
    member_id TEXT NOT NULL,
    statement TEXT NOT NULL,
    declared_at BIGINT NOT NULL,
    PRIMARY KEY (review_id, member_id)
);

CREATE TABLE tt_pricing (
    id UUID NOT NULL,
    invention_id UUID NOT NULL,
    method TEXT NOT NULL,
    status TEXT NOT NULL,
    valuation NUMERIC(18,4) NULL,
    valuation_basis TEXT NULL,
    price NUMERIC(18,4) NOT NULL,
    transfer_method TEXT NULL,
    proposed_counterparty TEXT NULL,
    related_party BOOLEAN NOT NULL,
    opened_at BIGINT NOT NULL,
    window_ends_at BIGINT NOT NULL,
    closed_at BIGINT NULL,
    counterparty TEXT NULL,
    final_price NUMERIC(18,4) NULL,
    followed_by UUID NULL,
    follows UUID NULL,
    opened_by TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_pricing_invention ON tt_pricing (invention_id);

CREATE TABLE tt_pricing_objections (
    id UUID NOT NULL,
    pricing_id UUID NOT NULL,
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
    pricing_id UUID NOT NULL,
    party TEXT NOT NULL,
    registered_by TEXT NOT NULL,
    registered_at BIGINT NOT NULL,
    PRIMARY KEY (pricing_id, party)
);

CREATE TABLE tt_pricing_bids (
    id UUID NOT NULL,
    pricing_id UUID NOT NULL,
    bidder TEXT NOT NULL,
    amount NUMERIC(18,4) NOT NULL,
    placed_at BIGINT NOT NULL,
    valid BOOLEAN NOT NULL,
    invalid_reason TEXT NULL,
    recorded_by TEXT NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_pricing_bids_pricing ON tt_pricing_bids (pricing_id);

CREATE TABLE tt_agreements (
    id UUID NOT NULL,
    invention_id UUID NOT NULL,
    pricing_id UUID NULL,
    kind TEXT NOT NULL,
    counterparty TEXT NOT NULL,
    consideration NUMERIC(18,4) NOT NULL,
    fee_terms TEXT NULL,
    term_start DATE NULL,
    term_end DATE NULL,
    effective_date DATE NOT NULL,
    signed_at BIGINT NOT NULL,
    signed_by TEXT NOT NULL,
    status TEXT NOT NULL,
    registered_on DATE NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_agreements_invention ON tt_agreements (invention_id);

CREATE TABLE tt_filings (
    id UUID NOT NULL,
    agreement_id UUID NOT NULL,
    invention_id UUID NOT NULL,
    kind TEXT NOT NULL,
    due_date DATE NULL,
    status TEXT NOT NULL,
    submitted_on DATE NULL,
    reference TEXT NULL,
    decided_on DATE NULL,
    refusal_reason TEXT NULL,
    submitted_by TEXT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_filings_agreement ON tt_filings (agreement_id);

CREATE TABLE tt_revenue_splits (
    id UUID NOT NULL,
    invention_id UUID NOT NULL,
    agreement_id UUID NULL,
    income NUMERIC(18,4) NOT NULL,
    costs NUMERIC(18,4) NOT NULL,
    taxes NUMERIC(18,4) NOT NULL,
    net_income NUMERIC(18,4) NOT NULL,
    inventor_rate NUMERIC(18,4) NOT NULL,
    staff_rate NUMERIC(18,4) NOT NULL,
    inventor_pool NUMERIC(18,4) NOT NULL,
    staff_pool NUMERIC(18,4) NOT NULL,
    institution_share NUMERIC(18,4) NOT NULL,
    computed_at BIGINT NOT NULL,
    computed_by TEXT NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_revenue_splits_invention ON tt_revenue_splits (invention_id);

CREATE TABLE tt_revenue_shares (
    split_id UUID NOT NULL,
    user_id TEXT NOT NULL,
    contribution_share NUMERIC(18,4) NOT NULL,
    amount NUMERIC(18,4) NOT NULL,
    PRIMARY KEY (split_id, user_id)
);

CREATE TABLE tt_evidence (
    invention_id UUID NOT NULL,
    sequence INTEGER NOT NULL,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    payload TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (invention_id, sequence)
);
