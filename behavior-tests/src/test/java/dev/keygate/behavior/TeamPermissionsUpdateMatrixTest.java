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

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.TeamFixture.Snapshot;
import dev.keygate.behavior.TeamFixture.Target;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may change what a team's plain members may do with their own keys:
 * {@code POST /team/permissions_update}. It is the team admin's (and above), like members.
 */
@BehaviorTest
class TeamPermissionsUpdateMatrixTest {

    private static final List<String> GRANTED = List.of("/key/info", "/key/update");

    static final Matrix<Target> EXPECTED = Matrix.of("POST /team/permissions_update", "%s updates %s member permissions",
                    OWN_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         200, 403, 403, 404)
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
    void updatePermissions(Cell<Target> cell, Scratch scratch) {
        String teamId = cell.target().build(scratch);
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/permissions_update",
                Map.of("team_id", teamId, "team_member_permissions", GRANTED), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            Iterable<JsonNode> answered = response.body().path("team_member_permissions");
            assertThat(answered).as("team_member_permissions of %s", response).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrderElementsOf(GRANTED);
            assertThat(storedPermissions(teamId)).as("stored team_member_permissions").containsExactlyInAnyOrderElementsOf(GRANTED);
            TeamFixture.assertAudited(before, "team.permissions_update", teamId);
        } else {
            TeamFixture.assertUnchanged(response, cell.expected(), teamId, before);
        }
    }

    /** As text, split: a JDBC array would outlive the connection Db closes after each query. */
    static List<String> storedPermissions(String teamId) {
        String joined = (String) Keygate.db().row(
                "SELECT array_to_string(team_member_permissions, ',') AS permissions FROM teams WHERE team_id = ?", teamId)
                .orElseThrow().get("permissions");
        return joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }
}
