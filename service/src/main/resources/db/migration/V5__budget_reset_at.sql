-- When each budget next resets (LiteLLM's budget_reset_at), worked out from budget_duration by the
-- write that sets the duration (limits/BudgetReset). Users get their budget_duration too, as in
-- LiteLLM's user table. Rows written before this version have a budget_duration and no reset time
-- until their duration is next set: the budget reset job that will read these columns must treat
-- a null budget_reset_at beside a budget_duration as due.
ALTER TABLE keys ADD COLUMN budget_reset_at timestamptz;
ALTER TABLE teams ADD COLUMN budget_reset_at timestamptz;
ALTER TABLE organizations ADD COLUMN budget_reset_at timestamptz;
ALTER TABLE users ADD COLUMN budget_duration text, ADD COLUMN budget_reset_at timestamptz;
