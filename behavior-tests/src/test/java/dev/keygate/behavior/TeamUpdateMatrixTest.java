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
import dev.keygate.behavior.TeamFixture.Snapshot;
import dev.keygate.behavior.TeamFixture.Target;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may change a team: {@code POST /team/update}. Plain fields (metadata) are the team admin's;
 * limits (max_budget) come from above, so a team admin may not touch them.
 */
@BehaviorTest
class TeamUpdateMatrixTest {

    static final Matrix<Target> PLAIN = Matrix.of("POST /team/update", "%s updates %s metadata",
                    OWN_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         200, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static final Matrix<Target> LIMITS = Matrix.of("POST /team/update (limits)", "%s sets %s max_budget",
                    OWN_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static Stream<Cell<Target>> plainCells() {
        return PLAIN.cells();
    }

    static Stream<Cell<Target>> limitsCells() {
        return LIMITS.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainCells")
    void updateMetadata(Cell<Target> cell, Scratch scratch) {
        String teamId = cell.target().build(scratch);
        String touched = scratch.name("touched");
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/update",
                Map.of("team_id", teamId, "metadata", Map.of("touched", touched)), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("metadata").path("touched").asText()).as("metadata of %s", response)
                    .isEqualTo(touched);
            assertThat(Keygate.db().row("SELECT metadata->>'touched' AS touched FROM teams WHERE team_id = ?", teamId)
                    .orElseThrow().get("touched")).as("stored metadata.touched").isEqualTo(touched);
            TeamFixture.assertAudited(before, "team.update", teamId);
        } else {
            TeamFixture.assertUnchanged(response, cell.expected(), teamId, before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limitsCells")
    void updateMaxBudget(Cell<Target> cell, Scratch scratch) {
        String teamId = cell.target().build(scratch);
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/update", Map.of("team_id", teamId, "max_budget", 5),
                cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("max_budget").decimalValue()).as("max_budget of %s", response)
                    .isEqualByComparingTo("5");
            assertThat((BigDecimal) Keygate.db().row("SELECT max_budget FROM teams WHERE team_id = ?", teamId)
                    .orElseThrow().get("max_budget")).as("stored max_budget").isEqualByComparingTo("5");
            TeamFixture.assertAudited(before, "team.update", teamId);
        } else {
            TeamFixture.assertUnchanged(response, cell.expected(), teamId, before);
        }
    }
}
