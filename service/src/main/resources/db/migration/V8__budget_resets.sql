-- Budget windows (budget_duration) reset by one worker at a time across instances (the reset job,
-- under an advisory lock). Each reset is logged with the spend it took away, so that what was
-- recorded is always accounted for: the spend recorded on a row = the spend of its resets + its
-- spend now (spend_daily keeps the history per day besides).
CREATE TABLE spend_resets (
    id          bigserial PRIMARY KEY,
    subject     text NOT NULL,   -- 'key:<token>', 'user:<id>', 'team:<id>', 'org:<id>'
    spend       numeric(20, 6) NOT NULL,
    reset_at    timestamptz NOT NULL DEFAULT now(),
    next_reset  timestamptz NOT NULL
);
CREATE INDEX spend_resets_subject ON spend_resets (subject, reset_at);

-- The job asks every few seconds which budgets are due: an index, whatever the number of keys.
CREATE INDEX keys_budget_due ON keys (budget_reset_at) WHERE budget_duration IS NOT NULL;
