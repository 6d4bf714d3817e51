-- Key lists at a million keys: every sort and every visibility shape of GET /key/list (and the
-- keys of /team/info and /user/info) is served by an index, and the unfiltered list knows its
-- size and where each page starts without reading the table.

-- Each order is (column, token), token breaking ties in the same direction, so one index serves
-- ascending (forward scan) and descending (backward scan) alike.
CREATE INDEX keys_created ON keys (created_at, token);
CREATE INDEX keys_updated ON keys (updated_at, token);
CREATE INDEX keys_alias_order ON keys (key_alias, token);
CREATE INDEX keys_expires ON keys (expires, token);
CREATE INDEX keys_max_budget ON keys (max_budget, token);
-- No index on spend: spend changes on every tracked LLM call, and an index on it would turn those
-- updates from HOT (heap only) into updates of every index. sort_by=spend sorts the visible keys.

-- The visible set of a caller who does not see everything is a union of these, each already in
-- the default order (they replace the single-column indexes, which were their prefixes and still
-- serve the foreign keys' cascades).
CREATE INDEX keys_team_created ON keys (team_id, created_at, token);
CREATE INDEX keys_user_created ON keys (user_id, created_at, token);
CREATE INDEX keys_organization_created ON keys (organization_id, created_at, token);
DROP INDEX keys_team;
DROP INDEX keys_user;
DROP INDEX keys_organization;

-- The other lists page or sort by (created_at, id): indexed, so they stay index-served as they grow.
CREATE INDEX users_created ON users (created_at, user_id);
CREATE INDEX teams_created ON teams (created_at, team_id);
CREATE INDEX organizations_created ON organizations (created_at, organization_id);

-- How many keys were created on each UTC day (days since the epoch), exact: triggers keep it in
-- the transaction that inserts or deletes keys. Its sum is the unfiltered total_count, and its
-- running sum tells in which day page N of the created_at order starts, so a deep page skips at
-- most one day of keys in the index instead of every key before it.
CREATE TABLE key_days (
    day  bigint PRIMARY KEY,
    keys bigint NOT NULL
);

CREATE FUNCTION key_day(created_at timestamptz) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT floor(extract(epoch FROM created_at) / 86400)::bigint $$;

CREATE FUNCTION key_days_add_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- In day order, so concurrent writers lock the day rows in the same order (no deadlock).
    INSERT INTO key_days (day, keys)
    SELECT key_day(created_at), count(*) FROM inserted GROUP BY 1 ORDER BY 1
    ON CONFLICT (day) DO UPDATE SET keys = key_days.keys + excluded.keys;
    RETURN NULL;
END $$;

CREATE FUNCTION key_days_remove_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE key_days SET keys = key_days.keys - gone.keys
      FROM (SELECT key_day(created_at) AS day, count(*) AS keys FROM deleted GROUP BY 1 ORDER BY 1) gone
     WHERE key_days.day = gone.day;
    RETURN NULL;
END $$;

CREATE FUNCTION key_days_move_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE key_days SET keys = keys - 1 WHERE day = key_day(OLD.created_at);
    INSERT INTO key_days (day, keys) VALUES (key_day(NEW.created_at), 1)
    ON CONFLICT (day) DO UPDATE SET keys = key_days.keys + 1;
    RETURN NULL;
END $$;

CREATE FUNCTION key_days_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM key_days;
    RETURN NULL;
END $$;

-- Statement-level with transition tables: a cascade deleting a team's 100,000 keys updates each
-- day once, not once per key.
CREATE TRIGGER key_days_insert AFTER INSERT ON keys
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION key_days_add_inserted();
CREATE TRIGGER key_days_delete AFTER DELETE ON keys
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION key_days_remove_deleted();
-- Keygate never changes created_at; should anything else, the count follows. The WHEN clause
-- costs ordinary updates (spend, limits, regenerate) nothing.
CREATE TRIGGER key_days_update AFTER UPDATE OF created_at ON keys
    FOR EACH ROW WHEN (key_day(OLD.created_at) IS DISTINCT FROM key_day(NEW.created_at))
    EXECUTE FUNCTION key_days_move_created();
CREATE TRIGGER key_days_truncate AFTER TRUNCATE ON keys
    FOR EACH STATEMENT EXECUTE FUNCTION key_days_clear();

INSERT INTO key_days (day, keys) SELECT key_day(created_at), count(*) FROM keys GROUP BY 1;
