package dev.keygate.behavior;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code /key/verify} with a token: valid, no key, the user it signs in as (with the role it gets),
 * and the team it acts for. Asked both ways a caller verifies what it presents: {@code GET}, and
 * {@code POST} without a key in the body.
 */
@BehaviorTest
class JwtVerifyTest {

    enum Case {
        ADMIN_SCOPE(JwtActor.JWT_ADMIN_SCOPE, VerifyAnswers.user("w_proxy_admin", "proxy_admin"), null),
        USER(JwtActor.JWT_USER, VerifyAnswers.user("w_internal_user", "internal_user"), null),
        ORG_ADMIN(JwtActor.JWT_ORG_ADMIN, VerifyAnswers.user("w_org_admin", "internal_user"), null),
        TEAM(JwtActor.JWT_TEAM, null, tokenTeam(World.TEAM_ALPHA)),
        MULTI_TEAM_HEADER(JwtActor.JWT_MULTI_TEAM_HEADER, null, tokenTeam(World.TEAM_ALPHA)),
        MULTI_TEAM(JwtActor.JWT_MULTI_TEAM, null, tokenTeam(World.TEAM_ALPHA));

        final JwtActor actor;
        final ObjectNode expected;

        Case(JwtActor actor, ObjectNode user, ObjectNode team) {
            this.actor = actor;
            this.expected = VerifyAnswers.answer("VALID", null, user, team);
        }
    }

    @ParameterizedTest(name = "GET /key/verify with {0}''s token -> 200")
    @EnumSource(Case.class)
    void getVerifiesTheToken(Case c) {
        VerifyAnswers.assertAnswer(Keygate.api().verify(c.actor.credential()), c.expected);
    }

    @ParameterizedTest(name = "POST /key/verify without a key, with {0}''s token -> 200")
    @EnumSource(Case.class)
    void postWithoutAKeyVerifiesTheToken(Case c) {
        VerifyAnswers.assertAnswer(Keygate.api().post("/key/verify", Map.of(), c.actor.credential()), c.expected);
    }

    /** A token is not a key: named in the body, it is a key Keygate does not have. */
    @ParameterizedTest(name = "POST /key/verify naming {0}''s token in the body -> NOT_FOUND")
    @EnumSource(Case.class)
    void aTokenNamedInTheBodyIsNoKey(Case c) {
        String token = c.actor.credential().headers().get("Authorization").substring("Bearer ".length());

        VerifyAnswers.assertAnswer(Keygate.api().verifyByBody(token, VerifyAnswers.MASTER), VerifyAnswers.notFound());
    }

    /** A token names the team it acts for; the answer says only that the team is not blocked. */
    private static ObjectNode tokenTeam(String teamId) {
        return VerifyAnswers.set(VerifyAnswers.team(teamId, false), "models", null);
    }
}
