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
 * Who may block and unblock which key. Admins only: an owner, even of a personal key
 * (INTERNAL_USER), may do neither, or they could lift a block an admin put on their key.
 */
@BehaviorTest
class KeyBlockMatrixTest {

    static final Matrix<WriteTarget> BLOCK = Matrix.of("POST /key/block", "%s blocks %s key", WriteTarget.values())
            //                        OWN  SAME_TEAM SAME_ORG OTHER_ORG MISSING
            .row(PROXY_ADMIN,        200, 200,      200,     200,      404)
            .row(ORG_ADMIN,          200, 200,      200,     403,      404)
            .row(TEAM_ADMIN,         200, 200,      403,     403,      404)
            .row(INTERNAL_USER,      403, 403,      403,     403,      404)
            .row(OWNER,              403, 403,      403,     403,      404)
            .row(UNRELATED_SAME_ORG, 403, 403,      403,     403,      404)
            .row(CROSS_ORG_USER,     403, 403,      403,     403,      404)
            .row(SERVICE_ACCOUNT,    403, 403,      403,     403,      404);

    static final Matrix<WriteTarget> UNBLOCK = Matrix.of("POST /key/unblock", "%s unblocks %s key", WriteTarget.values())
            //                        OWN  SAME_TEAM SAME_ORG OTHER_ORG MISSING
            .row(PROXY_ADMIN,        200, 200,      200,     200,      404)
            .row(ORG_ADMIN,          200, 200,      200,     403,      404)
            .row(TEAM_ADMIN,         200, 200,      403,     403,      404)
            .row(INTERNAL_USER,      403, 403,      403,     403,      404)
            .row(OWNER,              403, 403,      403,     403,      404)
            .row(UNRELATED_SAME_ORG, 403, 403,      403,     403,      404)
            .row(CROSS_ORG_USER,     403, 403,      403,     403,      404)
            .row(SERVICE_ACCOUNT,    403, 403,      403,     403,      404);

    /** What the key's own GET /key/info answers while it works, and while it is blocked. */
    private static final int WORKING = 200;
    private static final int BLOCKED = 401;

    static Stream<Cell<WriteTarget>> blockCells() {
        return BLOCK.cells();
    }

    static Stream<Cell<WriteTarget>> unblockCells() {
        return UNBLOCK.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockCells")
    void block(Cell<WriteTarget> cell, Scratch scratch) {
        ScratchKey target = cell.target().insert(cell.actor(), scratch);
        check(cell, target, "/key/block", true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unblockCells")
    void unblock(Cell<WriteTarget> cell, Scratch scratch) {
        ScratchKey target = cell.target().insert(cell.actor(), scratch);
        if (cell.target() != WriteTarget.MISSING) {
            // Blocked behind the API's back, so the only change under test is the unblock.
            Keygate.db().update("UPDATE keys SET blocked = true WHERE token = ?", target.token());
            KeyChecks.selfInfo(target).assertError(401);
        }
        check(cell, target, "/key/unblock", false);
    }

    /** {@code blocking}: true for /key/block (the key ends blocked), false for /key/unblock. */
    private static void check(Cell<WriteTarget> cell, ScratchKey target, String path, boolean blocking) {
        KeyChecks.Snapshot before = KeyChecks.snapshot(target.token());

        Response response = Keygate.api().post(path, Map.of("key", target.token()), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("token").asText()).as("token of %s", response).isEqualTo(target.token());
            assertThat(response.body().path("blocked").asBoolean(!blocking)).as("blocked in %s", response).isEqualTo(blocking);
            assertThat(KeyChecks.keyColumn(target.token(), "blocked")).as("stored blocked").isEqualTo(blocking);
            KeyChecks.selfInfo(target).assertStatus(blocking ? BLOCKED : WORKING);
            KeyChecks.assertAudited(blocking ? "key.block" : "key.unblock", target.token(), target.cleartext(), target.token());
        } else {
            response.assertErrorEnvelope();
            KeyChecks.assertUntouched(target, before);
            if (cell.target() != WriteTarget.MISSING) {
                // Refused: the key works exactly as before (a refused unblock leaves it blocked).
                KeyChecks.selfInfo(target).assertStatus(blocking ? WORKING : BLOCKED);
            }
        }
    }
}
