package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a plain user may do to their own user record, with their own personal key: change
 * {@code user_alias} (and email, metadata), read themselves; never their role or budget, which are
 * a proxy admin's. Each test has its own scratch user.
 */
@BehaviorTest
class UserSelfServiceTest {

    /** A scratch internal user and their personal key (no team, no organization). */
    private record Self(String userId, ScratchKey key) {
        static Self create(Scratch scratch) {
            String userId = OrgUserFixtures.user(scratch, "self", List.of(), List.of());
            return new Self(userId, scratch.insertKey(new KeyShape(userId, null, null)));
        }
    }

    @Test
    void userUpdatesOwnAlias200(Scratch scratch) {
        Self self = Self.create(scratch);
        String alias = scratch.name("my_alias");

        Response response = Keygate.api().post("/user/update", Map.of("user_id", self.userId(), "user_alias", alias),
                self.key().credential()).assertStatus(200);

        assertThat(response.body().path("user_alias").asText()).as("user_alias of %s", response).isEqualTo(alias);
        assertThat(stored(self.userId(), "user_alias")).as("stored user_alias").isEqualTo(alias);
        assertThat(OrgUserFixtures.auditRows("user.update", self.userId())).as("user.update audit rows").isOne();
    }

    @Test
    void userCannotChangeOwnRole403(Scratch scratch) {
        Self self = Self.create(scratch);

        assertDeniedAndUnchanged(self, Map.of("user_id", self.userId(), "user_role", "proxy_admin"));
        assertThat(stored(self.userId(), "user_role")).as("stored user_role").isEqualTo("internal_user");
    }

    @Test
    void userCannotRaiseOwnBudget403(Scratch scratch) {
        Self self = Self.create(scratch);

        assertDeniedAndUnchanged(self, Map.of("user_id", self.userId(), "max_budget", 5));
        assertThat(stored(self.userId(), "max_budget")).as("stored max_budget").isNull();
    }

    /** Their budget's period is a proxy admin's too: 403 before the value is even read ("soon" is no duration). */
    @Test
    void userCannotSetOwnBudgetDuration403(Scratch scratch) {
        Self self = Self.create(scratch);

        assertDeniedAndUnchanged(self, Map.of("user_id", self.userId(), "budget_duration", "1d"));
        assertDeniedAndUnchanged(self, Map.of("user_id", self.userId(), "budget_duration", "soon"));
        assertThat(stored(self.userId(), "budget_duration")).as("stored budget_duration").isNull();
        assertThat(stored(self.userId(), "budget_reset_at")).as("stored budget_reset_at").isNull();
    }

    @Test
    void userReadsOwnInfoWithOwnKey200(Scratch scratch) {
        Self self = Self.create(scratch);

        Response response = Keygate.api().get("/user/info", self.key().credential()).assertStatus(200);

        assertThat(response.body().path("user_id").asText()).as("user_id of %s", response).isEqualTo(self.userId());
        assertThat(tokens(response.body().path("keys"))).as("keys of %s", response).containsExactly(self.key().token());
        assertThat(response.raw()).as("user info body").doesNotContain(self.key().cleartext());
    }

    private static void assertDeniedAndUnchanged(Self self, Map<String, Object> body) {
        String before = OrgUserFixtures.userState(self.userId());

        Response response = Keygate.api().post("/user/update", body, self.key().credential());

        response.assertError(403);
        assertThat(OrgUserFixtures.userState(self.userId())).as("user rows and audit count after %s", response)
                .isEqualTo(before);
    }

    /** {@code keys} holds key objects (or, in a bare listing, tokens): their tokens. */
    private static List<String> tokens(JsonNode keys) {
        List<String> tokens = new ArrayList<>();
        keys.forEach(key -> tokens.add(key.isTextual() ? key.asText() : key.path("token").asText()));
        return tokens;
    }

    private static Object stored(String userId, String column) {
        return Keygate.db().row("SELECT " + column + " FROM users WHERE user_id = ?", userId).orElseThrow().get(column);
    }
}
