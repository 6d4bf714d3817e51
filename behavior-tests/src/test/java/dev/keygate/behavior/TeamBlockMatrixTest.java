package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static dev.keygate.behavior.TeamFixture.Target.MISSING;
import static dev.keygate.behavior.TeamFixture.Target.OTHER_ORG;
import static dev.keygate.behavior.TeamFixture.Target.OWN_TEAM;
import static dev.keygate.behavior.TeamFixture.Target.SAME_ORG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.Scratch.ScratchKey;
import dev.keygate.behavior.TeamFixture.Snapshot;
import dev.keygate.behavior.TeamFixture.Target;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may block and unblock a team: {@code POST /team/block}, {@code POST /team/unblock}. Blocking
 * switches off every key of the team, so it is the organization's call, not the team admin's. Each
 * built team holds a scratch key that shows whether the team's keys authenticate.
 */
@BehaviorTest
class TeamBlockMatrixTest {

    static final Matrix<Target> BLOCK = Matrix.of("POST /team/block", "%s blocks %s",
                    OWN_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static final Matrix<Target> UNBLOCK = Matrix.of("POST /team/unblock", "%s unblocks %s",
                    OWN_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static Stream<Cell<Target>> blockCells() {
        return BLOCK.cells();
    }

    static Stream<Cell<Target>> unblockCells() {
        return UNBLOCK.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockCells")
    void blockTeam(Cell<Target> cell, Scratch scratch) {
        TeamFixture.Built built = cell.target().build(scratch, true);
        String teamId = built.teamId();
        ScratchKey key = built.key();
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/block", Map.of("team_id", teamId), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("blocked").asBoolean()).as("blocked in %s", response).isTrue();
            assertThat(blocked(teamId)).as("stored blocked").isTrue();
            Keygate.api().ownKeyInfo(key.credential()).assertError(401);
            TeamFixture.assertAudited(before, "team.block", teamId);
        } else {
            TeamFixture.assertUnchanged(response, cell.expected(), teamId, before);
            if (key != null) {
                Keygate.api().ownKeyInfo(key.credential()).assertStatus(200);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unblockCells")
    void unblockTeam(Cell<Target> cell, Scratch scratch) {
        TeamFixture.Built built = cell.target().build(scratch, true);
        String teamId = built.teamId();
        ScratchKey key = built.key();
        Keygate.db().update("UPDATE teams SET blocked = true WHERE team_id = ?", teamId);
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/unblock", Map.of("team_id", teamId), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("blocked").asBoolean(true)).as("blocked in %s", response).isFalse();
            assertThat(blocked(teamId)).as("stored blocked").isFalse();
            Keygate.api().ownKeyInfo(key.credential()).assertStatus(200);
            TeamFixture.assertAudited(before, "team.unblock", teamId);
        } else {
            TeamFixture.assertUnchanged(response, cell.expected(), teamId, before);
            if (key != null) {
                Keygate.api().ownKeyInfo(key.credential()).assertError(401);
            }
        }
    }

    private static boolean blocked(String teamId) {
        return (Boolean) Keygate.db().row("SELECT blocked FROM teams WHERE team_id = ?", teamId).orElseThrow().get("blocked");
    }
}
