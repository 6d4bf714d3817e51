package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The roles and key types that are not world actors: viewers read and never write; an
 * {@code llm_api} key calls no management route; a {@code read_only} key only reads. Each case
 * runs as a scratch caller made for it; every write it is denied leaves the target untouched.
 */
@BehaviorTest
class ViewerAndKeyTypeTest {

    /** Who calls: a user role or a key type, on a fresh scratch user with a fresh personal key. */
    enum Caller {
        PROXY_ADMIN_VIEWER("proxy_admin_viewer", "default"),
        INTERNAL_USER_VIEWER("internal_user_viewer", "default"),
        LLM_API_KEY_OF_A_PROXY_ADMIN("proxy_admin", "llm_api"),
        READ_ONLY_KEY_OF_A_PROXY_ADMIN("proxy_admin", "read_only"),
        MANAGEMENT_KEY_OF_AN_INTERNAL_USER("internal_user", "management");

        final String role;
        final String keyType;

        Caller(String role, String keyType) {
            this.role = role;
            this.keyType = keyType;
        }
    }

    /** What it tries: read its own key, read another org's key, list teams, change its own key, delete another's. */
    enum Attempt { READ_OWN_KEY, READ_CROSS_ORG_KEY, LIST_TEAMS, UPDATE_OWN_KEY, DELETE_CROSS_ORG_KEY }

    record Case(Caller caller, Attempt attempt, int expected) {
        @Override
        public String toString() {
            return caller + " " + attempt.name().toLowerCase().replace('_', ' ') + " -> " + expected;
        }
    }

    static Stream<Case> cases() {
        int[][] table = {
                //                                   read own  read cross  list teams  update own  delete cross
                /* PROXY_ADMIN_VIEWER */            {200,      200,        200,        403,        403},
                /* INTERNAL_USER_VIEWER */          {200,      403,        200,        403,        403},
                /* LLM_API_KEY_OF_A_PROXY_ADMIN */  {403,      403,        403,        403,        403},
                /* READ_ONLY_KEY_OF_A_PROXY_ADMIN */{200,      200,        200,        403,        403},
                /* MANAGEMENT_KEY_OF_AN_INTERNAL_USER */ {200, 403,        200,        200,        403},
        };
        return Stream.of(Caller.values()).flatMap(caller -> Stream.of(Attempt.values())
                .map(attempt -> new Case(caller, attempt, table[caller.ordinal()][attempt.ordinal()])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void callerAttempt(Case c, Scratch scratch) {
        String userId = scratch.name("caller");
        scratch.insertUser(userId);
        Keygate.db().update("UPDATE users SET user_role = ? WHERE user_id = ?", c.caller().role, userId);
        ScratchKey own = scratch.insertKey(new KeyShape(userId, null, null));
        Keygate.db().update("UPDATE keys SET key_type = ? WHERE token = ?", c.caller().keyType, own.token());
        ScratchKey cross = scratch.insertKey(Actor.CROSS_ORG_USER.keyShape());
        String ownBefore = snapshot(own.token());
        String crossBefore = snapshot(cross.token());

        Response response = switch (c.attempt()) {
            case READ_OWN_KEY -> Keygate.api().ownKeyInfo(own.credential());
            case READ_CROSS_ORG_KEY -> Keygate.api().keyInfo(cross.token(), own.credential());
            case LIST_TEAMS -> Keygate.api().get("/team/list", own.credential());
            case UPDATE_OWN_KEY -> Keygate.api().post("/key/update",
                    Map.of("key", own.token(), "metadata", Map.of("by", "self")), own.credential());
            case DELETE_CROSS_ORG_KEY -> Keygate.api().post("/key/delete",
                    Map.of("keys", java.util.List.of(cross.token())), own.credential());
        };

        if (c.expected() == 200) {
            response.assertStatus(200);
        } else {
            response.assertError(c.expected());
            assertThat(snapshot(own.token())).as("the caller's own key").isEqualTo(ownBefore);
            assertThat(snapshot(cross.token())).as("the other organization's key").isEqualTo(crossBefore);
        }
    }

    private static String snapshot(String token) {
        return String.valueOf(Keygate.db().row("SELECT k::text AS row FROM keys k WHERE token = ?", token)
                .map(row -> row.get("row")).orElse(null));
    }
}
