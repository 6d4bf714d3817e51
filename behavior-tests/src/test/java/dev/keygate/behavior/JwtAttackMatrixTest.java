package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.testing.TestRsaKeys;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tokens an attacker makes or bends, each refused: 401 for a token that does not verify, 403 for a
 * genuine token whose holder is not let in. Forged tokens claim the admin scope for a user id that
 * does not exist, so a token that got through would show at once: the probe would answer 200 and
 * the write would store a key; those without the scope would create their user (user_id_upsert is
 * on; {@link #theSameClaimsSignedByTheIssuerGetIn200} is the control). Each attack asks twice — a
 * read any caller may make ({@code GET /user/available_roles}) and a write ({@code POST
 * /key/generate}) — and leaves the database as it was: no user, no team, no key.
 */
@BehaviorTest
class JwtAttackMatrixTest {

    /** The attacker's own key pair: published nowhere but on the attacker's URLs. */
    private static final PublicJsonWebKey ATTACKER_KEY = rsaKey("attacker-key");
    private static final String ATTACKER_JWKS = "/attacker/jwks";
    private static final String ATTACKER_X5U = "/attacker/x5u";

    @BeforeAll
    static void serveTheAttackersKeys() {
        String keys = new JsonWebKeySet(ATTACKER_KEY).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        Keygate.identityProvider().serve(ATTACKER_JWKS, () -> keys);
        Keygate.identityProvider().serve(ATTACKER_X5U, () -> keys);
    }

    enum Attack {
        ALG_NONE(401, i -> Forgeries.unsigned(i.adminClaims())),
        ALG_NONE_WITH_A_SIGNATURE(401, i -> Forgeries.unsigned(i.adminClaims()) + Forgeries.base64url("signature")),
        HS256_SIGNED_WITH_THE_ISSUERS_PUBLIC_KEY(401, i -> Forgeries.hmacWithPublicKey(i.adminClaims(), i.a().signingKey())),
        UNKNOWN_KID(401, i -> Forgeries.signedNaming(i.adminClaims(), ATTACKER_KEY, "kid-nobody-publishes")),
        KID_OF_THE_OTHER_ISSUERS_KEY(401, i -> i.a().sign(i.adminClaims(), i.b().signingKey())),
        EXPIRED(401, i -> i.signed(c -> c.setExpirationTime(secondsFromNow(-300)))),
        NOT_VALID_BEFORE_A_FUTURE_TIME(401, i -> i.signed(c -> c.setNotBefore(secondsFromNow(300)))),
        NO_EXP(401, i -> i.signed(c -> c.unsetClaim("exp"))),
        WRONG_AUDIENCE(401, i -> i.signed(c -> c.setAudience("another-service"))),
        NO_AUDIENCE(401, i -> i.signed(c -> c.unsetClaim("aud"))),
        /** Issuer B's name on a token signed with A's key: B publishes no such key. */
        WRONG_ISSUER(401, i -> i.signed(c -> c.setIssuer(TestIssuer.B.id()))),
        UNCONFIGURED_ISSUER(401, i -> i.signed(c -> c.setIssuer("https://idp-evil.keygate.test"))),
        NO_ISSUER(401, i -> i.signed(c -> c.unsetClaim("iss"))),
        /** A genuine token of the same user without the admin scope, its payload swapped for one with it. */
        TAMPERED_PAYLOAD(401, i -> Forgeries.withPayload(i.signed(c -> c.unsetClaim("scope")), i.adminClaims())),
        JKU_TO_THE_ATTACKERS_KEYS(401, i -> Forgeries.signedWithHeader(i.adminClaims(), ATTACKER_KEY, ATTACKER_KEY.getKeyId(),
                "jku", i.provider().url(ATTACKER_JWKS))),
        /** The issuer's kid with the attacker's signature: only the issuer's own key is tried. */
        JKU_NAMING_THE_ISSUERS_KID(401, i -> Forgeries.signedWithHeader(i.adminClaims(), ATTACKER_KEY, i.a().signingKey().getKeyId(),
                "jku", i.provider().url(ATTACKER_JWKS))),
        X5U_TO_THE_ATTACKERS_KEY(401, i -> Forgeries.signedWithHeader(i.adminClaims(), ATTACKER_KEY, ATTACKER_KEY.getKeyId(),
                "x5u", i.provider().url(ATTACKER_X5U))),
        EMBEDDED_JWK(401, i -> Forgeries.signedWithEmbeddedKey(i.adminClaims(), ATTACKER_KEY)),
        /** A one-character header part: not base64url of anything. */
        MALFORMED_BASE64(401, i -> {
            String token = i.signed(c -> { });
            return "A" + token.substring(token.indexOf('.'));
        }),
        PAYLOAD_NOT_JSON(401, i -> {
            String token = i.signed(c -> { });
            String[] parts = token.split("\\.");
            return parts[0] + "." + Forgeries.base64url("not json") + "." + parts[2];
        }),
        TYP_NEITHER_JWT_NOR_AT_JWT(401, i -> {
            var jws = IssuerKeys.signature(i.adminClaims(), i.a().signingKey(), i.a().signingKey().getKeyId());
            jws.setHeader("typ", "dpop+jwt");
            return IssuerKeys.compact(jws);
        }),
        SUB_NOT_A_STRING(401, i -> i.signed(c -> c.setClaim("sub", 42))),
        /** Postgres cannot store NUL: the token's fault (401), not bad input (400). */
        SUB_WITH_A_NUL(401, i -> i.signed(c -> {
            c.unsetClaim("scope");
            c.setSubject(i.userId() + "\u0000");
        })),
        EMAIL_WITH_A_CONTROL_CHARACTER(401, i -> i.signed(c -> {
            c.unsetClaim("scope");
            c.setClaim("email", "bell\u0007@attack.keygate.test");
        })),
        EXP_NOT_A_NUMBER(401, i -> i.signed(c -> c.setClaim("exp", "tomorrow"))),
        SCOPE_NOT_A_STRING_OR_LIST(401, i -> i.signed(c -> c.setClaim("scope", Map.of("admin", true)))),
        EMAIL_NOT_A_STRING(401, i -> i.signed(c -> {
            c.unsetClaim("scope");
            c.setClaim("email", 7);
        })),
        GROUPS_NOT_STRINGS(401, i -> i.signed(c -> {
            c.unsetClaim("scope");
            c.setClaim("groups", List.of(1, 2));
        })),
        /** The provider has been down since before Keygate started: no key held, fail closed. */
        JWKS_DOWN_WITH_NO_KEYS_HELD(401, i -> {
            IssuerKeys never = i.provider().keys(TestIssuer.NEVER_UP);
            JwtClaims claims = i.adminClaims();
            claims.setIssuer(TestIssuer.NEVER_UP.id());
            return never.sign(claims);
        }),
        /** Genuine team token; the header asks for a team it does not name. */
        TEAM_HEADER_NAMING_ANOTHER_TEAM(403, i -> i.teamToken(c -> c.setClaim("team_id", World.TEAM_ALPHA)), World.TEAM_BETA),
        /** Genuine token naming a team Keygate does not have: refused, and the team is not created. */
        TEAM_THAT_DOES_NOT_EXIST(403, i -> i.teamToken(c -> c.setClaim("team_id", i.userId() + "_team"))),
        /** Genuine token naming two existing teams and no header: it acts for neither. */
        SEVERAL_TEAMS_AND_NO_HEADER(403, i -> i.teamToken(c -> c.setStringListClaim("groups", World.TEAM_ALPHA, World.TEAM_BETA)));

        final int expected;
        final Function<Intruder, String> token;
        final String teamHeader;

        Attack(int expected, Function<Intruder, String> token) {
            this(expected, token, null);
        }

        Attack(int expected, Function<Intruder, String> token, String teamHeader) {
            this.expected = expected;
            this.token = token;
            this.teamHeader = teamHeader;
        }

        @Override
        public String toString() {
            return name() + " -> " + expected;
        }

        Credential credential(Intruder intruder) {
            String forged = token.apply(intruder);
            return teamHeader == null ? Credential.bearer(forged) : new Credential(name(), Map.of(
                    "Authorization", "Bearer " + forged, "x-litellm-team-id", teamHeader));
        }
    }

    /** Whom a forged token claims to be: a user id (and email) no user has. */
    record Intruder(String userId, IdentityProvider provider) {

        IssuerKeys a() {
            return provider.keys(TestIssuer.A);
        }

        IssuerKeys b() {
            return provider.keys(TestIssuer.B);
        }

        /** Issuer A's claims for the intruder, with the admin scope. */
        JwtClaims adminClaims() {
            JwtClaims claims = a().claims();
            claims.setSubject(userId);
            claims.setClaim("email", userId + "@attack.keygate.test");
            claims.setClaim("scope", "openid litellm_proxy_admin");
            return claims;
        }

        /** The admin claims, changed by {@code change}, signed with issuer A's real key. */
        String signed(Consumer<JwtClaims> change) {
            JwtClaims claims = adminClaims();
            change.accept(claims);
            return a().sign(claims);
        }

        /** A genuine token of issuer A naming no user, only what {@code teams} puts in. */
        String teamToken(Consumer<JwtClaims> teams) {
            JwtClaims claims = a().claims();
            teams.accept(claims);
            return a().sign(claims);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Attack.class)
    void refusedAndNothingChanges(Attack attack, Scratch scratch) {
        Intruder intruder = new Intruder(scratch.name("intruder"), Keygate.identityProvider());
        Credential credential = attack.credential(intruder);
        String alias = scratch.name("forged");
        DatabaseFootprint before = DatabaseFootprint.now();

        Response read = Keygate.api().get("/user/available_roles", credential);
        Response write = Keygate.api().post("/key/generate", Map.of("key_alias", alias), credential);

        read.assertError(attack.expected);
        write.assertError(attack.expected);
        before.assertUnchangedBy(write);
        assertThat(Keygate.db().count("SELECT count(*) FROM users WHERE starts_with(user_id, ?)", intruder.userId()))
                .as("users created for %s", intruder.userId()).isZero();
        assertThat(Keygate.db().count("SELECT count(*) FROM teams WHERE starts_with(team_id, ?)", intruder.userId()))
                .as("teams created for %s", intruder.userId()).isZero();
        assertThat(Keygate.identityProvider().requests(ATTACKER_JWKS) + Keygate.identityProvider().requests(ATTACKER_X5U))
                .as("requests Keygate made to the attacker's key URLs").isZero();
    }

    /**
     * The control: the intruder's claims, signed by the issuer, get in; without the admin scope the
     * token signs in as a user, created on first sight.
     */
    @Test
    void theSameClaimsSignedByTheIssuerGetIn200(Scratch scratch) {
        Intruder intruder = new Intruder(scratch.name("intruder"), Keygate.identityProvider());

        Keygate.api().get("/user/available_roles", Credential.bearer(intruder.signed(c -> { }))).assertStatus(200);
        Keygate.api().get("/user/available_roles", Credential.bearer(intruder.signed(c -> c.unsetClaim("scope"))))
                .assertStatus(200);

        assertThat(Keygate.db().count("SELECT count(*) FROM users WHERE user_id = ?", intruder.userId()))
                .as("users created for %s", intruder.userId()).isOne();
    }

    /**
     * A 1 MB token is refused by Jetty before Keygate sees it (431: the request head is over 16 KiB);
     * Keygate's own limit (16 KiB, refused before parsing) stands behind it.
     */
    @Test
    void aOneMegabyteTokenIs431AndChangesNothing(Scratch scratch) {
        String huge = "eyJhbGciOiJSUzI1NiJ9." + "A".repeat(1 << 20) + ".c2ln";
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = sendLarge(Credential.bearer(huge), scratch.name("huge"));

        response.assertError(431);
        before.assertUnchangedBy(response);
    }

    /**
     * Jetty answers 431 and closes while the rest of the head is still arriving; the reset that
     * follows can lose the answer before the client reads it (a TCP race, not a missing answer), so
     * a lost answer is asked for again, twice at most.
     */
    private static Response sendLarge(Credential credential, String alias) {
        UncheckedIOException lost = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return Keygate.api().post("/key/generate", Map.of("key_alias", alias), credential);
            } catch (UncheckedIOException e) {
                lost = e;
            }
        }
        throw lost;
    }

    private static NumericDate secondsFromNow(int seconds) {
        NumericDate date = NumericDate.now();
        date.addSeconds(seconds);
        return date;
    }

    private static PublicJsonWebKey rsaKey(String kid) {
        PublicJsonWebKey key = TestRsaKeys.next();
        key.setKeyId(kid);
        return key;
    }
}
