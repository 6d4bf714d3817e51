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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may create an organization: {@code POST /organization/new}. Only a proxy admin. */
@BehaviorTest
class OrganizationCreateMatrixTest {

    /** One column: a new organization with a scratch id and alias. */
    enum Target { NEW }

    static final Matrix<Target> EXPECTED = Matrix.of("POST /organization/new", "%s creates a %s organization", Target.NEW)
            .row(PROXY_ADMIN,        200)
            .row(ORG_ADMIN,          403)
            .row(TEAM_ADMIN,         403)
            .row(INTERNAL_USER,      403)
            .row(OWNER,              403)
            .row(UNRELATED_SAME_ORG, 403)
            .row(CROSS_ORG_USER,     403)
            .row(SERVICE_ACCOUNT,    403);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void createOrganization(Cell<Target> cell, Scratch scratch) {
        String organizationId = scratch.name("new_org");
        String alias = scratch.name("new_org_alias");

        Response response = Keygate.api().post("/organization/new",
                Map.of("organization_alias", alias, "organization_id", organizationId), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("organization_id").asText()).as("organization_id of %s", response)
                    .isEqualTo(organizationId);
            assertThat(response.body().path("organization_alias").asText()).as("organization_alias of %s", response)
                    .isEqualTo(alias);
            assertThat(Keygate.db().row("SELECT organization_alias FROM organizations WHERE organization_id = ?",
                    organizationId).map(row -> row.get("organization_alias"))).as("stored organization").contains(alias);
            assertThat(OrgUserFixtures.auditRows("organization.new", organizationId)).as("organization.new audit rows").isOne();
        } else {
            response.assertErrorEnvelope();
            assertThat(Keygate.db().count("SELECT count(*) FROM organizations WHERE organization_id = ? OR organization_alias = ?",
                    organizationId, alias)).as("organizations stored after %s", response).isZero();
            assertThat(OrgUserFixtures.auditRowsAbout(organizationId)).as("audit rows after %s", response).isZero();
        }
    }
}
