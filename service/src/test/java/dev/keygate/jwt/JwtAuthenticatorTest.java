package dev.keygate.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.keygate.audit.AuditLog;
import dev.keygate.auth.Caller;
import dev.keygate.auth.Credential;
import dev.keygate.auth.TeamRole;
import dev.keygate.auth.TokenAuthenticator;
import dev.keygate.auth.UserRole;
import dev.keygate.auth.cache.CacheConfig;
import dev.keygate.auth.cache.CacheSync;
import dev.keygate.auth.cache.CallerCache;
import dev.keygate.auth.cache.ListenConnections;
import dev.keygate.db.EmbeddedDatabase;
import dev.keygate.db.JdbiSetup;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.Migrations;
import dev.keygate.keys.KeyQueries;
import dev.keygate.keys.KeyService;
import dev.keygate.policy.Policy;
import dev.keygate.users.UserService;
import dev.keygate.web.ApiException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Token sign-in against real Postgres, with real signatures: an identity provider served over HTTP
 * by this test (its JWKS, an RSA and an EC key), tokens signed with jose4j. The behavior harness pins
 * the same over the API; this covers the pieces one by one.
 */
class JwtAuthenticatorTest {

    private static final String ISSUER = "https://idp.test/realms/keygate";
    private static final String AUDIENCE = "keygate";

    @TempDir
    static Path dataDir;

    private static EmbeddedDatabase database;
    private static HttpServer idp;
    private static Jdbi jdbi;
    private static PublicJsonWebKey rsa;
    private static PublicJsonWebKey ec;
    private static final AtomicInteger jwksFetches = new AtomicInteger();
    private static final AtomicBoolean idpDown = new AtomicBoolean();
    private static TokenAuthenticator tokens;
    private static PublicJsonWebKey unpublished;

    @BeforeAll
    static void start() throws Exception {
        rsa = RsaJwkGenerator.generateJwk(2048);
        rsa.setKeyId("rsa-1");
        ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        ec.setKeyId("ec-1");
        unpublished = RsaJwkGenerator.generateJwk(2048);
        unpublished.setKeyId("not-published");
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/jwks", exchange -> {
            jwksFetches.incrementAndGet();
            byte[] body = new JsonWebKeySet(rsa, ec).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(idpDown.get() ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        idp.start();

        database = EmbeddedDatabase.start(dataDir.resolve("postgres"));
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        Migrations.migrate(dataSource);
        jdbi = JdbiSetup.configure(Jdbi.create(dataSource));
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO organizations (organization_id, organization_alias) VALUES ('o1', 'O');
                INSERT INTO users (user_id, user_email, user_role) VALUES ('stored', 'stored@corp.test', 'internal_user');
                INSERT INTO teams (team_id, organization_id) VALUES ('t1', 'o1'), ('t2', 'o1'), ('gone-blocked', 'o1');
                UPDATE teams SET blocked = true WHERE team_id = 'gone-blocked';
                INSERT INTO team_memberships (team_id, user_id, role) VALUES ('t1', 'stored', 'admin');
                """));

        JwtConfig config = new JwtConfig();
        config.setEnabled(true);
        IssuerConfig issuer = new IssuerConfig();
        issuer.setIssuer(ISSUER);
        issuer.setJwksUrl(List.of("http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks"));
        issuer.setAudience(AUDIENCE);
        config.setIssuers(List.of(issuer));
        config.setRoles("realm_access.roles");
        RoleMapping viewer = new RoleMapping();
        viewer.setRole("auditor");
        viewer.setInternalRole(UserRole.PROXY_ADMIN_VIEWER);
        config.setRoleMappings(List.of(viewer));
        config.setTeamIds("groups");
        config.setUserIdUpsert(true);
        config.setUnknownKidRefreshInterval(3600);

        ObjectMapper mapper = io.dropwizard.jackson.Jackson.newObjectMapper();
        JsonColumns json = new JsonColumns(mapper);
        CallerCache cache = new CallerCache(new CacheConfig());
        AuditLog audit = new AuditLog(mapper, new CacheSync(new ListenConnections(database.jdbcUrl(), null, null, Map.of()), cache));
        Clock clock = Clock.systemUTC();
        Policy policy = new Policy();
        KeyQueries keyQueries = new KeyQueries(jdbi, policy, json);
        UserService users = new UserService(jdbi, policy, json, audit, new KeyService(jdbi, policy, json, audit, clock),
                keyQueries, clock);
        tokens = JwtAuthenticator.create(config, jdbi, users, cache, mapper, clock);
    }

    @AfterAll
    static void stop() throws Exception {
        idp.stop(0);
        database.stop();
    }

    private static JwtClaims claims(String subject) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setIssuedAtToNow();
        return claims;
    }

    private static String sign(JwtClaims claims, PublicJsonWebKey key, String algorithm) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(algorithm);
        return jws.getCompactSerialization();
    }

    private static String rsaToken(JwtClaims claims) throws Exception {
        return sign(claims, rsa, AlgorithmIdentifiers.RSA_USING_SHA256);
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
    void aStoredUsersTokenIsThatUserWithItsMemberships() throws Exception {
        Caller caller = tokens.authenticate(rsaToken(claims("stored")), null);

        assertThat(caller.credential()).isEqualTo(Credential.JWT);
        assertThat(caller.userId()).isEqualTo("stored");
        assertThat(caller.role()).isEqualTo(UserRole.INTERNAL_USER);
        assertThat(caller.teamRoles()).containsEntry("t1", TeamRole.ADMIN);
        assertThat(caller.isMasterKey()).isFalse();
        assertThat(caller.isServiceAccount()).isFalse();
    }

    @Test
    void anExpiryPastAnyDateSignsInRatherThanOverflowing() throws Exception {
        JwtClaims claims = claims("stored");
        claims.setClaim("exp", Long.MAX_VALUE);

        assertThat(tokens.authenticate(rsaToken(claims), null).userId()).isEqualTo("stored");
    }

    @Test
    void ecSignedTokensVerifyToo() throws Exception {
        assertThat(tokens.authenticate(sign(claims("stored"), ec, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256),
                null).userId()).isEqualTo("stored");
    }

    @Test
    void anUnknownUserIsCreatedOnceWithTheTokensEmail() throws Exception {
        JwtClaims claims = claims("newcomer");
        claims.setClaim("email", "newcomer@corp.test");
        String token = rsaToken(claims);

        assertThat(tokens.authenticate(token, null).userId()).isEqualTo("newcomer");
        assertThat(tokens.authenticate(rsaToken(claims), null).userId()).isEqualTo("newcomer");
        assertThat(strings("SELECT user_email FROM users WHERE user_id = 'newcomer'")).containsExactly("newcomer@corp.test");
        assertThat(strings("SELECT action FROM audit_log WHERE object_id = 'newcomer'")).containsExactly("user.new");
    }

    @Test
    void theAdminScopeIsAProxyAdminAndRoleMappingsMapNestedListClaims() throws Exception {
        JwtClaims admin = claims("root");
        admin.setClaim("scope", "openid litellm_proxy_admin");
        assertThat(tokens.authenticate(rsaToken(admin), null).role()).isEqualTo(UserRole.PROXY_ADMIN);

        JwtClaims auditor = claims("auditor-1");
        auditor.setClaim("realm_access", Map.of("roles", List.of("offline_access", "auditor")));
        assertThat(tokens.authenticate(rsaToken(auditor), null).role()).isEqualTo(UserRole.PROXY_ADMIN_VIEWER);
    }

    @Test
    void theTeamHeaderPicksOneOfTheTokensTeamsAndNoOther() throws Exception {
        JwtClaims claims = claims("stored");
        claims.setClaim("groups", List.of("t1", "t2"));
        String token = rsaToken(claims);

        assertThat(tokens.authenticate(token, "t2").keyTeamId()).isEqualTo("t2");
        assertThat(status(() -> tokens.authenticate(token, "elsewhere"))).isEqualTo(403);
        JwtClaims blocked = claims("stored");
        blocked.setClaim("groups", List.of("gone-blocked"));
        assertThat(status(() -> tokens.authenticate(signQuietly(blocked), null))).isEqualTo(403);
    }

    @Test
    void aClaimWithAControlCharacterIs401NotA400() throws Exception {
        JwtClaims claims = claims("nul\u0000user");
        assertThatThrownBy(() -> tokens.authenticate(rsaToken(claims), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("'sub'");
                });
        assertThat(strings("SELECT user_id FROM users WHERE user_id LIKE 'nul%user'")).isEmpty();
    }

    @Test
    void aClaimOfTheWrongTypeIs401NotA500() throws Exception {
        JwtClaims claims = claims("stored");
        claims.setClaim("groups", Map.of("not", "a list"));
        assertThatThrownBy(() -> tokens.authenticate(rsaToken(claims), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("groups");
                });
    }

    @Test
    void forgedExpiredMisaddressedAndUnknownIssuerTokensAre401() throws Exception {
        JwtClaims expired = claims("stored");
        expired.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 60));
        JwtClaims otherAudience = claims("stored");
        otherAudience.setAudience("someone-else");
        JwtClaims otherIssuer = claims("stored");
        otherIssuer.setIssuer("https://evil.test");
        JwtClaims noExpiry = claims("stored");
        noExpiry.unsetClaim("exp");

        JsonWebSignature none = new JsonWebSignature();
        none.setPayload(claims("stored").toJson());
        none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        none.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);

        // HS256 keyed with the issuer's public key: the classic algorithm confusion.
        JsonWebSignature confused = new JsonWebSignature();
        confused.setPayload(claims("stored").toJson());
        confused.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        confused.setKeyIdHeaderValue(rsa.getKeyId());
        confused.setKey(new HmacKey(rsa.getPublicKey().getEncoded()));

        String good = rsaToken(claims("stored"));
        String[] parts = good.split("\\.");
        JwtClaims tamperedClaims = claims("stored");
        tamperedClaims.setClaim("scope", "litellm_proxy_admin");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(tamperedClaims.toJson().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        for (String token : List.of(rsaToken(expired), rsaToken(otherAudience), rsaToken(otherIssuer), rsaToken(noExpiry),
                none.getCompactSerialization() + "x", confused.getCompactSerialization(), tampered,
                sign(claims("stored"), unpublished, AlgorithmIdentifiers.RSA_USING_SHA256))) {
            assertThat(status(() -> tokens.authenticate(token, null))).as(token).isEqualTo(401);
        }
        assertThat(strings("SELECT user_id FROM users WHERE user_id NOT IN ('stored', 'newcomer', 'auditor-1')"))
                .as("no user created by a rejected token").isEmpty();
    }

    @Test
    void unknownKeyIdsFetchTheKeysAtMostOncePerInterval() throws Exception {
        int before = jwksFetches.get();
        for (int i = 0; i < 5; i++) {
            PublicJsonWebKey forged = RsaJwkGenerator.generateJwk(2048);
            forged.setKeyId("forged-" + i);
            String token = sign(claims("stored"), forged, AlgorithmIdentifiers.RSA_USING_SHA256);
            assertThat(status(() -> tokens.authenticate(token, null))).isEqualTo(401);
        }
        assertThat(jwksFetches.get() - before).as("fetches for five unknown key ids").isLessThanOrEqualTo(1);
    }

    private static List<String> strings(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    private static String signQuietly(JwtClaims claims) {
        try {
            return rsaToken(claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
