-- The college or department an invention comes from (所在学院（单位）), asked on the disclosure: the office's inbox
-- shows it beside the title and filters by it.
ALTER TABLE tt_inventions ADD COLUMN college TEXT NULL;
