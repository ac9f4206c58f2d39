-- The inventory campaign (盘点): each campaign with its scope and deadlines; each patent in it with its self-grading
-- (scores, weighted score, tier, intended route, contact), the college's and the university's reviews and reasons, and
-- the idle rule on fiscally funded patents; the transferable-resource pool (可转化资源库), one row per pooled patent, with
-- the main IPC subclass and (later) the industry class enterprises will browse it by.
CREATE TABLE tt_inventory_campaigns (
    id UUID NOT NULL,
    title TEXT NOT NULL,
    college TEXT NULL,
    include_converted BOOLEAN NOT NULL,
    grading_deadline DATE NOT NULL,
    review_deadline DATE NOT NULL,
    opened_by TEXT NOT NULL,
    opened_at BIGINT NOT NULL,
    patents INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE TABLE tt_inventory_entries (
    campaign_id UUID NOT NULL,
    patent_id UUID NOT NULL,
    college TEXT NULL,
    status TEXT NOT NULL,
    conversions_at_open INTEGER NOT NULL,
    scores TEXT NULL,
    score NUMERIC(18,4) NULL,
    tier TEXT NULL,
    route TEXT NULL,
    contact TEXT NULL,
    grade_note TEXT NULL,
    graded_by TEXT NULL,
    graded_at BIGINT NULL,
    college_decision TEXT NULL,
    college_reason TEXT NULL,
    university_decision TEXT NULL,
    university_reason TEXT NULL,
    reviewed_at BIGINT NULL,
    idle_funded BOOLEAN NOT NULL,
    not_implemented_reason TEXT NULL,
    idle_action TEXT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, patent_id)
);
CREATE INDEX ix_tt_inventory_entries_patent ON tt_inventory_entries (patent_id, status);
CREATE INDEX ix_tt_inventory_entries_college ON tt_inventory_entries (campaign_id, college);
CREATE TABLE tt_resource_pool (
    patent_id UUID NOT NULL,
    campaign_id UUID NOT NULL,
    tier TEXT NULL,
    route TEXT NOT NULL,
    contact TEXT NULL,
    college TEXT NULL,
    ipc_subclass TEXT NULL,
    industry TEXT NULL,
    via TEXT NOT NULL,
    pooled_at BIGINT NOT NULL,
    matched_at BIGINT NULL,
    PRIMARY KEY (patent_id)
);
CREATE INDEX ix_tt_resource_pool_ipc ON tt_resource_pool (ipc_subclass);
CREATE INDEX ix_tt_resource_pool_industry ON tt_resource_pool (industry);
