-- Why a member is recused: Declared (by themselves), Inventor or RelatedPerson (automatically, when the review opens).
ALTER TABLE tt_committee_conflicts ADD COLUMN reason TEXT NOT NULL DEFAULT 'Declared';
