package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a token caller is, beyond the matrices: the admin scope, not the stored role, makes a proxy
 * admin; a token has no key record for the routes that default to the caller's key; a new user's
 * first sign-ins at once create one user; and a verified token's caller is forgotten the moment its
 * user changes, like a key's.
 */
@BehaviorTest
class JwtSignInTest {

    @Test
    void theAdminScopeMakesAProxyAdminOfAPlainUser200() {
        IssuerKeys keys = Keygate.identityProvider().keys(TestIssuer.A);
        JwtClaims claims = keys.claims();
        claims.setSubject(World.BYSTANDER);
        String plain = keys.sign(claims);
        claims.setClaim("scope", List.of("openid", "litellm_proxy_admin"));
        claims.setGeneratedJwtId();
        String admin = keys.sign(claims);

        Keygate.api().get("/team/info?team_id=" + World.TEAM_BETA, Credential.bearer(plain)).assertError(403);
        Keygate.api().get("/team/info?team_id=" + World.TEAM_BETA, Credential.bearer(admin)).assertStatus(200);
    }

    /** The issuer's word, however odd: an exp past any date (1e300 is read as Long.MAX_VALUE) is no 500. */
    @Test
    void anExpiryPastAnyDateSignsIn200() {
        IssuerKeys keys = Keygate.identityProvider().keys(TestIssuer.A);
        for (Object exp : List.of(1e300, Long.MAX_VALUE)) {
            JwtClaims claims = keys.claims();
            claims.setSubject(World.BYSTANDER);
            claims.setClaim("exp", exp);

            Keygate.api().get("/user/available_roles", Credential.bearer(keys.sign(claims))).assertStatus(200);
        }
    }

    @ParameterizedTest(name = "{0} reads its own key info without naming one -> 400")
    @EnumSource(JwtActor.class)
    void aTokenHasNoKeyRecord400(JwtActor actor) {
        Keygate.api().ownKeyInfo(actor.credential()).assertError(400);
    }

    /** As for the master key: no key record to check, and authentication passed. */
    @ParameterizedTest(name = "{0} checks its key health -> 200")
    @EnumSource(JwtActor.class)
    void aTokenIsHealthy200(JwtActor actor) {
        Response response = Keygate.api().post("/key/health", Map.of(), actor.credential());

        response.assertStatus(200);
    }

    /** Two first sign-ins of a new user at once (two tokens, neither remembered yet) create one user. */
    @Test
    void twoFirstSignInsAtOnceCreateOneUser(Scratch scratch) {
        IssuerKeys keys = Keygate.identityProvider().keys(TestIssuer.A);
        try (Race race = new Race()) {
            for (int round = 0; round < 5; round++) {
                String userId = scratch.name("newcomer" + round);
                Supplier<Response> signIn = () -> {
                    JwtClaims claims = keys.claims();
                    claims.setSubject(userId);
                    claims.setClaim("email", userId + "@example.test");
                    return Keygate.api().get("/user/available_roles", Credential.bearer(keys.sign(claims)));
                };

                race.run(signIn, signIn).forEach(response -> response.assertStatus(200));

                assertThat(Keygate.db().count("SELECT count(*) FROM users WHERE user_id = ? AND user_email = ?", userId,
                        userId + "@example.test")).as("users %s", userId).isOne();
                assertThat(Keygate.db().count("SELECT count(*) FROM audit_log WHERE object_id = ? AND action = 'user.new'",
                        userId)).as("user.new audit rows of %s", userId).isOne();
            }
        }
    }

    /** A user's token acts with the user's memberships as they are now, not as when it was first verified. */
    @Test
    void aCachedTokenCallerIsForgottenWhenItsUserChanges(Scratch scratch) {
        String userId = scratch.name("member");
        String teamId = scratch.name("team");
        scratch.insertUser(userId);
        scratch.insertTeam(teamId, World.ORG_A);
        IssuerKeys keys = Keygate.identityProvider().keys(TestIssuer.A);
        JwtClaims claims = keys.claims();
        claims.setSubject(userId);
        Credential token = Credential.bearer(keys.sign(claims));
        Keygate.api().get("/team/info?team_id=" + teamId, token).assertError(403);

        Keygate.api().post("/team/member_add", Map.of("team_id", teamId, "member", Map.of("user_id", userId, "role", "user")),
                Actor.PROXY_ADMIN.credential()).assertStatus(200);

        Keygate.api().get("/team/info?team_id=" + teamId, token).assertStatus(200);
    }
}
