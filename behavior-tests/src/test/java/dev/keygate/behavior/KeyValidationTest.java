package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input to /key/generate is refused with the right status and the offending field named, and
 * nothing is stored. Callers here are allowed to generate: only the input is wrong.
 */
@BehaviorTest
class KeyValidationTest {

    private static Response generate(Map<String, Object> body) {
        return Keygate.api().post("/key/generate", body, Actor.PROXY_ADMIN.credential());
    }

    private static void assertRejected(Response response, int status, String param, String alias) {
        response.assertError(status);
        assertThat(response.body().path("error").path("param").asText()).isEqualTo(param);
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE key_alias = ?", alias)).isZero();
    }

    @Test
    void teamKeyForANonMemberIs400(Scratch scratch) {
        String alias = scratch.name("k");
        assertRejected(generate(Map.of("key_alias", alias, "team_id", World.TEAM_BETA, "user_id", World.BYSTANDER)),
                400, "user_id", alias);
    }

    @Test
    void organizationKeyForANonMemberIs400(Scratch scratch) {
        String alias = scratch.name("k");
        assertRejected(generate(Map.of("key_alias", alias, "organization_id", World.ORG_B, "user_id", World.BYSTANDER)),
                400, "user_id", alias);
    }

    @Test
    void customKeyWithoutSkPrefixIs400(Scratch scratch) {
        String alias = scratch.name("k");
        assertRejected(generate(Map.of("key_alias", alias, "key", "my-own-key-1234")), 400, "key", alias);
    }

    @Test
    void malformedDurationIs400(Scratch scratch) {
        String alias = scratch.name("k");
        assertRejected(generate(Map.of("key_alias", alias, "duration", "soon")), 400, "duration", alias);
    }

    @Test
    void duplicateAliasIs400AndTheFirstKeyStays(Scratch scratch) {
        String alias = scratch.name("k");
        generate(Map.of("key_alias", alias)).assertStatus(200);
        generate(Map.of("key_alias", alias)).assertError(400);
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE key_alias = ?", alias)).isOne();
    }

    @Test
    void negativeBudgetIs422NamingTheField(Scratch scratch) {
        String alias = scratch.name("k");
        assertRejected(generate(Map.of("key_alias", alias, "max_budget", -1)), 422, "max_budget", alias);
    }

    @Test
    void unknownFieldIs422NamingIt(Scratch scratch) {
        String alias = scratch.name("k");
        assertRejected(generate(Map.of("key_alias", alias, "max_budjet", 5)), 422, "max_budjet", alias);
    }

    @Test
    void wrongTypeIs422NamingTheField(Scratch scratch) {
        String alias = scratch.name("k");
        assertRejected(generate(Map.of("key_alias", alias, "models", "gpt-4o")), 422, "models", alias);
    }

    @Test
    void unknownKeyTypeIs422(Scratch scratch) {
        String alias = scratch.name("k");
        assertRejected(generate(Map.of("key_alias", alias, "key_type", "superuser", "tags", List.of())), 422,
                "key_type", alias);
    }
}
