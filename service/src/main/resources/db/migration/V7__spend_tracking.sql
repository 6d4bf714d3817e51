-- Spend moves with every LLM call (POST /spend/record), on the key, its user, team, team
-- membership and organization. Two consequences for the change announcements of V3:
--
-- 1. A change of spend alone (with updated_at or budget_reset_at, which a budget reset moves) no
--    longer announces the row: 'team:<id>' makes every instance scan its cache and forget every key
--    of the team, and that on every call of the team would empty the cache of its busiest keys.
-- 2. Instead every change of spend, by any path (a recorded call, a budget reset, an admin setting
--    spend), announces the new total: 'spend:<subject>=<value>', where the subject is
--    'key:<token>', 'user:<id>', 'team:<id>', 'member:<team_id><tab><user_id>', 'org:<id>' or
--    'model:<token>/<model>'. Announcements arrive in commit order and a row's updates commit in
--    lock order, so the last total received is the current one: each instance's spend ledger takes
--    it as is. A deleted row announces 'spend:<subject>=-' (forget it): an id can be used again.

CREATE FUNCTION keygate_spend_subject(kind text, row_value jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT kind || ':' || CASE kind
        WHEN 'key' THEN row_value ->> 'token'
        WHEN 'user' THEN row_value ->> 'user_id'
        WHEN 'team' THEN row_value ->> 'team_id'
        -- A tab cannot be in an id (input with control characters is refused), '/' can.
        WHEN 'member' THEN (row_value ->> 'team_id') || chr(9) || (row_value ->> 'user_id')
        WHEN 'org' THEN row_value ->> 'organization_id'
        WHEN 'model' THEN (row_value ->> 'token') || '/' || (row_value ->> 'model')
    END
$$;

CREATE FUNCTION keygate_announce_spend() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM keygate_announce('spend:' || keygate_spend_subject(TG_ARGV[0], to_jsonb(OLD)) || '=-');
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        -- A regenerated key changes its token: the old subject is gone.
        IF keygate_spend_subject(TG_ARGV[0], to_jsonb(OLD)) <> keygate_spend_subject(TG_ARGV[0], to_jsonb(NEW)) THEN
            PERFORM keygate_announce('spend:' || keygate_spend_subject(TG_ARGV[0], to_jsonb(OLD)) || '=-');
        ELSIF OLD.spend IS NOT DISTINCT FROM NEW.spend THEN
            RETURN NULL;
        END IF;
    END IF;
    PERFORM keygate_announce('spend:' || keygate_spend_subject(TG_ARGV[0], to_jsonb(NEW)) || '=' || NEW.spend);
    RETURN NULL;
END
$$;

-- Spend-only updates are left out of the V3 announcements. WHEN cannot name OLD on inserts, hence
-- separate insert/delete and update triggers.
CREATE FUNCTION keygate_changed_beyond_spend(old_row jsonb, new_row jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT old_row - 'spend' - 'updated_at' - 'budget_reset_at' IS DISTINCT FROM
           new_row - 'spend' - 'updated_at' - 'budget_reset_at'
$$;

DROP TRIGGER keys_announce ON keys;
CREATE TRIGGER keys_announce AFTER INSERT OR DELETE ON keys
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('key', 'token');
CREATE TRIGGER keys_announce_update AFTER UPDATE ON keys
    FOR EACH ROW WHEN (keygate_changed_beyond_spend(to_jsonb(OLD), to_jsonb(NEW)))
    EXECUTE FUNCTION keygate_announce_change('key', 'token');

DROP TRIGGER users_announce ON users;
CREATE TRIGGER users_announce AFTER INSERT OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('user', 'user_id');
CREATE TRIGGER users_announce_update AFTER UPDATE ON users
    FOR EACH ROW WHEN (keygate_changed_beyond_spend(to_jsonb(OLD), to_jsonb(NEW)))
    EXECUTE FUNCTION keygate_announce_change('user', 'user_id');

DROP TRIGGER teams_announce ON teams;
CREATE TRIGGER teams_announce AFTER DELETE ON teams
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('team', 'team_id');
CREATE TRIGGER teams_announce_update AFTER UPDATE ON teams
    FOR EACH ROW WHEN (keygate_changed_beyond_spend(to_jsonb(OLD), to_jsonb(NEW)))
    EXECUTE FUNCTION keygate_announce_change('team', 'team_id');

DROP TRIGGER organizations_announce ON organizations;
CREATE TRIGGER organizations_announce AFTER DELETE ON organizations
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('org', 'organization_id');
CREATE TRIGGER organizations_announce_update AFTER UPDATE ON organizations
    FOR EACH ROW WHEN (keygate_changed_beyond_spend(to_jsonb(OLD), to_jsonb(NEW)))
    EXECUTE FUNCTION keygate_announce_change('org', 'organization_id');

DROP TRIGGER team_memberships_announce ON team_memberships;
CREATE TRIGGER team_memberships_announce AFTER INSERT OR DELETE ON team_memberships
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('user', 'user_id');
CREATE TRIGGER team_memberships_announce_update AFTER UPDATE ON team_memberships
    FOR EACH ROW WHEN (keygate_changed_beyond_spend(to_jsonb(OLD), to_jsonb(NEW)))
    EXECUTE FUNCTION keygate_announce_change('user', 'user_id');

-- Spend per key and model, for model_max_budget.
CREATE TABLE key_model_spend (
    token text NOT NULL REFERENCES keys (token) ON DELETE CASCADE ON UPDATE CASCADE,
    model text NOT NULL,
    spend numeric(20, 6) NOT NULL DEFAULT 0,
    PRIMARY KEY (token, model)
);

CREATE TRIGGER keys_announce_spend AFTER DELETE OR UPDATE OF token, spend ON keys
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_spend('key');
CREATE TRIGGER users_announce_spend AFTER DELETE OR UPDATE OF spend ON users
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_spend('user');
CREATE TRIGGER teams_announce_spend AFTER DELETE OR UPDATE OF spend ON teams
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_spend('team');
CREATE TRIGGER team_memberships_announce_spend AFTER DELETE OR UPDATE OF spend ON team_memberships
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_spend('member');
CREATE TRIGGER organizations_announce_spend AFTER DELETE OR UPDATE OF spend ON organizations
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_spend('org');
-- Inserted too: a key's spend on a model it never used is known (as 0) before its first row.
CREATE TRIGGER key_model_spend_announce_spend AFTER INSERT OR DELETE OR UPDATE OF token, spend ON key_model_spend
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_spend('model');

-- Every recorded call once: the gateway's request id makes a repeated report count once. Kept
-- without a foreign key, so a deleted key's history stays.
CREATE TABLE spend_requests (
    request_id        text PRIMARY KEY,
    token             text NOT NULL,
    model             text NOT NULL,
    cost              numeric(20, 6) NOT NULL,
    prompt_tokens     bigint NOT NULL,
    completion_tokens bigint NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX spend_requests_recorded ON spend_requests (recorded_at);

-- Spend per UTC day, key and model, for reporting (GET /spend/logs-style questions).
CREATE TABLE spend_daily (
    day               date NOT NULL,
    token             text NOT NULL,
    model             text NOT NULL,
    spend             numeric(20, 6) NOT NULL DEFAULT 0,
    prompt_tokens     bigint NOT NULL DEFAULT 0,
    completion_tokens bigint NOT NULL DEFAULT 0,
    requests          bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (day, token, model)
);
CREATE INDEX spend_daily_token ON spend_daily (token, day);
