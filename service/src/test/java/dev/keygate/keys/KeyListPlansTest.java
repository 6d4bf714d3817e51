package dev.keygate.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keygate.KeygateConfiguration;
import dev.keygate.auth.Caller;
import dev.keygate.auth.Credential;
import dev.keygate.auth.CallerQuery;
import dev.keygate.auth.KeyDirectory;
import dev.keygate.auth.cache.CacheConfig;
import dev.keygate.auth.cache.CallerCache;
import dev.keygate.auth.KeyType;
import dev.keygate.auth.OrgRole;
import dev.keygate.auth.Secrets;
import dev.keygate.auth.TeamRole;
import dev.keygate.auth.UserRole;
import dev.keygate.db.DatabaseSetup;
import dev.keygate.db.JdbiSetup;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.Migrations;
import dev.keygate.policy.Policy;
import dev.keygate.testing.TestPostgres;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Whatever a pooled connection ran before, a key list is planned for its own values: many callers
 * in turn, on ONE connection of a pool set up as the service sets it up. No list statement may be
 * prepared on the server (only those can ever get a generic plan), while the authentication
 * lookup, which is the same plan for every token, must be: pg_prepared_statements shows both.
 */
@Order(2) // among the longest classes: started first (junit-platform.properties)
class KeyListPlansTest {

    private static final int ROUNDS = 12;

    private static TestPostgres.Database database;
    private static ManagedDataSource dataSource;
    private static Jdbi jdbi;
    private static KeyQueries queries;
    /** The authentication lookup, with a cache that never serves (no listener): every call queries. */
    private static KeyDirectory keyLookup;
    private static CallerQuery callerQuery;

    @BeforeAll
    static void startOnePooledConnection() {
        database = TestPostgres.newDatabase();
        KeygateConfiguration config = new KeygateConfiguration();
        DataSourceFactory pool = config.getDatabase();
        pool.setDriverClass("org.postgresql.Driver");
        pool.setUrl(database.jdbcUrl());
        pool.setMinSize(1);
        pool.setInitialSize(1);
        pool.setMaxSize(1);
        DatabaseSetup.prepare(config);
        // Flyway wants a second connection; it gets its own, outside the pool under test.
        PGSimpleDataSource migrations = new PGSimpleDataSource();
        migrations.setUrl(database.jdbcUrl());
        Migrations.migrate(migrations);
        dataSource = pool.build(new MetricRegistry(), "plans");
        jdbi = JdbiSetup.configure(Jdbi.create(dataSource));
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO organizations (organization_id, organization_alias) VALUES ('o1', 'O1'), ('o2', 'O2');
                INSERT INTO users (user_id, user_role) VALUES ('member', 'internal_user'), ('team_admin', 'internal_user'),
                    ('org_admin', 'internal_user'), ('admin', 'proxy_admin');
                INSERT INTO teams (team_id, organization_id, team_member_permissions) VALUES
                    ('t1', 'o1', '{/key/info}'), ('t2', 'o2', '{}'), ('t3', NULL, '{/key/info}');
                INSERT INTO team_memberships (team_id, user_id, role) VALUES ('t1', 'member', 'user'),
                    ('t2', 'member', 'user'), ('t1', 'team_admin', 'admin'), ('t3', 'team_admin', 'admin');
                INSERT INTO organization_memberships (organization_id, user_id, user_role) VALUES
                    ('o1', 'org_admin', 'org_admin'), ('o1', 'member', 'internal_user');
                INSERT INTO keys (token, key_name, key_alias, user_id, team_id, organization_id, created_at)
                SELECT encode(sha256(convert_to('sk-plans-' || i, 'UTF8')), 'hex'), 'sk-...' || i, 'alias-' || i,
                       (ARRAY['member', 'team_admin', 'org_admin', NULL])[i % 4 + 1],
                       (ARRAY['t1', 't2', 't3', NULL])[i % 4 + 1], (ARRAY['o1', 'o2', NULL, NULL])[i % 4 + 1],
                       timestamptz '2025-01-01' + i * interval '7 hours'
                  FROM generate_series(0, 199) i;
                INSERT INTO deleted_keys (token, key_name, key_alias, user_id, team_id, organization_id, created_at, deleted_by)
                SELECT encode(sha256(convert_to('sk-plans-deleted-' || i, 'UTF8')), 'hex'), 'sk-...' || i, 'alias-' || i,
                       (ARRAY['member', 'team_admin', 'org_admin', NULL])[i % 4 + 1],
                       (ARRAY['t1', 't2', 't3', NULL])[i % 4 + 1], (ARRAY['o1', 'o2', NULL, NULL])[i % 4 + 1],
                       timestamptz '2025-01-01' + i * interval '7 hours', 'admin'
                  FROM generate_series(0, 99) i;
                ANALYZE keys;
                ANALYZE deleted_keys;
                """));
        queries = new KeyQueries(jdbi, new Policy(), new JsonColumns(new ObjectMapper()));
        callerQuery = new CallerQuery(dataSource, new JsonColumns(new ObjectMapper()));
        keyLookup = new KeyDirectory(callerQuery, new CallerCache(new CacheConfig()), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        dataSource.stop();
        database.close();
    }

    @Test
    void noListStatementIsEverPlannedGenericallyWhileTheKeyLookupIsPlannedOnce() {
        List<Caller> callers = List.of(
                Caller.masterKey(),
                caller("sk-plans-3", "admin", UserRole.PROXY_ADMIN, Map.of(), Map.of()),
                caller("sk-plans-0", "member", UserRole.INTERNAL_USER, Map.of("o1", OrgRole.INTERNAL_USER),
                        Map.of("t1", TeamRole.USER, "t2", TeamRole.USER)),
                caller("sk-plans-1", "team_admin", UserRole.INTERNAL_USER, Map.of(),
                        Map.of("t1", TeamRole.ADMIN, "t3", TeamRole.ADMIN)),
                caller("sk-plans-2", "org_admin", UserRole.INTERNAL_USER, Map.of("o1", OrgRole.ORG_ADMIN), Map.of()),
                caller("sk-plans-7", null, UserRole.INTERNAL_USER, Map.of(), Map.of()));
        List<KeyQueries.ListRequest> requests = List.of(
                request(1, null, null, null, null, null, null),
                request(3, null, null, null, null, "created_at", "asc"),
                request(1, "member", null, null, null, null, null),
                request(1, null, "t1", null, null, "spend", "desc"),
                request(2, null, null, "o1", null, "expires", "asc"),
                request(1, null, null, null, "alias-8", null, null),
                new KeyQueries.ListRequest(1, 5, null, null, null, null, null, false, true, "key_alias", "desc", null),
                new KeyQueries.ListRequest(2, 5, null, null, null, null, null, null, true, null, null, "deleted"),
                new KeyQueries.ListRequest(1, 5, null, "t1", null, null, null, null, false, "updated_at", "asc", "deleted"));

        for (int round = 0; round < ROUNDS; round++) {
            for (Caller caller : callers) {
                for (KeyQueries.ListRequest request : requests) {
                    queries.list(caller, request);
                }
                queries.oldestVisible(caller, null, "t1");
                queries.oldestVisible(caller, "member", null);
                keyLookup.find(caller.keyToken() == null ? Secrets.sha256Hex("sk-plans-5") : caller.keyToken());
            }
            // Batches of every size, as concurrent requests gather them.
            for (int size = 1; size <= 9; size++) {
                callerQuery.findAll(IntStream.range(round, round + size)
                        .mapToObj(i -> Secrets.sha256Hex("sk-plans-" + i)).toList());
            }
        }

        jdbi.useHandle(handle -> {
            List<Map<String, Object>> prepared = handle.createQuery("""
                    SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements
                    """).mapToMap().list();
            assertThat(prepared).as("statements the driver prepared on the server").isNotEmpty().allSatisfy(lookup -> {
                assertThat((String) lookup.get("statement")).as("only the key lookup").contains("WITH presented AS");
                assertThat((Long) lookup.get("generic_plans")).as("the key lookup settled on one plan").isPositive();
            });
        });
    }

    /**
     * /key/list?status=deleted is /key/list's SQL over deleted_keys: with 60,000 deleted keys spread over
     * many users, teams and organizations, no caller's page or count reads the table from end to end
     * (sort_by=spend, unindexed on purpose as for live keys, aside).
     */
    @Test
    void deletedListsAreIndexServed() {
        jdbi.useHandle(h -> {
            h.execute("""
                    INSERT INTO deleted_keys (token, key_name, key_alias, user_id, team_id, organization_id, created_at,
                                              updated_at, deleted_by)
                    SELECT encode(sha256(convert_to('sk-plans-many-' || i, 'UTF8')), 'hex'), 'sk-...' || i, 'many-' || i,
                           CASE WHEN i % 50 < 3 THEN (ARRAY['member', 'team_admin', 'org_admin'])[i % 50 + 1] ELSE 'u-' || i % 997 END,
                           CASE WHEN i % 50 < 3 THEN (ARRAY['t1', 't2', 't3'])[i % 50 + 1] ELSE 't-' || i % 499 END,
                           CASE WHEN i % 50 < 2 THEN (ARRAY['o1', 'o2'])[i % 50 + 1] ELSE 'o-' || i % 97 END,
                           timestamptz '2024-01-01' + i * interval '13 minutes', timestamptz '2024-06-01' + i * interval '1 minute',
                           'admin'
                      FROM generate_series(0, 59999) i""");
            h.execute("VACUUM ANALYZE deleted_keys");
        });
        List<Caller> callers = List.of(
                Caller.masterKey(),
                caller("sk-plans-0", "member", UserRole.INTERNAL_USER, Map.of("o1", OrgRole.INTERNAL_USER),
                        Map.of("t1", TeamRole.USER, "t2", TeamRole.USER)),
                caller("sk-plans-1", "team_admin", UserRole.INTERNAL_USER, Map.of(),
                        Map.of("t1", TeamRole.ADMIN, "t3", TeamRole.ADMIN)),
                caller("sk-plans-2", "org_admin", UserRole.INTERNAL_USER, Map.of("o1", OrgRole.ORG_ADMIN), Map.of()));
        Policy policy = new Policy();
        for (Caller caller : callers) {
            for (String[] order : new String[][] {{null, null}, {"key_alias", "asc"}, {"updated_at", "desc"},
                    {"expires", "asc"}, {"max_budget", "desc"}}) {
                KeyListSql sql = new KeyListSql(new KeyListQuery(true, policy.keyVisibility(caller), "/key/info", false,
                        null, null, null, null, null, null, KeyOrder.parse(order[0], order[1])));
                String what = caller.userId() + " by " + order[0];
                assertThat(plan(sql.pageTokensSql(), sql.pageParams(200, 10))).as("page plan for %s", what)
                        .doesNotContain("Seq Scan on deleted_keys");
                assertThat(plan(sql.countSql(), sql.countParams())).as("count plan for %s", what)
                        .doesNotContain("Seq Scan on deleted_keys");
            }
        }
    }

    private static String plan(String sql, Map<String, Object> params) {
        return jdbi.withHandle(h -> String.join("\n", h.createQuery("EXPLAIN " + sql).bindMap(params)
                .mapTo(String.class).list()));
    }

    private static Caller caller(String key, String userId, UserRole role, Map<String, OrgRole> organizations,
                                 Map<String, TeamRole> teams) {
        return new Caller(Credential.VIRTUAL_KEY, Secrets.sha256Hex(key), userId, role, null, null, KeyType.DEFAULT, organizations, teams,
                null);
    }

    private static KeyQueries.ListRequest request(int page, String userId, String teamId, String organizationId,
                                                  String keyAlias, String sortBy, String sortOrder) {
        return new KeyQueries.ListRequest(page, 10, userId, teamId, organizationId, keyAlias, null, null, false, sortBy,
                sortOrder, null);
    }
}
