-- Deleted keys, kept for /key/list?status=deleted (LiteLLM's LiteLLM_DeletedVerificationToken): the
-- key's row as it was when /key/delete removed it, who removed it and when. Never a cleartext: the
-- row holds what keys holds, the SHA-256 token. Written by /key/delete in its own transaction
-- (KeyDao.archive), with an explicit column list, so a column added to keys later is simply not kept
-- until it is added here too.
CREATE TABLE deleted_keys (LIKE keys INCLUDING DEFAULTS);
-- One row per token: a key deleted again (a custom key re-created with the same secret) replaces it.
ALTER TABLE deleted_keys ADD PRIMARY KEY (token),
    ADD COLUMN deleted_at timestamptz NOT NULL DEFAULT now(),
    -- The caller's actor id (a user id, or the master key's name), as audit_log.actor_id.
    ADD COLUMN deleted_by text;

-- The same indexes as keys (V4), so every order and visibility shape of the list is index-served
-- at a million deleted keys too.
CREATE INDEX deleted_keys_created ON deleted_keys (created_at, token);
CREATE INDEX deleted_keys_updated ON deleted_keys (updated_at, token);
CREATE INDEX deleted_keys_alias_order ON deleted_keys (key_alias, token);
CREATE INDEX deleted_keys_expires ON deleted_keys (expires, token);
CREATE INDEX deleted_keys_max_budget ON deleted_keys (max_budget, token);
CREATE INDEX deleted_keys_team_created ON deleted_keys (team_id, created_at, token);
CREATE INDEX deleted_keys_user_created ON deleted_keys (user_id, created_at, token);
CREATE INDEX deleted_keys_organization_created ON deleted_keys (organization_id, created_at, token);

-- Exact count per UTC creation day, as key_days for keys: the unfiltered deleted list's total and
-- where each of its pages starts, without reading the table.
CREATE TABLE deleted_key_days (
    day  bigint PRIMARY KEY,
    keys bigint NOT NULL
);

-- V4's per-day count functions, made one set for both tables: the count table is the trigger's
-- argument. They run once per statement (transition tables), so the dynamic SQL costs nothing per key.
CREATE FUNCTION day_counts_add_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- In day order, so concurrent writers lock the day rows in the same order (no deadlock).
    EXECUTE format('INSERT INTO %1$I (day, keys)
                    SELECT key_day(created_at), count(*) FROM inserted GROUP BY 1 ORDER BY 1
                    ON CONFLICT (day) DO UPDATE SET keys = %1$I.keys + excluded.keys', TG_ARGV[0]);
    RETURN NULL;
END $$;

CREATE FUNCTION day_counts_remove_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('UPDATE %1$I SET keys = %1$I.keys - gone.keys
                      FROM (SELECT key_day(created_at) AS day, count(*) AS keys FROM deleted GROUP BY 1 ORDER BY 1) gone
                     WHERE %1$I.day = gone.day', TG_ARGV[0]);
    RETURN NULL;
END $$;

CREATE FUNCTION day_counts_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DELETE FROM %I', TG_ARGV[0]);
    RETURN NULL;
END $$;

DROP TRIGGER key_days_insert ON keys;
DROP TRIGGER key_days_delete ON keys;
DROP TRIGGER key_days_truncate ON keys;
DROP FUNCTION key_days_add_inserted();
DROP FUNCTION key_days_remove_deleted();
DROP FUNCTION key_days_clear();

CREATE TRIGGER key_days_insert AFTER INSERT ON keys
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION day_counts_add_inserted('key_days');
CREATE TRIGGER key_days_delete AFTER DELETE ON keys
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION day_counts_remove_deleted('key_days');
CREATE TRIGGER key_days_truncate AFTER TRUNCATE ON keys
    FOR EACH STATEMENT EXECUTE FUNCTION day_counts_clear('key_days');

CREATE TRIGGER deleted_key_days_insert AFTER INSERT ON deleted_keys
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION day_counts_add_inserted('deleted_key_days');
CREATE TRIGGER deleted_key_days_delete AFTER DELETE ON deleted_keys
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION day_counts_remove_deleted('deleted_key_days');
CREATE TRIGGER deleted_key_days_truncate AFTER TRUNCATE ON deleted_keys
    FOR EACH STATEMENT EXECUTE FUNCTION day_counts_clear('deleted_key_days');
