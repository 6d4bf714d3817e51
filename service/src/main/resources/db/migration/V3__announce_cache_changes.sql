-- Every change that can alter a cached authentication answer is announced on the channel
-- keygate_cache, by triggers, so it is announced in the changing transaction itself (only committed
-- changes reach the listeners) and no write path, cascade or hand-run SQL can forget it.
-- Payloads: 'key:<token>' (a key or a grace token), 'user:<user_id>' (the user, or one of their
-- memberships), 'team:<team_id>', 'org:<organization_id>', or '*' (forget everything).

CREATE FUNCTION keygate_announce(payload text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    -- NOTIFY payloads must stay under 8000 bytes: an id that long makes every instance forget all.
    IF octet_length(payload) > 7900 THEN
        payload := '*';
    END IF;
    PERFORM pg_notify('keygate_cache', payload);
END
$$;

-- Trigger arguments: the payload kind and the column holding the id. Both the old and the new id are
-- announced (a regenerated key changes its token); Postgres drops duplicate payloads in a transaction.
CREATE FUNCTION keygate_announce_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM keygate_announce(TG_ARGV[0] || ':' || (to_jsonb(OLD) ->> TG_ARGV[1]));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM keygate_announce(TG_ARGV[0] || ':' || (to_jsonb(NEW) ->> TG_ARGV[1]));
    END IF;
    RETURN NULL;
END
$$;

-- Inserts too: a new key may have been remembered as unknown (the negative cache).
CREATE TRIGGER keys_announce AFTER INSERT OR UPDATE OR DELETE ON keys
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('key', 'token');
CREATE TRIGGER key_grace_tokens_announce AFTER INSERT OR UPDATE OR DELETE ON key_grace_tokens
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('key', 'token');
-- A new user, team or organization has no key cached yet: only updates and deletes matter.
CREATE TRIGGER users_announce AFTER UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('user', 'user_id');
CREATE TRIGGER teams_announce AFTER UPDATE OR DELETE ON teams
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('team', 'team_id');
CREATE TRIGGER organizations_announce AFTER UPDATE OR DELETE ON organizations
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('org', 'organization_id');
-- Memberships are part of every cached caller of that user.
CREATE TRIGGER team_memberships_announce AFTER INSERT OR UPDATE OR DELETE ON team_memberships
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('user', 'user_id');
CREATE TRIGGER organization_memberships_announce AFTER INSERT OR UPDATE OR DELETE ON organization_memberships
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('user', 'user_id');
