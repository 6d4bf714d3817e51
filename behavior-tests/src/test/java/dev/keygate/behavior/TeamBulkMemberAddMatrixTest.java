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
import static dev.keygate.behavior.World.BYSTANDER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.TeamFixture.Snapshot;
import dev.keygate.behavior.TeamFixture.Target;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /team/bulk_member_add}: the team (404) and who may manage its members (403, the table of
 * {@code /team/member_add} in TeamMemberMatrixTest) decide the request; then each member is added as
 * member_add adds one, on its own, and reported in LiteLLM's per-member results. Each allowed cell names
 * a newcomer (added) and BYSTANDER, already a member (refused with member_add's 400, the newcomer kept).
 */
@BehaviorTest
class TeamBulkMemberAddMatrixTest {

    static final Matrix<Target> EXPECTED = Matrix.of("POST /team/bulk_member_add", "%s adds members in bulk to %s",
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
    void bulkAdd(Cell<Target> cell, Scratch scratch) {
        String teamId = cell.target().build(scratch);
        String newcomer = scratch.name("newcomer");
        scratch.insertUser(newcomer);
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/bulk_member_add", Map.of("team_id", teamId, "members", List.of(
                        Map.of("user_id", newcomer, "role", "user"), Map.of("user_id", BYSTANDER, "role", "admin"))),
                cell.actor().credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            LiteLlmShapes.assertHasFieldsExcept("POST /team/bulk_member_add", response.body(), java.util.Set.of());
            JsonNode body = response.body();
            assertThat(body.path("total_requested").asInt()).as("total_requested of %s", response).isEqualTo(2);
            assertThat(body.path("successful_additions").asInt()).as("successful_additions of %s", response).isOne();
            assertThat(body.path("failed_additions").asInt()).as("failed_additions of %s", response).isOne();
            JsonNode added = body.path("results").path(0);
            assertThat(added.path("user_id").asText()).isEqualTo(newcomer);
            assertThat(added.path("success").asBoolean()).as("newcomer's result in %s", response).isTrue();
            assertThat(added.path("updated_team_membership").path("user_id").asText()).isEqualTo(newcomer);
            JsonNode refused = body.path("results").path(1);
            assertThat(refused.path("success").asBoolean()).as("BYSTANDER's result in %s", response).isFalse();
            assertThat(refused.path("code").asText()).as("BYSTANDER's code in %s", response).isEqualTo("400");
            assertThat(refused.path("error").asText()).isNotBlank();
            assertThat(TeamFixture.members(body.path("updated_team"))).containsEntry(newcomer, "user")
                    .containsEntry(BYSTANDER, "user");
            assertThat(storedRole(teamId, newcomer)).as("stored membership of the newcomer").isEqualTo("user");
            assertThat(storedRole(teamId, BYSTANDER)).as("BYSTANDER's role, untouched").isEqualTo("user");
            TeamFixture.assertAudited(before, "team.member_add", newcomer);
        } else {
            TeamFixture.assertUnchanged(response, cell.expected(), teamId, before, newcomer, BYSTANDER);
        }
    }

    /** A user Keygate does not know is created as member_add creates one, for a caller who may: not a team admin. */
    @Test
    void teamAdminCannotCreateUsersInBulkButAddsTheOthers(Scratch scratch) {
        String teamId = OWN_TEAM.build(scratch);
        String unknown = scratch.name("unknown");
        String newcomer = scratch.name("newcomer");
        scratch.insertUser(newcomer);

        Response response = Keygate.api().post("/team/bulk_member_add", Map.of("team_id", teamId, "members", List.of(
                Map.of("user_id", unknown, "role", "user"), Map.of("user_id", newcomer, "role", "user"))),
                TEAM_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.body().path("results").path(0).path("code").asText()).isEqualTo("403");
        assertThat(response.body().path("results").path(1).path("success").asBoolean()).isTrue();
        assertThat(Keygate.db().count("SELECT count(*) FROM users WHERE user_id = ?", unknown)).isZero();
        assertThat(storedRole(teamId, newcomer)).isEqualTo("user");
    }

    @Test
    void noMembersIsRefused400(Scratch scratch) {
        String teamId = OWN_TEAM.build(scratch);

        Keygate.api().post("/team/bulk_member_add", Map.of("team_id", teamId, "members", List.of()),
                PROXY_ADMIN.credential()).assertError(400);
    }

    /** LiteLLM's all_users adds every user of the proxy: Keygate does not, and says so rather than ignore it. */
    @Test
    void allUsersIsRefused422(Scratch scratch) {
        String teamId = OWN_TEAM.build(scratch);
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/bulk_member_add", Map.of("team_id", teamId, "all_users", true),
                PROXY_ADMIN.credential());

        TeamFixture.assertUnchanged(response, 422, teamId, before);
        assertThat(response.body().path("error").path("param").asText()).isEqualTo("all_users");
    }

    private static String storedRole(String teamId, String userId) {
        return Keygate.db().row("SELECT role FROM team_memberships WHERE team_id = ? AND user_id = ?", teamId, userId)
                .map(row -> (String) row.get("role")).orElse(null);
    }
}
