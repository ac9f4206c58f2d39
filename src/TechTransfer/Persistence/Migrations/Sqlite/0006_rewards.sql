-- Rewards and remuneration (奖励和报酬): the reward on grant and the remuneration of each income, each divided by
-- contribution shares, published (公示) and paid; what the staff's share is a share of, and the day an income was received;
-- the technology-contract registration (技术合同认定登记) of an agreement.
CREATE TABLE tt_rewards (
    id TEXT NOT NULL,
    invention_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    patent_number TEXT NULL,
    patent_kind TEXT NULL,
    grant_date TEXT NULL,
    minimum TEXT NOT NULL,
    revenue_split_id TEXT NULL,
    agreement_id TEXT NULL,
    total TEXT NULL,
    payment_due TEXT NOT NULL,
    opened_at BIGINT NOT NULL,
    decided_at BIGINT NULL,
    decided_by TEXT NULL,
    published_at BIGINT NULL,
    publication_ends_at BIGINT NULL,
    published_by TEXT NULL,
    paid_on TEXT NULL,
    paid_at BIGINT NULL,
    paid_by TEXT NULL,
    payment_reference TEXT NULL,
    payment_proof_id TEXT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tt_rewards_invention ON tt_rewards (invention_id);
CREATE UNIQUE INDEX ux_tt_rewards_grant ON tt_rewards (invention_id) WHERE kind = 'GrantReward';
CREATE TABLE tt_reward_shares (
    reward_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    contribution_share TEXT NOT NULL,
    amount TEXT NOT NULL,
    PRIMARY KEY (reward_id, user_id)
);
ALTER TABLE tt_revenue_splits ADD COLUMN staff_base TEXT NOT NULL DEFAULT 'NetIncome';
ALTER TABLE tt_revenue_splits ADD COLUMN received_on TEXT NULL;
ALTER TABLE tt_revenue_splits ADD COLUMN reward_id TEXT NULL;
ALTER TABLE tt_agreements ADD COLUMN contract_registration_number TEXT NULL;
ALTER TABLE tt_agreements ADD COLUMN contract_registered_on TEXT NULL;
ALTER TABLE tt_agreements ADD COLUMN contract_registration_document_id TEXT NULL;
ALTER TABLE tt_agreements ADD COLUMN contract_registered_at BIGINT NULL;
ALTER TABLE tt_agreements ADD COLUMN contract_registered_by TEXT NULL;
