-- Budget tiers (LiteLLM's LiteLLM_BudgetTable, /budget/*): a named set of limits that keys and
-- organizations point at with budget_id. Where the object's own field is null, the tier's applies.
CREATE TABLE budgets (
    budget_id             text PRIMARY KEY,
    max_budget            numeric(20, 6),
    soft_budget           numeric(20, 6),
    max_parallel_requests integer,
    tpm_limit             bigint,
    rpm_limit             bigint,
    model_max_budget      jsonb,
    budget_duration       text,
    budget_reset_at       timestamptz,
    created_by            text,
    updated_by            text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX budgets_created ON budgets (created_at, budget_id);

-- No cascade: a tier still referenced cannot be deleted (the delete route names who uses it first;
-- the foreign key decides races). Keys and organizations already carry their own triggers, so
-- setting or clearing budget_id is announced as any change of theirs is.
ALTER TABLE keys ADD COLUMN budget_id text REFERENCES budgets (budget_id);
ALTER TABLE organizations ADD COLUMN budget_id text REFERENCES budgets (budget_id);
CREATE INDEX keys_budget_id ON keys (budget_id) WHERE budget_id IS NOT NULL;
CREATE INDEX organizations_budget_id ON organizations (budget_id) WHERE budget_id IS NOT NULL;
-- Deleted keys keep the tier they had, as a plain value: the tier may go after the key.
ALTER TABLE deleted_keys ADD COLUMN budget_id text;

-- A tier's limits are resolved into every cached key that uses it (directly or through its
-- organization): any change announces 'budget:<budget_id>', and each instance forgets those keys.
-- A new tier is used by nobody yet: updates and deletes only. A change of budget_reset_at alone
-- (the reset job) changes no limit.
CREATE TRIGGER budgets_announce AFTER DELETE ON budgets
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('budget', 'budget_id');
CREATE TRIGGER budgets_announce_update AFTER UPDATE ON budgets
    FOR EACH ROW WHEN (keygate_changed_beyond_spend(to_jsonb(OLD), to_jsonb(NEW)))
    EXECUTE FUNCTION keygate_announce_change('budget', 'budget_id');
