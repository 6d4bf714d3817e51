package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.KeyChecks.WriteTarget;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may rotate which key, in both of LiteLLM's forms: the key in the body
 * ({@code POST /key/regenerate}) and in the path ({@code POST /key/{key}/regenerate}). One table
 * each, the same statuses: the form must not change the decision.
 */
@BehaviorTest
class KeyRegenerateMatrixTest {

    static final Matrix<WriteTarget> IN_BODY = Matrix.of("POST /key/regenerate", "%s regenerates %s key", WriteTarget.values())
            //                        OWN  SAME_TEAM SAME_ORG OTHER_ORG MISSING
            .row(PROXY_ADMIN,        200, 200,      200,     200,      404)
            .row(ORG_ADMIN,          200, 200,      200,     403,      404)
            .row(TEAM_ADMIN,         200, 200,      403,     403,      404)
            .row(INTERNAL_USER,      200, 403,      403,     403,      404)
            .row(OWNER,              403, 403,      403,     403,      404)
            .row(UNRELATED_SAME_ORG, 403, 403,      403,     403,      404)
            .row(CROSS_ORG_USER,     403, 403,      403,     403,      404)
            .row(SERVICE_ACCOUNT,    403, 403,      403,     403,      404);

    static final Matrix<WriteTarget> IN_PATH = Matrix.of("POST /key/{key}/regenerate", "%s regenerates %s key by path", WriteTarget.values())
            //                        OWN  SAME_TEAM SAME_ORG OTHER_ORG MISSING
            .row(PROXY_ADMIN,        200, 200,      200,     200,      404)
            .row(ORG_ADMIN,          200, 200,      200,     403,      404)
            .row(TEAM_ADMIN,         200, 200,      403,     403,      404)
            .row(INTERNAL_USER,      200, 403,      403,     403,      404)
            .row(OWNER,              403, 403,      403,     403,      404)
            .row(UNRELATED_SAME_ORG, 403, 403,      403,     403,      404)
            .row(CROSS_ORG_USER,     403, 403,      403,     403,      404)
            .row(SERVICE_ACCOUNT,    403, 403,      403,     403,      404);

    static Stream<Cell<WriteTarget>> inBody() {
        return IN_BODY.cells();
    }

    static Stream<Cell<WriteTarget>> inPath() {
        return IN_PATH.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inBody")
    void regenerateByBody(Cell<WriteTarget> cell, Scratch scratch) {
        ScratchKey target = cell.target().insert(cell.actor(), scratch);
        check(cell, target, () -> Keygate.api().post("/key/regenerate", Map.of("key", target.cleartext()), cell.credential()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inPath")
    void regenerateByPath(Cell<WriteTarget> cell, Scratch scratch) {
        ScratchKey target = cell.target().insert(cell.actor(), scratch);
        check(cell, target, () -> Keygate.api().post("/key/" + target.token() + "/regenerate", Map.of(), cell.credential()));
    }

    private static void check(Cell<WriteTarget> cell, ScratchKey target, java.util.function.Supplier<Response> call) {
        KeyChecks.Snapshot before = KeyChecks.snapshot(target.token());

        Response response = call.get();

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertRotated(target, response);
        } else {
            response.assertErrorEnvelope();
            KeyChecks.assertUntouched(target, before);
            if (cell.target() != WriteTarget.MISSING) {
                KeyChecks.selfInfo(target).assertStatus(200);
            }
        }
    }

    /** The row now answers to a new key only: same alias, new token; the old key is dead at once. */
    static void assertRotated(ScratchKey old, Response response) {
        String newKey = response.body().path("key").asText();
        String newToken = response.body().path("token").asText();
        assertThat(newKey).as("new cleartext in %s", response).startsWith("sk-").isNotEqualTo(old.cleartext());
        assertThat(newToken).as("new token in %s", response).isEqualTo(Keys.token(newKey));
        assertThat(response.raw()).as("response body").doesNotContain(old.cleartext());

        KeyChecks.selfInfo(old).assertError(401);
        Keygate.api().ownKeyInfo(Credential.bearer(newKey)).assertStatus(200);

        // The same row under its new token: nothing left under the old one.
        Map<String, Object> stored = Keygate.db().row("""
                SELECT (SELECT count(*) FROM keys WHERE token = ?) AS old_rows,
                       (SELECT key_alias FROM keys WHERE token = ?) AS new_alias""", old.token(), newToken).orElseThrow();
        assertThat(stored).as("keys under the old and the new token").containsEntry("old_rows", 0L).containsEntry("new_alias", old.alias());
        KeyChecks.assertAudited("key.regenerate", newToken, old.cleartext(), old.token(), newKey, newToken);
    }
}
