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

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.KeyChecks.WriteTarget;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /key/delete} over every kind of target (DeleteKeyMatrixTest pins the original three
 * columns): the gradient of update, except that an owner always deletes their own key, in a team or
 * not, although no world team grants {@code /key/delete} to its members: OWNER, UNRELATED_SAME_ORG
 * and CROSS_ORG_USER on OWN, OWNER on SAME_TEAM (OWNER's key shape) and CROSS_ORG_USER on OTHER_ORG
 * (theirs). UNRELATED_SAME_ORG on SAME_TEAM is the control: a teammate's key stays a 403.
 */
@BehaviorTest
class KeyDeleteAllTargetsMatrixTest {

    static final Matrix<WriteTarget> EXPECTED = Matrix.of("POST /key/delete (all targets)", "%s deletes %s key (all targets)", WriteTarget.values())
            //                        OWN  SAME_TEAM SAME_ORG OTHER_ORG MISSING
            .row(PROXY_ADMIN,        200, 200,      200,     200,      404)
            .row(ORG_ADMIN,          200, 200,      200,     403,      404)
            .row(TEAM_ADMIN,         200, 200,      403,     403,      404)
            .row(INTERNAL_USER,      200, 403,      403,     403,      404)
            .row(OWNER,              200, 200,      403,     403,      404)
            .row(UNRELATED_SAME_ORG, 200, 403,      403,     403,      404)
            .row(CROSS_ORG_USER,     200, 403,      403,     200,      404)
            .row(SERVICE_ACCOUNT,    403, 403,      403,     403,      404);

    static Stream<Cell<WriteTarget>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void delete(Cell<WriteTarget> cell, Scratch scratch) {
        ScratchKey target = cell.target().insert(cell.actor(), scratch);
        KeyChecks.Snapshot before = KeyChecks.snapshot(target.token());

        Response response = Keygate.api().post("/key/delete", Map.of("keys", List.of(target.cleartext())), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            Iterable<JsonNode> deleted = response.body().path("deleted_keys");
            assertThat(deleted).as("deleted_keys of %s", response).extracting(JsonNode::asText).containsExactly(target.token());
            assertThat(KeyChecks.keyRows(target.token())).as("rows left for the deleted key").isZero();
            // A key has nothing hanging off it but grace tokens of an earlier rotation.
            assertThat(Keygate.db().count("SELECT count(*) FROM key_grace_tokens WHERE key_token = ?", target.token()))
                    .as("grace tokens left").isZero();
            KeyChecks.selfInfo(target).assertError(401);
            KeyChecks.assertAudited("key.delete", target.token(), target.cleartext(), target.token());
        } else {
            response.assertErrorEnvelope();
            KeyChecks.assertUntouched(target, before);
            if (cell.target() != WriteTarget.MISSING) {
                KeyChecks.selfInfo(target).assertStatus(200);
            }
        }
    }
}
