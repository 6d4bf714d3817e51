-- Keygate schema v1: organizations, users, teams, memberships and virtual keys.
-- Ids are text so LiteLLM ids (and user-chosen ones) carry over unchanged.

CREATE TABLE organizations (
    organization_id    text PRIMARY KEY,
    organization_alias text NOT NULL,
    models             text[] NOT NULL DEFAULT '{}',
    max_budget         numeric(20, 6),
    budget_duration    text,
    tpm_limit          bigint,
    rpm_limit          bigint,
    spend              numeric(20, 6) NOT NULL DEFAULT 0,
    metadata           jsonb NOT NULL DEFAULT '{}',
    created_by         text,
    updated_by         text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    user_id     text PRIMARY KEY,
    user_email  text,
    user_alias  text,
    -- Platform role; org_admin is a role on an organization membership, not here.
    user_role   text NOT NULL DEFAULT 'internal_user'
        CHECK (user_role IN ('proxy_admin', 'proxy_admin_viewer', 'internal_user', 'internal_user_viewer')),
    models      text[] NOT NULL DEFAULT '{}',
    max_budget  numeric(20, 6),
    spend       numeric(20, 6) NOT NULL DEFAULT 0,
    metadata    jsonb NOT NULL DEFAULT '{}',
    created_by  text,
    updated_by  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_unique ON users (lower(user_email));

CREATE TABLE teams (
    team_id                 text PRIMARY KEY,
    team_alias              text,
    organization_id         text REFERENCES organizations (organization_id) ON DELETE CASCADE,
    models                  text[] NOT NULL DEFAULT '{}',
    max_budget              numeric(20, 6),
    budget_duration         text,
    tpm_limit               bigint,
    rpm_limit               bigint,
    spend                   numeric(20, 6) NOT NULL DEFAULT 0,
    metadata                jsonb NOT NULL DEFAULT '{}',
    blocked                 boolean NOT NULL DEFAULT false,
    -- Key routes a plain member may call on their own keys in this team (LiteLLM's default).
    team_member_permissions text[] NOT NULL DEFAULT '{/key/info,/key/health}',
    created_by              text,
    updated_by              text,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX teams_organization ON teams (organization_id);

CREATE TABLE organization_memberships (
    organization_id text NOT NULL REFERENCES organizations (organization_id) ON DELETE CASCADE,
    user_id         text NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    user_role       text NOT NULL DEFAULT 'internal_user'
        CHECK (user_role IN ('org_admin', 'internal_user', 'internal_user_viewer')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_memberships_user ON organization_memberships (user_id);

CREATE TABLE team_memberships (
    team_id            text NOT NULL REFERENCES teams (team_id) ON DELETE CASCADE,
    user_id            text NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    role               text NOT NULL DEFAULT 'user' CHECK (role IN ('admin', 'user')),
    max_budget_in_team numeric(20, 6),
    spend              numeric(20, 6) NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_memberships_user ON team_memberships (user_id);

CREATE TABLE keys (
    -- SHA-256 of the cleartext key, hex. The cleartext is never stored.
    token                 text PRIMARY KEY CHECK (token ~ '^[0-9a-f]{64}$'),
    key_name              text NOT NULL,
    key_alias             text UNIQUE,
    user_id               text REFERENCES users (user_id) ON DELETE CASCADE,
    team_id               text REFERENCES teams (team_id) ON DELETE CASCADE,
    -- The key's organization: its team's, or its own when it has no team.
    organization_id       text REFERENCES organizations (organization_id) ON DELETE CASCADE,
    models                text[] NOT NULL DEFAULT '{}',
    max_budget            numeric(20, 6),
    budget_duration       text,
    soft_budget           numeric(20, 6),
    spend                 numeric(20, 6) NOT NULL DEFAULT 0,
    tpm_limit             bigint,
    rpm_limit             bigint,
    max_parallel_requests integer,
    model_max_budget      jsonb NOT NULL DEFAULT '{}',
    model_rpm_limit       jsonb NOT NULL DEFAULT '{}',
    model_tpm_limit       jsonb NOT NULL DEFAULT '{}',
    allowed_routes        text[] NOT NULL DEFAULT '{}',
    key_type              text NOT NULL DEFAULT 'default'
        CHECK (key_type IN ('default', 'llm_api', 'management', 'read_only')),
    blocked               boolean NOT NULL DEFAULT false,
    expires               timestamptz,
    metadata              jsonb NOT NULL DEFAULT '{}',
    tags                  text[] NOT NULL DEFAULT '{}',
    permissions           jsonb NOT NULL DEFAULT '{}',
    aliases               jsonb NOT NULL DEFAULT '{}',
    created_by            text,
    updated_by            text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX keys_user ON keys (user_id);
CREATE INDEX keys_team ON keys (team_id);
CREATE INDEX keys_organization ON keys (organization_id);
