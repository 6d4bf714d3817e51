package dev.keygate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keygate.auth.cache.CacheConfig;
import dev.keygate.auth.cache.CallerCache;
import dev.keygate.db.JdbiSetup;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.Migrations;
import dev.keygate.testing.TestPostgres;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The authentication query against real Postgres, migrated by the real migrations. */
class KeyAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String MASTER = "sk-master-for-tests";

    private static TestPostgres.Database database;
    private static KeyDirectory directory;
    private static KeyAuthenticator authenticator;
    private static CallerQuery query;

    @BeforeAll
    static void startDatabase() {
        database = TestPostgres.newDatabase();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        Migrations.migrate(dataSource);
        Jdbi jdbi = JdbiSetup.configure(Jdbi.create(dataSource));
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO organizations (organization_id, organization_alias) VALUES ('o1', 'O');
                INSERT INTO users (user_id, user_role) VALUES ('u1', 'internal_user');
                INSERT INTO teams (team_id, organization_id) VALUES ('t1', 'o1'), ('blocked', 'o1');
                UPDATE teams SET blocked = true WHERE team_id = 'blocked';
                INSERT INTO organization_memberships (organization_id, user_id, user_role) VALUES ('o1', 'u1', 'org_admin');
                INSERT INTO team_memberships (team_id, user_id, role) VALUES ('t1', 'u1', 'admin');
                """));
        insertKey(jdbi, "sk-valid-key-1", "u1", "t1", null, false);
        insertKey(jdbi, "sk-expired-key", "u1", null, NOW.minusSeconds(1), false);
        insertKey(jdbi, "sk-future-key1", "u1", null, NOW.plusSeconds(60), false);
        insertKey(jdbi, "sk-blocked-key", "u1", null, null, true);
        insertKey(jdbi, "sk-in-blocked-team", null, "blocked", null, false);
        jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO key_grace_tokens (token, key_token, expires_at) VALUES (:old, :key, :ends)")
                .bind("old", Secrets.sha256Hex("sk-old-secret-1")).bind("key", Secrets.sha256Hex("sk-valid-key-1"))
                .bind("ends", NOW.plusSeconds(30)).execute());
        query = new CallerQuery(dataSource, new JsonColumns(new ObjectMapper()));
        // A cache with no listener never serves: every call here runs the authentication query.
        directory = new KeyDirectory(query, new CallerCache(new CacheConfig()), Clock.fixed(NOW, ZoneOffset.UTC));
        authenticator = new KeyAuthenticator(MASTER, directory, new AuthenticationMetrics());
    }

    private static void insertKey(Jdbi jdbi, String key, String user, String team, Instant expires, boolean blocked) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO keys (token, key_name, user_id, team_id, organization_id, expires, blocked)
                        VALUES (:token, 'sk-...', :user, :team, CASE WHEN :team IS NULL THEN NULL ELSE 'o1' END, :expires, :blocked)
                        """)
                .bind("token", Secrets.sha256Hex(key)).bind("user", user).bind("team", team)
                .bind("expires", expires).bind("blocked", blocked).execute());
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void validKeyBecomesItsUserWithMemberships() {
        Caller caller = authenticator.authenticate("sk-valid-key-1").orElseThrow();
        assertThat(caller.userId()).isEqualTo("u1");
        assertThat(caller.keyToken()).isEqualTo(Secrets.sha256Hex("sk-valid-key-1"));
        assertThat(caller.isOrgAdminOf("o1")).isTrue();
        assertThat(caller.isTeamAdminOf("t1")).isTrue();
        assertThat(caller.isTeamAdminOf("blocked")).isFalse();
    }

    @Test
    void masterKeyIsProxyAdminWithoutAKeyRecord() {
        Caller caller = authenticator.authenticate(MASTER).orElseThrow();
        assertThat(caller.isMasterKey()).isTrue();
        assertThat(caller.role()).isEqualTo(UserRole.PROXY_ADMIN);
    }

    @Test
    void expiredBlockedBlockedTeamUnknownAndForeignCredentialsAreNobody() {
        assertThat(authenticator.authenticate("sk-expired-key")).isEmpty();
        assertThat(authenticator.authenticate("sk-blocked-key")).isEmpty();
        assertThat(authenticator.authenticate("sk-in-blocked-team")).isEmpty();
        assertThat(authenticator.authenticate("sk-never-issued")).isEmpty();
        assertThat(authenticator.authenticate("not-a-key")).isEmpty();
        assertThat(authenticator.authenticate("")).isEmpty();
        // The hash is an id, not a credential.
        assertThat(authenticator.authenticate(Secrets.sha256Hex("sk-valid-key-1"))).isEmpty();
    }

    @Test
    void unusableKeysAreStillFoundWithTheirStatus() {
        assertThat(authenticator.lookup("sk-valid-key-1").orElseThrow().status(NOW)).isEqualTo(KeyStatus.VALID);
        assertThat(authenticator.lookup("sk-expired-key").orElseThrow().status(NOW)).isEqualTo(KeyStatus.EXPIRED);
        assertThat(authenticator.lookup("sk-blocked-key").orElseThrow().status(NOW)).isEqualTo(KeyStatus.BLOCKED);
        assertThat(authenticator.lookup("sk-in-blocked-team").orElseThrow().status(NOW))
                .isEqualTo(KeyStatus.TEAM_BLOCKED);
        assertThat(authenticator.lookup("sk-never-issued")).isEmpty();
        assertThat(authenticator.lookup(MASTER)).as("the master key is no virtual key").isEmpty();
    }

    @Test
    void eachPresentedCredentialIsCountedOnceByItsOutcomeAndNamedKeysAreNot() {
        AuthenticationMetrics metrics = new AuthenticationMetrics();
        KeyAuthenticator counted = new KeyAuthenticator(MASTER, directory, metrics);
        PrometheusRegistry registry = new PrometheusRegistry();
        metrics.register(registry);

        counted.authenticate(MASTER);
        counted.authenticate("sk-valid-key-1");
        counted.present("sk-valid-key-1");
        counted.authenticate("sk-expired-key");
        counted.authenticate("sk-blocked-key");
        counted.authenticate("sk-in-blocked-team");
        counted.authenticate("sk-never-issued");
        counted.authenticate("not-a-key");
        counted.lookup("sk-valid-key-1");
        counted.lookupToken(Secrets.sha256Hex("sk-valid-key-1"));

        assertThat(counts(registry)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("master_key/valid", 1.0), Map.entry("virtual_key/valid", 2.0),
                Map.entry("virtual_key/expired", 1.0), Map.entry("virtual_key/blocked", 1.0),
                Map.entry("virtual_key/team_blocked", 1.0), Map.entry("virtual_key/unknown", 1.0),
                Map.entry("unrecognized/malformed", 1.0), Map.entry("jwt/valid", 0.0), Map.entry("jwt/invalid", 0.0),
                Map.entry("jwt/refused", 0.0), Map.entry("none/missing", 0.0)));
    }

    /** keygate_authentications_total as "credential_type/outcome" to its value. */
    private static Map<String, Double> counts(PrometheusRegistry registry) {
        Map<String, Double> counts = new HashMap<>();
        for (MetricSnapshot snapshot : registry.scrape()) {
            for (CounterSnapshot.CounterDataPointSnapshot point : ((CounterSnapshot) snapshot).getDataPoints()) {
                counts.put(point.getLabels().get("credential_type") + "/" + point.getLabels().get("outcome"),
                        point.getValue());
            }
        }
        return counts;
    }

    @Test
    void keyExpiringLaterStillWorks() {
        assertThat(authenticator.authenticate("sk-future-key1")).map(Caller::userId).isEqualTo(Optional.of("u1"));
    }

    @Test
    void oneQueryAnswersManyTokensEachByTheTokenPresented() {
        String valid = Secrets.sha256Hex("sk-valid-key-1");
        String old = Secrets.sha256Hex("sk-old-secret-1");
        String blocked = Secrets.sha256Hex("sk-in-blocked-team");
        String unknown = Secrets.sha256Hex("sk-never-issued");

        Map<String, KeyRecord> found = query.findAll(List.of(valid, old, blocked, unknown, valid));

        assertThat(found).containsOnlyKeys(valid, old, blocked);
        assertThat(found.get(valid).token()).isEqualTo(valid);
        assertThat(found.get(valid).graceEnds()).isNull();
        assertThat(found.get(old).token()).as("an old secret names the regenerated key").isEqualTo(valid);
        assertThat(found.get(old).graceEnds()).isEqualTo(NOW.plusSeconds(30));
        assertThat(found.get(blocked).status(NOW)).isEqualTo(KeyStatus.TEAM_BLOCKED);
        assertThat(found.get(valid).caller().isTeamAdminOf("t1")).isTrue();
    }
}
