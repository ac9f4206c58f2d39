-- What an attachment is for the evidence pack (listing or auction record, signed contract, contract registration,
-- recordal notice, payment proof, minutes, valuation); null for a disclosure's own files.
ALTER TABLE tt_attachments ADD COLUMN document TEXT NULL;
