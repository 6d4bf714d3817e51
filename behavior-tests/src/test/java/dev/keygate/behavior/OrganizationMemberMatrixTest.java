package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static dev.keygate.behavior.OrgUserFixtures.OrgTarget.MISSING;
import static dev.keygate.behavior.OrgUserFixtures.OrgTarget.OTHER_ORG;
import static dev.keygate.behavior.OrgUserFixtures.OrgTarget.OWN_ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.OrgUserFixtures.OrgTarget;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may manage an organization's members: {@code POST /organization/member_add},
 * {@code PATCH /organization/member_update}, {@code DELETE /organization/member_delete}. A proxy
 * admin anywhere, an org admin in their own organization, nobody else. Each cell gets a fresh
 * scratch organization; updates and removals act on BYSTANDER's scratch membership there.
 */
@BehaviorTest
class OrganizationMemberMatrixTest {

    static final Matrix<OrgTarget> ADD = Matrix.of("POST /organization/member_add", "%s adds a member to %s",
                    OWN_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 404)
            .row(ORG_ADMIN,          200, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 404)
            .row(OWNER,              403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 404);

    static final Matrix<OrgTarget> UPDATE = Matrix.of("PATCH /organization/member_update",
                    "%s makes the bystander org_admin of %s", OWN_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 404)
            .row(ORG_ADMIN,          200, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 404)
            .row(OWNER,              403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 404);

    static final Matrix<OrgTarget> DELETE = Matrix.of("DELETE /organization/member_delete",
                    "%s removes the bystander from %s", OWN_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 404)
            .row(ORG_ADMIN,          200, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 404)
            .row(OWNER,              403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 404);

    static Stream<Cell<OrgTarget>> addCells() {
        return ADD.cells();
    }

    static Stream<Cell<OrgTarget>> updateCells() {
        return UPDATE.cells();
    }

    static Stream<Cell<OrgTarget>> deleteCells() {
        return DELETE.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addCells")
    void addMember(Cell<OrgTarget> cell, Scratch scratch) {
        String organizationId = cell.target().create(scratch);
        String newcomer = OrgUserFixtures.user(scratch, "newcomer", List.of(), List.of());
        String before = OrgUserFixtures.organizationState(organizationId, newcomer);

        Response response = Keygate.api().post("/organization/member_add", Map.of("organization_id", organizationId,
                "member", Map.of("user_id", newcomer, "role", "internal_user")), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(roleIn(response, newcomer)).as("newcomer's role in %s", response).contains("internal_user");
            assertThat(storedRole(organizationId, newcomer)).as("stored membership").contains("internal_user");
            assertThat(OrgUserFixtures.memberAuditRows("organization.member_add", newcomer, organizationId))
                    .as("organization.member_add audit rows").isOne();
        } else {
            assertUnchanged(response, organizationId, before, newcomer);
            assertThat(Keygate.db().count("SELECT count(*) FROM organization_memberships WHERE user_id = ?", newcomer))
                    .as("memberships of the newcomer after %s", response).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateCells")
    void updateMember(Cell<OrgTarget> cell, Scratch scratch) {
        String organizationId = cell.target().create(scratch);
        String before = OrgUserFixtures.organizationState(organizationId, World.BYSTANDER);

        Response response = Keygate.api().patch("/organization/member_update", Map.of("organization_id", organizationId,
                "user_id", World.BYSTANDER, "role", "org_admin"), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(roleIn(response, World.BYSTANDER)).as("bystander's role in %s", response).contains("org_admin");
            assertThat(storedRole(organizationId, World.BYSTANDER)).as("stored membership").contains("org_admin");
            assertThat(OrgUserFixtures.memberAuditRows("organization.member_update", World.BYSTANDER, organizationId))
                    .as("organization.member_update audit rows").isOne();
        } else {
            assertUnchanged(response, organizationId, before, World.BYSTANDER);
        }
    }

    /**
     * Leaving an organization also leaves its teams and loses the keys that belong to it: BYSTANDER
     * gets a scratch team in the scratch organization and a key there first.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deleteCells")
    void deleteMember(Cell<OrgTarget> cell, Scratch scratch) {
        String organizationId = cell.target().create(scratch);
        String teamId = null;
        ScratchKey key = null;
        if (cell.target() != MISSING) {
            teamId = OrgUserFixtures.bystanderTeam(scratch, organizationId);
            key = scratch.insertKey(new KeyShape(World.BYSTANDER, teamId, organizationId));
        }
        String before = OrgUserFixtures.organizationState(organizationId, World.BYSTANDER);

        Response response = Keygate.api().delete("/organization/member_delete",
                Map.of("organization_id", organizationId, "user_id", World.BYSTANDER), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(roleIn(response, World.BYSTANDER)).as("bystander in %s", response).isEmpty();
            assertThat(Keygate.db().row("""
                    SELECT (SELECT count(*) FROM organization_memberships WHERE organization_id = ? AND user_id = ?)
                               AS organization_memberships,
                           (SELECT count(*) FROM team_memberships WHERE team_id = ? AND user_id = ?) AS team_memberships,
                           (SELECT count(*) FROM keys WHERE token = ?) AS keys""",
                    organizationId, World.BYSTANDER, teamId, World.BYSTANDER, key.token()).orElseThrow())
                    .as("bystander's rows left in the organization")
                    .containsExactly(entry("organization_memberships", 0L), entry("team_memberships", 0L), entry("keys", 0L));
            Keygate.api().ownKeyInfo(key.credential()).assertError(401);
            assertThat(OrgUserFixtures.memberAuditRows("organization.member_delete", World.BYSTANDER, organizationId))
                    .as("organization.member_delete audit rows").isOne();
        } else {
            assertUnchanged(response, organizationId, before, World.BYSTANDER);
            if (key != null) {
                Keygate.api().ownKeyInfo(key.credential()).assertStatus(200);
            }
        }
    }

    /** The member's role in the response's {@code members}, empty when not listed. */
    private static Optional<String> roleIn(Response response, String userId) {
        for (JsonNode member : response.body().path("members")) {
            if (member.path("user_id").asText().equals(userId)) {
                return Optional.of(member.path("role").asText());
            }
        }
        return Optional.empty();
    }

    private static Optional<Object> storedRole(String organizationId, String userId) {
        return Keygate.db().row("SELECT user_role FROM organization_memberships WHERE organization_id = ? AND user_id = ?",
                organizationId, userId).map(row -> row.get("user_role"));
    }

    /** A denial or a 404 changes nothing in the organization and audits nothing about it or the member. */
    private static void assertUnchanged(Response response, String organizationId, String before, String userId) {
        response.assertErrorEnvelope();
        assertThat(OrgUserFixtures.organizationState(organizationId, userId))
                .as("organization rows and audit count after %s", response).isEqualTo(before);
    }
}
