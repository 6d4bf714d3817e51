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

import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.Scratch.ScratchKey;
import dev.keygate.behavior.TeamFixture.Snapshot;
import dev.keygate.behavior.TeamFixture.Target;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may manage a team's members: {@code POST /team/member_add}, {@code /team/member_update} and
 * {@code /team/member_delete}. Members are the team admin's (and above); plain members may not
 * touch each other. Updates and deletes act on BYSTANDER, a plain member of every built team.
 */
@BehaviorTest
class TeamMemberMatrixTest {

    static final Matrix<Target> ADD = Matrix.of("POST /team/member_add", "%s adds a member to %s",
                    OWN_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         200, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static final Matrix<Target> UPDATE = Matrix.of("POST /team/member_update", "%s makes BYSTANDER admin of %s",
                    OWN_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         200, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static final Matrix<Target> DELETE = Matrix.of("POST /team/member_delete", "%s removes BYSTANDER from %s",
                    OWN_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         200, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static Stream<Cell<Target>> addCells() {
        return ADD.cells();
    }

    static Stream<Cell<Target>> updateCells() {
        return UPDATE.cells();
    }

    static Stream<Cell<Target>> deleteCells() {
        return DELETE.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addCells")
    void addMember(Cell<Target> cell, Scratch scratch) {
        String teamId = cell.target().build(scratch);
        String newcomer = scratch.name("newcomer");
        scratch.insertUser(newcomer);
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/member_add",
                Map.of("team_id", teamId, "member", Map.of("user_id", newcomer, "role", "user")), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(TeamFixture.members(response.body())).as("members_with_roles of %s", response)
                    .containsEntry(newcomer, "user");
            assertThat(storedRole(teamId, newcomer)).as("stored membership of the newcomer").contains("user");
            TeamFixture.assertAudited(before, "team.member_add", newcomer);
        } else {
            TeamFixture.assertUnchanged(response, cell.expected(), teamId, before, newcomer);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateCells")
    void updateMember(Cell<Target> cell, Scratch scratch) {
        String teamId = cell.target().build(scratch);
        Snapshot before = TeamFixture.snapshot(teamId);
        try {
            Response response = Keygate.api().post("/team/member_update",
                    Map.of("team_id", teamId, "user_id", BYSTANDER, "role", "admin"), cell.credential());

            response.assertStatus(cell.expected());
            if (cell.expected() == 200) {
                assertThat(TeamFixture.members(response.body())).as("members_with_roles of %s", response)
                        .containsEntry(BYSTANDER, "admin");
                assertThat(storedRole(teamId, BYSTANDER)).as("stored role of BYSTANDER").contains("admin");
                TeamFixture.assertAudited(before, "team.member_update", BYSTANDER);
            } else {
                TeamFixture.assertUnchanged(response, cell.expected(), teamId, before, BYSTANDER);
            }
        } finally {
            TeamFixture.deleteMemberAuditSince(before, BYSTANDER);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deleteCells")
    void removeMember(Cell<Target> cell, Scratch scratch) {
        // Leaving a team takes the member's keys in it along: BYSTANDER has one in it.
        TeamFixture.Built built = cell.target().build(scratch, true);
        String teamId = built.teamId();
        ScratchKey key = built.key();
        Snapshot before = TeamFixture.snapshot(teamId);
        try {
            Response response = Keygate.api().post("/team/member_delete",
                    Map.of("team_id", teamId, "user_id", BYSTANDER), cell.credential());

            response.assertStatus(cell.expected());
            if (cell.expected() == 200) {
                assertThat(TeamFixture.members(response.body())).as("members_with_roles of %s", response)
                        .doesNotContainKey(BYSTANDER);
                assertThat(storedRole(teamId, BYSTANDER)).as("BYSTANDER's membership").isEmpty();
                assertThat(TeamFixture.membershipRows(teamId)).as("memberships left: everyone but BYSTANDER")
                        .isEqualTo(cell.target().members().size() - 1);
                assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE token = ?", key.token()))
                        .as("BYSTANDER's key rows in the team").isZero();
                Keygate.api().ownKeyInfo(key.credential()).assertError(401);
                TeamFixture.assertAudited(before, "team.member_delete", BYSTANDER);
                TeamFixture.assertNoSecretsAudited(before, key);
            } else {
                TeamFixture.assertUnchanged(response, cell.expected(), teamId, before, BYSTANDER);
                if (key != null) {
                    Keygate.api().ownKeyInfo(key.credential()).assertStatus(200);
                }
            }
        } finally {
            TeamFixture.deleteMemberAuditSince(before, BYSTANDER);
        }
    }

    private static Optional<Object> storedRole(String teamId, String userId) {
        return Keygate.db().row("SELECT role FROM team_memberships WHERE team_id = ? AND user_id = ?", teamId, userId)
                .map(row -> row.get("role"));
    }
}
