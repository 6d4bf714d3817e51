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

import dev.keygate.behavior.Matrix.Cell;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may create a team where: {@code POST /team/new} with a fresh scratch {@code team_id}. */
@BehaviorTest
class TeamCreateMatrixTest {

    /** The organization the new team asks for. */
    enum Target {
        IN_ORG_A, IN_ORG_B, NO_ORG,
        /** An organization id that was never inserted. */
        MISSING_ORG;

        /** The organization_id sent, or null for none. */
        String organizationId(Scratch scratch) {
            return switch (this) {
                case IN_ORG_A -> World.ORG_A;
                case IN_ORG_B -> World.ORG_B;
                case NO_ORG -> null;
                case MISSING_ORG -> scratch.name("missing_org");
            };
        }
    }

    static final Matrix<Target> EXPECTED = Matrix.of("POST /team/new", "%s creates a team %s",
                    Target.IN_ORG_A, Target.IN_ORG_B, Target.NO_ORG, Target.MISSING_ORG)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 403, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void createTeam(Cell<Target> cell, Scratch scratch) {
        String teamId = scratch.name("new_team");
        String organizationId = cell.target().organizationId(scratch);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("team_id", teamId);
        if (organizationId != null) {
            body.put("organization_id", organizationId);
        }
        TeamFixture.Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/new", body, cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("team_id").asText()).as("team_id of %s", response).isEqualTo(teamId);
            Map<String, Object> row = Keygate.db().row("SELECT * FROM teams WHERE team_id = ?", teamId)
                    .orElseThrow(() -> new AssertionError("no teams row after " + response));
            assertThat(row.get("organization_id")).as("stored organization_id").isEqualTo(organizationId);
            TeamFixture.assertAudited(before, "team.new", teamId);
        } else {
            // A refused create leaves no team row (the snapshot was of nothing) and no audit row.
            TeamFixture.assertUnchanged(response, cell.expected(), teamId, before);
        }
    }
}
