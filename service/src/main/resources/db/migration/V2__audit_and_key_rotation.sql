-- Audit trail of every management mutation, written in the mutation's own transaction.
CREATE TABLE audit_log (
    id              bigserial PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- Who acted: a user id, a key's token (service accounts) or 'master_key'. Never a secret.
    actor_id        text NOT NULL,
    -- The litellm-changed-by header: on whose behalf the actor says it acted.
    changed_by      text,
    action          text NOT NULL,
    object_type     text NOT NULL,
    object_id       text NOT NULL,
    -- The organization the object belongs to, so org admins can read their organization's trail.
    organization_id text,
    before_value    jsonb,
    after_value     jsonb
);
CREATE INDEX audit_log_created ON audit_log (created_at DESC, id DESC);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);
CREATE INDEX audit_log_organization ON audit_log (organization_id, created_at DESC);

-- Old tokens of regenerated keys that keep working until their grace period ends.
CREATE TABLE key_grace_tokens (
    token      text PRIMARY KEY CHECK (token ~ '^[0-9a-f]{64}$'),
    key_token  text NOT NULL REFERENCES keys (token) ON DELETE CASCADE ON UPDATE CASCADE,
    expires_at timestamptz NOT NULL
);
CREATE INDEX key_grace_tokens_key ON key_grace_tokens (key_token);
