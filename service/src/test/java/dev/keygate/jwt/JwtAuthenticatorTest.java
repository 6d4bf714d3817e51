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
import dev.keygate.db.JdbiSetup;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.Migrations;
import dev.keygate.keys.KeyQueries;
import dev.keygate.keys.KeyService;
import dev.keygate.policy.Policy;
import dev.keygate.testing.TestPostgres;
import dev.keygate.users.UserService;
import dev.keygate.web.ApiException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Token sign-in against real Postgres, with real signatures: an identity provider served over HTTP
 * by this test (its JWKS, an RSA and an EC key), tokens signed with jose4j. The behavior harness pins
 * the same over the API; this covers the pieces one by one.
 */
class JwtAuthenticatorTest {


    private static TestPostgres.Database database;
    private static TestIdentityProvider idp;
    private static Jdbi jdbi;
    private static PublicJsonWebKey rsa;
    private static PublicJsonWebKey ec;
    private static TokenAuthenticator tokens;
    /** The same, with opaque tokens resolved through the provider's userinfo endpoint. */
    private static TokenAuthenticator withUserinfo;
    /** The same, creating teams on first sight. */
    private static TokenAuthenticator withTeamUpsert;
    private static PublicJsonWebKey unpublished;

    @BeforeAll
    static void start() throws Exception {
        idp = new TestIdentityProvider();
        rsa = idp.rsa;
        ec = idp.ec;
        unpublished = TestIdentityProvider.unpublishedRsa("not-published");

        database = TestPostgres.newDatabase();
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
        IssuerConfig issuer = idp.issuer();
        config.setIssuers(List.of(issuer));
        config.setRoles("realm_access.roles");
        RoleMapping viewer = new RoleMapping();
        viewer.setRole("auditor");
        viewer.setInternalRole(UserRole.PROXY_ADMIN_VIEWER);
        config.setRoleMappings(List.of(viewer));
        config.setTeamIds("groups");
        config.setUserIdUpsert(true);
        config.setUnknownKidRefreshInterval(3600);

        JwtServices services = new JwtServices(jdbi, dataSource, database.jdbcUrl());
        JwtConfig userinfoConfig = new JwtConfig();
        userinfoConfig.setEnabled(true);
        userinfoConfig.setIssuers(List.of(idp.issuer()));
        userinfoConfig.setOidcUserinfoEnabled(true);
        userinfoConfig.setOidcUserinfoEndpoint(idp.userinfoUrl());
        withUserinfo = services.authenticator(userinfoConfig);
        tokens = services.authenticator(config);
        JwtConfig upsertConfig = new JwtConfig();
        upsertConfig.setEnabled(true);
        upsertConfig.setIssuers(List.of(idp.issuer()));
        upsertConfig.setTeamId("team");
        upsertConfig.setOrgId("org");
        upsertConfig.setTeamIdUpsert(true);
        upsertConfig.setTeamAliasJwtField("team_name");
        withTeamUpsert = services.authenticator(upsertConfig);
    }

    @AfterAll
    static void stop() {
        idp.close();
        database.close();
    }

    private static JwtClaims claims(String subject) {
        return TestIdentityProvider.claims(subject);
    }

    private static String sign(JwtClaims claims, PublicJsonWebKey key, String algorithm) {
        return TestIdentityProvider.sign(claims, key, algorithm);
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
        int before = idp.jwksFetches.get();
        // One key pair under five key ids: what is unknown is the id.
        PublicJsonWebKey forged = TestIdentityProvider.unpublishedRsa("forged-0");
        for (int i = 0; i < 5; i++) {
            forged.setKeyId("forged-" + i);
            String token = sign(claims("stored"), forged, AlgorithmIdentifiers.RSA_USING_SHA256);
            assertThat(status(() -> tokens.authenticate(token, null))).isEqualTo(401);
        }
        assertThat(idp.jwksFetches.get() - before).as("fetches for five unknown key ids").isLessThanOrEqualTo(1);
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

    @Test
    void opaqueTokensAreResolvedThroughUserinfoWhenConfigured() {
        assertThat(tokens.accepts("opaque-stored")).as("without userinfo, not a token").isFalse();
        assertThat(withUserinfo.accepts("opaque-stored")).isTrue();
        assertThat(withUserinfo.accepts("sk-a-key-1234")).as("keys stay keys").isFalse();

        Caller caller = withUserinfo.authenticate("opaque-stored", null);
        assertThat(caller.credential()).isEqualTo(Credential.JWT);
        assertThat(caller.userId()).isEqualTo("stored");
        assertThat(caller.teamRoles()).containsEntry("t1", TeamRole.ADMIN);

        assertThat(status(() -> withUserinfo.authenticate("refused-token", null))).isEqualTo(401);
        idp.down.set(true);
        try {
            assertThat(status(() -> withUserinfo.authenticate("opaque-someone", null))).as("provider down").isEqualTo(503);
        } finally {
            idp.down.set(false);
        }
    }

    @Test
    void enforcedScopesGrantTheirMappingsRoutesAndModelsButNotTheAdminScopes() {
        JwtConfig config = new JwtConfig();
        config.setEnforceScopeBasedAccess(true);
        ScopeMapping reader = new ScopeMapping();
        reader.setScope("keys.read");
        reader.setRoutes(List.of("/key/info", "/key/list"));
        reader.setModels(List.of("gpt-4o"));
        ScopeMapping chat = new ScopeMapping();
        chat.setScope("chat");
        chat.setModels(List.of("claude"));
        config.setScopeMappings(List.of(reader, chat));

        dev.keygate.auth.TokenScope scope = config.scopeOf(List.of("openid", "keys.read", "chat"));
        assertThat(scope.routes()).containsExactlyInAnyOrder("/key/info", "/key/list");
        assertThat(scope.models()).containsExactlyInAnyOrder("gpt-4o", "claude");
        assertThat(config.scopeOf(List.of("openid")).routes()).as("no mapped scope, no route").isEmpty();
        config.setEnforceScopeBasedAccess(false);
        assertThat(config.scopeOf(List.of("keys.read"))).as("not enforced: unrestricted").isNull();
    }

    @Test
    void anUnknownTeamIsCreatedOnceWithTheTokensAliasAndOrganization() throws Exception {
        JwtClaims naming = claims("stored");
        naming.setClaim("team", "t-new");
        naming.setClaim("team_name", "New team");
        naming.setClaim("org", "o1");
        Caller caller = withTeamUpsert.authenticate(rsaToken(naming), null);
        withTeamUpsert.authenticate(rsaToken(naming), null);

        assertThat(caller.keyTeamId()).isEqualTo("t-new");
        assertThat(strings("SELECT team_alias || '/' || organization_id FROM teams WHERE team_id = 't-new'"))
                .containsExactly("New team/o1");
        assertThat(strings("SELECT action FROM audit_log WHERE object_id = 't-new'")).containsExactly("team.new");
    }
}
