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
import dev.keygate.behavior.Scratch.ScratchKey;
import dev.keygate.behavior.TeamFixture.Snapshot;
import dev.keygate.behavior.TeamFixture.Target;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may delete a team: {@code POST /team/delete}. A team comes from above (its organization), so
 * its own admin may not delete it. Each built team holds a scratch key to watch the cascade.
 */
@BehaviorTest
class TeamDeleteMatrixTest {

    static final Matrix<Target> EXPECTED = Matrix.of("POST /team/delete", "%s deletes %s",
                    OWN_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
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
    void deleteTeam(Cell<Target> cell, Scratch scratch) {
        TeamFixture.Built built = cell.target().build(scratch, true);
        String teamId = built.teamId();
        ScratchKey key = built.key();
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/delete", Map.of("team_ids", List.of(teamId)), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            Iterable<JsonNode> deleted = response.body().path("deleted_teams");
            assertThat(deleted).as("deleted_teams of %s", response).extracting(JsonNode::asText).containsExactly(teamId);
            assertThat(Keygate.db().count("SELECT count(*) FROM teams WHERE team_id = ?", teamId)).as("team rows left").isZero();
            assertThat(TeamFixture.membershipRows(teamId)).as("memberships left").isZero();
            assertThat(TeamFixture.keyRows(teamId)).as("keys left in the deleted team").isZero();
            Keygate.api().ownKeyInfo(key.credential()).assertError(401);
            TeamFixture.assertAudited(before, "team.delete", teamId);
            TeamFixture.assertNoSecretsAudited(before, key);
        } else {
            TeamFixture.assertUnchanged(response, cell.expected(), teamId, before);
            if (key != null) {
                Keygate.api().ownKeyInfo(key.credential()).assertStatus(200);
            }
        }
    }
}
