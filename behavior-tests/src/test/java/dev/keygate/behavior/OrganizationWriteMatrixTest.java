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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may change or delete an organization: {@code PATCH /organization/update} and
 * {@code DELETE /organization/delete}. Only a proxy admin: an org admin administers what is in the
 * organization, not the organization itself. Every cell works on a fresh scratch organization.
 */
@BehaviorTest
class OrganizationWriteMatrixTest {

    static final Matrix<OrgTarget> UPDATE = Matrix.of("PATCH /organization/update", "%s updates %s metadata",
                    OWN_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 404)
            .row(ORG_ADMIN,          403, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 404)
            .row(OWNER,              403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 404);

    static final Matrix<OrgTarget> DELETE = Matrix.of("DELETE /organization/delete", "%s deletes %s",
                    OWN_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 404)
            .row(ORG_ADMIN,          403, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 404)
            .row(OWNER,              403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 404);

    static Stream<Cell<OrgTarget>> updateCells() {
        return UPDATE.cells();
    }

    static Stream<Cell<OrgTarget>> deleteCells() {
        return DELETE.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateCells")
    void updateOrganization(Cell<OrgTarget> cell, Scratch scratch) {
        String organizationId = cell.target().create(scratch);
        String note = scratch.name("note");
        String before = OrgUserFixtures.organizationState(organizationId);

        Response response = Keygate.api().patch("/organization/update",
                Map.of("organization_id", organizationId, "metadata", Map.of("note", note)), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("organization_id").asText()).as("organization_id of %s", response)
                    .isEqualTo(organizationId);
            assertThat(response.body().path("metadata").path("note").asText()).as("metadata of %s", response).isEqualTo(note);
            assertThat(Keygate.db().row("SELECT metadata->>'note' AS note FROM organizations WHERE organization_id = ?",
                    organizationId).orElseThrow().get("note")).as("stored metadata.note").isEqualTo(note);
            assertThat(OrgUserFixtures.auditRows("organization.update", organizationId)).as("organization.update audit rows")
                    .isOne();
        } else {
            assertUnchanged(response, organizationId, before);
        }
    }

    /**
     * Deleting an organization takes its teams, memberships and keys with it: the scratch
     * organization gets a team with BYSTANDER in it and a key there, which must stop working.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deleteCells")
    void deleteOrganization(Cell<OrgTarget> cell, Scratch scratch) {
        String organizationId = cell.target().create(scratch);
        String teamId = null;
        ScratchKey key = null;
        if (cell.target() != MISSING) {
            teamId = OrgUserFixtures.bystanderTeam(scratch, organizationId);
            key = scratch.insertKey(new KeyShape(World.BYSTANDER, teamId, organizationId));
        }
        String before = OrgUserFixtures.organizationState(organizationId);

        Response response = Keygate.api().delete("/organization/delete", Map.of("organization_ids", List.of(organizationId)),
                cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("deleted_organizations")).as("deleted_organizations of %s", response)
                    .extracting(JsonNode::asText).containsExactly(organizationId);
            assertThat(Keygate.db().row("""
                    SELECT (SELECT count(*) FROM organizations WHERE organization_id = ?) AS organizations,
                           (SELECT count(*) FROM organization_memberships WHERE organization_id = ?) AS organization_memberships,
                           (SELECT count(*) FROM teams WHERE team_id = ?) AS teams,
                           (SELECT count(*) FROM team_memberships WHERE team_id = ?) AS team_memberships,
                           (SELECT count(*) FROM keys WHERE token = ?) AS keys""",
                    organizationId, organizationId, teamId, teamId, key.token()).orElseThrow())
                    .as("rows left after deleting the organization")
                    .containsExactly(entry("organizations", 0L), entry("organization_memberships", 0L), entry("teams", 0L),
                            entry("team_memberships", 0L), entry("keys", 0L));
            Keygate.api().ownKeyInfo(key.credential()).assertError(401);
            assertThat(OrgUserFixtures.auditRows("organization.delete", organizationId)).as("organization.delete audit rows")
                    .isOne();
        } else {
            assertUnchanged(response, organizationId, before);
            if (key != null) {
                Keygate.api().ownKeyInfo(key.credential()).assertStatus(200);
            }
        }
    }

    /** A denial or a 404 changes nothing and audits nothing. */
    private static void assertUnchanged(Response response, String organizationId, String before) {
        response.assertErrorEnvelope();
        assertThat(OrgUserFixtures.organizationState(organizationId)).as("organization rows and audit count after %s", response)
                .isEqualTo(before);
    }
}
