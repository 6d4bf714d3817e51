-- JWT -> virtual key mappings (LiteLLM's LiteLLM_JWTKeyMapping): a token whose claim
-- jwt_claim_name carries jwt_claim_value authenticates as the mapped key, with its limits, models
-- and team. Deleting the key deletes its mappings.
CREATE TABLE jwt_key_mappings (
    id               text PRIMARY KEY,
    jwt_claim_name   text NOT NULL,
    jwt_claim_value  text NOT NULL,
    token            text NOT NULL REFERENCES keys (token) ON DELETE CASCADE ON UPDATE CASCADE,
    description      text,
    is_active        boolean NOT NULL DEFAULT true,
    created_by       text,
    updated_by       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    -- One key per claim value: two first requests of one client cannot register two.
    UNIQUE (jwt_claim_name, jwt_claim_value)
);
CREATE INDEX jwt_key_mappings_token ON jwt_key_mappings (token);
CREATE INDEX jwt_key_mappings_created ON jwt_key_mappings (created_at, id);

-- Any mapping change makes every instance forget its token sign-ins ('jwt:<id>'): mapped, and
-- remembered as unmapped, alike.
CREATE TRIGGER jwt_key_mappings_announce AFTER INSERT OR UPDATE OR DELETE ON jwt_key_mappings
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('jwt', 'id');

-- A token may sign in a user Keygate does not store yet; an admin creating that user later (with a
-- role) changes what the token is. Inserts are announced too, now.
DROP TRIGGER users_announce ON users;
CREATE TRIGGER users_announce AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('user', 'user_id');
