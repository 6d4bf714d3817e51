-- Seeds a benchmark population of virtual keys into a migrated Keygate database, set-based.
--
--   psql -h localhost -p <port> -U postgres -v keys=1000000 -f ci/seed-keys.sql postgres
--
-- Variable keys (default 1000) is the number of bench keys, numbered i = 0 .. keys-1.
--
-- Population (every id starts with bench_, so it never collides with real data):
--   organizations  bench_org_0 (teams 0..49, bench_big_team), bench_org_1 (teams 50..99)
--   teams          bench_team_0 .. bench_team_99; bench_big_team (only when keys >= 100000)
--   users          bench_user_0 .. bench_user_999, internal_user; bench_user_u is a member of
--                  bench_team_(u % 100) and of that team's organization; users 900..999 are the
--                  team's admin (role admin), the others plain members (role user)
--   keys           i <  owned = least(keys / 100, 10000): owned by bench_user_(i / 10), in that
--                                user's team and organization (10 keys per user; 1% of the keys)
--                  i in [owned, owned + 100000) when keys >= 100000: bench_big_team's keys (no user)
--                  every other i: an admin key (no user, no team, no organization)
--   admins         bench_admin (proxy_admin)                    key sk-bench-admin
--                  bench_org_admin (org_admin of bench_org_0)   key sk-bench-org-admin
--                  bench_big_team_admin (admin of bench_big_team, when it exists)
--                                                               key sk-bench-big-team-admin
--
-- Cleartext of key i: 'sk-bench-' || i; its token (the primary key) is
--   encode(sha256(convert_to('sk-bench-' || i, 'UTF8')), 'hex')
-- so bench_user_u's keys are sk-bench-<10u> .. sk-bench-<10u+9> (bench_user_0: sk-bench-0 .. sk-bench-9)
-- whenever keys >= 1000 * (u + 1).
--
-- created_at of key i is 2024-01-01 + i * 17 s (distinct, spread over ~200 days at 1M keys);
-- rows are inserted in token order, so the table's physical order does not follow created_at.
-- spend varies too, so every sort_by has something to sort.
--
-- Re-running with the same keys is a no-op (ON CONFLICT DO NOTHING); meant for a database with
-- no bench_ rows or one seeded with the same keys. Ends with VACUUM ANALYZE.

\set ON_ERROR_STOP on
\if :{?keys}
\else
  \set keys 1000
\endif

BEGIN;

INSERT INTO organizations (organization_id, organization_alias, created_by, updated_by)
SELECT 'bench_org_' || o, 'Bench organization ' || o, 'seed', 'seed'
  FROM generate_series(0, 1) o
ON CONFLICT DO NOTHING;

INSERT INTO teams (team_id, team_alias, organization_id, created_by, updated_by, created_at)
SELECT 'bench_team_' || t, 'Bench team ' || t, 'bench_org_' || (t / 50), 'seed', 'seed',
       timestamptz '2023-12-01' + t * interval '1 minute'
  FROM generate_series(0, 99) t
UNION ALL
SELECT 'bench_big_team', 'Bench big team', 'bench_org_0', 'seed', 'seed', timestamptz '2023-12-02'
 WHERE :keys >= 100000
ON CONFLICT DO NOTHING;

INSERT INTO users (user_id, user_alias, user_role, created_by, updated_by, created_at)
SELECT 'bench_user_' || u, 'Bench user ' || u, 'internal_user', 'seed', 'seed',
       timestamptz '2023-12-01' + u * interval '1 second'
  FROM generate_series(0, 999) u
UNION ALL
VALUES ('bench_admin', 'Bench admin', 'proxy_admin', 'seed', 'seed', timestamptz '2023-11-01'),
       ('bench_org_admin', 'Bench org admin', 'internal_user', 'seed', 'seed', timestamptz '2023-11-01'),
       ('bench_big_team_admin', 'Bench big team admin', 'internal_user', 'seed', 'seed', timestamptz '2023-11-01')
ON CONFLICT DO NOTHING;

INSERT INTO team_memberships (team_id, user_id, role)
SELECT 'bench_team_' || (u % 100), 'bench_user_' || u, CASE WHEN u >= 900 THEN 'admin' ELSE 'user' END
  FROM generate_series(0, 999) u
UNION ALL
SELECT 'bench_big_team', 'bench_big_team_admin', 'admin' WHERE :keys >= 100000
ON CONFLICT DO NOTHING;

INSERT INTO organization_memberships (organization_id, user_id, user_role)
SELECT 'bench_org_' || ((u % 100) / 50), 'bench_user_' || u, 'internal_user'
  FROM generate_series(0, 999) u
UNION ALL
VALUES ('bench_org_0', 'bench_org_admin', 'org_admin')
ON CONFLICT DO NOTHING;

INSERT INTO keys (token, key_name, key_alias, user_id, team_id, organization_id, created_by, updated_by,
                  created_at, updated_at)
SELECT encode(sha256(convert_to(cleartext, 'UTF8')), 'hex'), 'sk-...' || right(cleartext, 4),
       replace(cleartext, 'sk-', ''),
       user_id, team_id, CASE WHEN team_id IS NOT NULL THEN 'bench_org_0' END, 'seed', 'seed',
       timestamptz '2023-11-01', timestamptz '2023-11-01'
  FROM (VALUES ('sk-bench-admin', 'bench_admin', NULL),
               ('sk-bench-org-admin', 'bench_org_admin', NULL),
               ('sk-bench-big-team-admin', 'bench_big_team_admin', 'bench_big_team')) admin (cleartext, user_id, team_id)
 WHERE team_id IS NULL OR :keys >= 100000
ON CONFLICT DO NOTHING;

INSERT INTO keys (token, key_name, user_id, team_id, organization_id, spend, created_by, updated_by,
                  created_at, updated_at)
SELECT token, 'sk-...' || right(cleartext, 4), user_id, team_id,
       CASE WHEN team_id = 'bench_big_team' THEN 'bench_org_0'
            WHEN team_id IS NOT NULL THEN 'bench_org_' || ((user_number % 100) / 50) END,
       (i % 1000) / 10.0, 'seed', 'seed', created_at, created_at
  FROM (SELECT i, cleartext, encode(sha256(convert_to(cleartext, 'UTF8')), 'hex') AS token,
               timestamptz '2024-01-01' + i * interval '17 seconds' AS created_at,
               i / 10 AS user_number,
               CASE WHEN i < owned THEN 'bench_user_' || (i / 10) END AS user_id,
               CASE WHEN i < owned THEN 'bench_team_' || ((i / 10) % 100)
                    WHEN :keys >= 100000 AND i < owned + 100000 THEN 'bench_big_team' END AS team_id
          FROM (SELECT i, 'sk-bench-' || i AS cleartext, least(:keys / 100, 10000) AS owned
                  FROM generate_series(0, :keys - 1) i) numbered) bench
 ORDER BY token
ON CONFLICT DO NOTHING;

COMMIT;

VACUUM ANALYZE organizations, teams, users, team_memberships, organization_memberships, keys;
