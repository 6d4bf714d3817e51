package dev.keygate.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keygate.audit.AuditLog;
import dev.keygate.auth.CallerQuery;
import dev.keygate.auth.Credential;
import dev.keygate.auth.KeyDirectory;
import dev.keygate.auth.Secrets;
import dev.keygate.auth.TokenAuthenticator;
import dev.keygate.auth.cache.CacheConfig;
import dev.keygate.auth.cache.CacheSync;
import dev.keygate.auth.cache.CallerCache;
import dev.keygate.auth.cache.ListenConnections;
import dev.keygate.db.JdbiSetup;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.Migrations;
import dev.keygate.keys.KeyQueries;
import dev.keygate.keys.KeyService;
import dev.keygate.policy.Policy;
import dev.keygate.testing.TestPostgres;
import dev.keygate.users.UserService;
import dev.keygate.web.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Clients mapped to keys ({@code virtual_key_claim_field: azp}) under each
 * {@code unregistered_jwt_client_behavior}, against real Postgres and real signatures.
 */
class JwtKeyMappingSignInTest {

    private static TestPostgres.Database database;
    private static TestIdentityProvider idp;
    private static Jdbi jdbi;
    private static TokenAuthenticator fallback;
    private static TokenAuthenticator reject;
    private static TokenAuthenticator autoRegister;

    @BeforeAll
    static void start() throws Exception {
        idp = new TestIdentityProvider();
        database = TestPostgres.newDatabase();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        Migrations.migrate(dataSource);
        jdbi = JdbiSetup.configure(Jdbi.create(dataSource));
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO organizations (organization_id, organization_alias) VALUES ('o1', 'O');
                INSERT INTO users (user_id) VALUES ('stored');
                INSERT INTO teams (team_id, organization_id) VALUES ('t1', 'o1');
                INSERT INTO team_memberships (team_id, user_id, role) VALUES ('t1', 'stored', 'user');
                """));
        insertKey("sk-mapped-key-1", false);
        insertKey("sk-blocked-key-1", true);
        insertMapping("client-a", "sk-mapped-key-1");
        insertMapping("client-blocked", "sk-blocked-key-1");

        JwtServices services = new JwtServices(jdbi, dataSource, database.jdbcUrl());
        fallback = services.authenticator(config(JwtConfig.UnregisteredClientBehavior.FALLBACK_TEAM_MAPPING));
        reject = services.authenticator(config(JwtConfig.UnregisteredClientBehavior.REJECT));
        autoRegister = services.authenticator(config(JwtConfig.UnregisteredClientBehavior.AUTO_REGISTER));
    }

    private static JwtConfig config(JwtConfig.UnregisteredClientBehavior behavior) {
        JwtConfig config = new JwtConfig();
        config.setEnabled(true);
        config.setIssuers(List.of(idp.issuer()));
        config.setTeamId("team");
        config.setVirtualKeyClaimField("azp");
        config.setUnregisteredJwtClientBehavior(behavior);
        return config;
    }

    private static void insertKey(String secret, boolean blocked) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO keys (token, key_name, user_id, team_id, organization_id, blocked)
                        VALUES (:token, 'sk-...', 'stored', 't1', 'o1', :blocked)""")
                .bind("token", Secrets.sha256Hex(secret)).bind("blocked", blocked).execute());
    }

    private static void insertMapping(String client, String secret) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO jwt_key_mappings (id, jwt_claim_name, jwt_claim_value, token)
                        VALUES (:id, 'azp', :client, :token)""")
                .bind("id", "mapping-" + client).bind("client", client).bind("token", Secrets.sha256Hex(secret)).execute());
    }

    @AfterAll
    static void stop() {
        idp.close();
        database.close();
    }

    private static String token(String client) {
        JwtClaims claims = TestIdentityProvider.claims("stored");
        if (client != null) {
            claims.setClaim("azp", client);
        }
        claims.setClaim("team", "t1");
        return idp.token(claims);
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (ApiException e) {
            return e.status();
        }
    }

    @Test
    void aMappedClientSignsInAsItsKey() {
        for (TokenAuthenticator tokens : List.of(fallback, reject, autoRegister)) {
            var caller = tokens.authenticate(token("client-a"), null);
            assertThat(caller.credential()).isEqualTo(Credential.VIRTUAL_KEY);
            assertThat(caller.keyToken()).isEqualTo(Secrets.sha256Hex("sk-mapped-key-1"));
            assertThat(caller.keyTeamId()).isEqualTo("t1");
        }
    }

    @Test
    void aClientMappedToABlockedKeyIs401() {
        assertThat(status(() -> fallback.authenticate(token("client-blocked"), null))).isEqualTo(401);
    }

    @Test
    void unmappedClientsFallBackOrAreRejected() {
        var caller = fallback.authenticate(token("client-unknown"), null);
        assertThat(caller.credential()).isEqualTo(Credential.JWT);
        assertThat(caller.userId()).isEqualTo("stored");

        assertThat(status(() -> reject.authenticate(token("client-unknown"), null))).isEqualTo(403);
        assertThat(status(() -> reject.authenticate(token(null), null))).as("no claim").isEqualTo(403);
    }

    @Test
    void concurrentFirstRequestsOfANewClientRegisterOneKeyAndOneMapping() throws Exception {
        String token = token("client-new");
        int requests = 8;
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(threads.submit(() -> {
                start.await();
                return autoRegister.authenticate(token, null).keyToken();
            }));
        }
        start.countDown();
        List<String> keyTokens = new ArrayList<>();
        for (Future<String> answer : answers) {
            keyTokens.add(answer.get(2, TimeUnit.MINUTES));
        }
        threads.shutdown();

        assertThat(keyTokens).as("every request signs in as the one registered key").containsOnly(keyTokens.get(0));
        assertThat(strings("SELECT token FROM jwt_key_mappings WHERE jwt_claim_name = 'azp' AND jwt_claim_value = 'client-new'"))
                .containsExactly(keyTokens.get(0));
        assertThat(strings("SELECT token FROM keys WHERE metadata -> 'jwt_key_mapping' ->> 'azp' = 'client-new'"))
                .as("no orphan keys").containsExactly(keyTokens.get(0));
        assertThat(strings("SELECT user_id || '/' || team_id FROM keys WHERE token = '" + keyTokens.get(0) + "'"))
                .containsExactly("stored/t1");
    }

    private static List<String> strings(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }
}
