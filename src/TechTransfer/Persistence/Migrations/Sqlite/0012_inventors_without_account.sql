-- Co-inventors who have no account yet: the disclosure names them with their college and contact. Their key in user_id
-- (and in the revenue and reward shares) is the system's own 'no-account:…' until the office links their account.
ALTER TABLE tt_inventors ADD COLUMN college TEXT NULL;
ALTER TABLE tt_inventors ADD COLUMN email TEXT NULL;
ALTER TABLE tt_inventors ADD COLUMN phone TEXT NULL;
