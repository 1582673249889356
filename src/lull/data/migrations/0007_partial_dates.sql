-- 0007: what a mention's date rests on, and dates known only as a month and day.
-- date_basis: the step of the date fallback chain (clause, sentence, antecedent, paragraph, report);
-- date_start_md / date_end_md: a year-less bound in ISO form ("--02-02") when date_start / date_end is NULL;
-- date_year_min / date_year_max: the years such a bound can fall in (NULL: unbounded).
ALTER TABLE mentions ADD COLUMN date_basis TEXT;
ALTER TABLE mentions ADD COLUMN date_start_md TEXT;
ALTER TABLE mentions ADD COLUMN date_end_md TEXT;
ALTER TABLE mentions ADD COLUMN date_year_min INTEGER;
ALTER TABLE mentions ADD COLUMN date_year_max INTEGER;
