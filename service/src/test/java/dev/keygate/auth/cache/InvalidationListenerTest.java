package dev.keygate.auth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keygate.auth.CallerQuery;
import dev.keygate.auth.KeyDirectory;
import dev.keygate.auth.KeyRecord;
import dev.keygate.auth.KeyStatus;
import dev.keygate.auth.Secrets;
import dev.keygate.db.JdbiSetup;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.Migrations;
import dev.keygate.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The cache against real Postgres: the migration's triggers announce changes made by plain SQL,
 * the listener applies them, and a killed listen connection suspends the cache until it is back.
 */
class InvalidationListenerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static TestPostgres.Database database;
    private static Jdbi jdbi;
    private static CallerCache cache;
    private static CacheSync sync;
    private static InvalidationListener listener;
    private static KeyDirectory directory;

    @BeforeAll
    static void start() {
        database = TestPostgres.newDatabase();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        Migrations.migrate(dataSource);
        jdbi = JdbiSetup.configure(Jdbi.create(dataSource));
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO organizations (organization_id, organization_alias) VALUES ('o1', 'O');
                INSERT INTO users (user_id) VALUES ('u1');
                INSERT INTO teams (team_id, organization_id) VALUES ('t1', 'o1');
                """));
        cache = new CallerCache(new CacheConfig());
        ListenConnections connections = new ListenConnections(database.jdbcUrl(), null, null, Map.of());
        sync = new CacheSync(connections, cache);
        listener = new InvalidationListener(connections, cache, sync);
        listener.start();
        directory = new KeyDirectory(new CallerQuery(dataSource, new JsonColumns(new ObjectMapper())), cache,
                Clock.systemUTC());
        await("the listener listens", cache::isServing);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        listener.stop();
        database.close();
    }

    @BeforeEach
    void emptyKeys() {
        jdbi.useHandle(h -> h.execute("DELETE FROM keys"));
        jdbi.useHandle(h -> h.execute("UPDATE teams SET blocked = false"));
        jdbi.useHandle(h -> h.execute("DELETE FROM team_memberships"));
        jdbi.useHandle(h -> h.execute("UPDATE users SET max_budget = NULL"));
        sync.awaitApplied();
    }

    @Test
    void aKeyBlockedBySqlIsRefusedOnceTheChangeIsApplied() {
        String token = insertKey("sk-cached-then-blocked", "u1", "t1");
        assertThat(status(token)).isEqualTo(KeyStatus.VALID);
        assertThat(cache.known().asMap()).containsKey(token);

        jdbi.useHandle(h -> h.execute("UPDATE keys SET blocked = true WHERE token = ?", token));
        sync.awaitApplied();

        assertThat(status(token)).isEqualTo(KeyStatus.BLOCKED);
    }

    @Test
    void aTeamChangeReachesItsKeysAndAMembershipChangeItsUser() {
        String token = insertKey("sk-in-team-t1-000", "u1", "t1");
        assertThat(status(token)).isEqualTo(KeyStatus.VALID);

        jdbi.useHandle(h -> h.execute("UPDATE teams SET blocked = true WHERE team_id = 't1'"));
        sync.awaitApplied();
        assertThat(status(token)).isEqualTo(KeyStatus.TEAM_BLOCKED);

        jdbi.useHandle(h -> h.execute("UPDATE teams SET blocked = false WHERE team_id = 't1'"));
        jdbi.useHandle(h -> h.execute("INSERT INTO team_memberships (team_id, user_id, role) VALUES ('t1', 'u1', 'admin')"));
        sync.awaitApplied();
        assertThat(directory.find(token).orElseThrow().caller().isTeamAdminOf("t1")).isTrue();

        jdbi.useHandle(h -> h.execute("DELETE FROM team_memberships"));
        sync.awaitApplied();
        assertThat(directory.find(token).orElseThrow().caller().isTeamAdminOf("t1")).isFalse();
    }

    @Test
    void spendAloneMovingOnAnyLevelKeepsTheKeyCachedAndOtherChangesDoNot() {
        // Every recorded call moves spend on the key, its user, team, membership and organization:
        // were that announced as a change, every call would scan the cache and evict the key.
        String token = insertKey("sk-spending-in-t1-0", "u1", "t1");
        jdbi.useHandle(h -> h.execute("INSERT INTO team_memberships (team_id, user_id, role) VALUES ('t1', 'u1', 'user')"));
        sync.awaitApplied();
        assertThat(status(token)).isEqualTo(KeyStatus.VALID);

        jdbi.useTransaction(h -> {
            h.execute("UPDATE keys SET spend = spend + 1 WHERE token = ?", token);
            h.execute("UPDATE users SET spend = spend + 1 WHERE user_id = 'u1'");
            h.execute("UPDATE teams SET spend = spend + 1 WHERE team_id = 't1'");
            h.execute("UPDATE team_memberships SET spend = spend + 1 WHERE team_id = 't1' AND user_id = 'u1'");
            h.execute("UPDATE organizations SET spend = spend + 1 WHERE organization_id = 'o1'");
        });
        sync.awaitApplied();
        assertThat(cache.known().asMap()).containsKey(token);

        jdbi.useHandle(h -> h.execute("UPDATE users SET max_budget = 5 WHERE user_id = 'u1'"));
        sync.awaitApplied();
        assertThat(cache.known().asMap()).doesNotContainKey(token);
    }

    @Test
    void everyColumnButSpendAndItsTimestampsIsWatchedByItsTablesChangeTrigger() {
        // The change triggers fire only on updates setting a listed column (V13), so that recording
        // spend skips them: a column added to these tables and left out of its list would change
        // unannounced, and every instance would go on answering from the old row.
        List<String> tables = List.of("keys", "users", "teams", "organizations", "team_memberships");
        for (String table : tables) {
            List<String> columns = jdbi.withHandle(h -> h.createQuery("""
                            SELECT attname FROM pg_attribute
                             WHERE attrelid = CAST(:table AS regclass) AND attnum > 0 AND NOT attisdropped
                               AND attname NOT IN ('spend', 'updated_at', 'budget_reset_at')
                             ORDER BY attname""")
                    .bind("table", table).mapTo(String.class).list());
            List<String> watched = jdbi.withHandle(h -> h.createQuery("""
                            SELECT a.attname FROM pg_trigger t
                              JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = ANY (t.tgattr)
                             WHERE t.tgrelid = CAST(:table AS regclass) AND t.tgname = :trigger
                             ORDER BY a.attname""")
                    .bind("table", table).bind("trigger", table + "_announce_update").mapTo(String.class).list());
            assertThat(watched).as("columns watched by %s_announce_update", table).isEqualTo(columns);
        }
    }

    @Test
    void aKeyRememberedAsUnknownIsFoundOnceInserted() {
        String token = Secrets.sha256Hex("sk-unknown-then-inserted");
        assertThat(directory.find(token)).isEmpty();
        assertThat(cache.unknown().asMap()).containsKey(token);

        insertKey("sk-unknown-then-inserted", "u1", null);
        sync.awaitApplied();

        assertThat(directory.find(token)).isPresent();
    }

    @Test
    void aKilledListenConnectionSuspendsTheCacheUntilItListensAgain() {
        String token = insertKey("sk-cached-before-the-kill", "u1", null);
        assertThat(status(token)).isEqualTo(KeyStatus.VALID);
        long reconnects = listener.reconnects();

        // The server is shared with other test classes, each listening in its own database.
        jdbi.useHandle(h -> h.execute("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE application_name = ? AND datname = current_database()""", ListenConnections.LISTENER));
        await("the cache is suspended or the listener is back",
                () -> !cache.isServing() || listener.reconnects() > reconnects);
        // Whatever the listener is doing now, a change made after the kill is never hidden by the cache.
        jdbi.useHandle(h -> h.execute("UPDATE keys SET blocked = true WHERE token = ?", token));
        sync.awaitApplied();
        assertThat(status(token)).isEqualTo(KeyStatus.BLOCKED);

        await("the listener is back", () -> cache.isServing() && listener.reconnects() > reconnects);
        jdbi.useHandle(h -> h.execute("UPDATE keys SET blocked = false WHERE token = ?", token));
        sync.awaitApplied();
        assertThat(status(token)).isEqualTo(KeyStatus.VALID);
        assertThat(cache.known().asMap()).containsKey(token);
    }

    private static KeyStatus status(String token) {
        return directory.find(token).map(record -> record.status(Instant.now())).orElse(KeyStatus.NOT_FOUND);
    }

    private static String insertKey(String cleartext, String user, String team) {
        String token = Secrets.sha256Hex(cleartext);
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO keys (token, key_name, user_id, team_id, organization_id)
                        VALUES (:token, 'sk-...', :user, :team, CASE WHEN CAST(:team AS text) IS NULL THEN NULL ELSE 'o1' END)
                        """)
                .bind("token", token).bind("user", user).bind("team", team).execute());
        // The insert is announced too; a lookup racing that announcement would (rightly) not be kept.
        sync.awaitApplied();
        return token;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + PATIENCE + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
