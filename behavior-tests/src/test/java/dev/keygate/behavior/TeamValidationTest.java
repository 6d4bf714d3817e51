package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.World.BYSTANDER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.TeamFixture.Snapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Team requests that contradict the data, made by a proxy admin so that authorization is never the
 * reason: a duplicate id or member is 400, a missing user 404, an unknown permission 400. None of
 * them changes anything.
 */
@BehaviorTest
class TeamValidationTest {

    @Test
    void duplicateTeamId400(Scratch scratch) {
        String teamId = scratch.name("team");
        scratch.insertTeam(teamId, World.ORG_A);
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/new", Map.of("team_id", teamId, "organization_id", World.ORG_B),
                PROXY_ADMIN.credential());

        TeamFixture.assertUnchanged(response, 400, teamId, before);
        assertParam(response, "team_id");
    }

    @Test
    void addingAnExistingMember400(Scratch scratch) {
        String teamId = scratch.name("team");
        scratch.insertTeam(teamId, World.ORG_A);
        scratch.insertTeamMember(teamId, BYSTANDER, "user");
        Snapshot before = TeamFixture.snapshot(teamId);
        try {
            Response response = Keygate.api().post("/team/member_add",
                    Map.of("team_id", teamId, "member", Map.of("user_id", BYSTANDER, "role", "admin")), PROXY_ADMIN.credential());

            TeamFixture.assertUnchanged(response, 400, teamId, before, BYSTANDER);
        } finally {
            TeamFixture.deleteMemberAuditSince(before, BYSTANDER);
        }
    }

    /**
     * A user Keygate does not know is created by member_add (MemberAddNewUserTest), once: the same new
     * user listed twice is 400 and the whole request is undone, the user included.
     */
    @Test
    void addingTheSameNewUserTwice400(Scratch scratch) {
        String teamId = scratch.name("team");
        scratch.insertTeam(teamId, World.ORG_A);
        String ghost = scratch.name("ghost");
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/member_add", Map.of("team_id", teamId, "member",
                List.of(Map.of("user_id", ghost, "role", "user"), Map.of("user_id", ghost, "role", "admin"))),
                PROXY_ADMIN.credential());

        TeamFixture.assertUnchanged(response, 400, teamId, before, ghost);
        assertThat(Keygate.db().count("SELECT count(*) FROM users WHERE user_id = ?", ghost)).as("users created").isZero();
    }

    @Test
    void unknownMemberPermission400(Scratch scratch) {
        String teamId = scratch.name("team");
        scratch.insertTeam(teamId, World.ORG_A);
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/permissions_update",
                Map.of("team_id", teamId, "team_member_permissions", List.of("/key/everything")), PROXY_ADMIN.credential());

        TeamFixture.assertUnchanged(response, 400, teamId, before);
        assertParam(response, "team_member_permissions");
        assertThat(TeamPermissionsUpdateMatrixTest.storedPermissions(teamId)).as("stored permissions")
                .containsExactlyInAnyOrder("/key/info", "/key/health");
    }

    private static void assertParam(Response response, String param) {
        assertThat(response.body().path("error").path("param").asText()).as("error.param of %s", response).isEqualTo(param);
    }
}
