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

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Matrix.Cell;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may read which organization: {@code GET /organization/info?organization_id=}, on the world's
 * organizations (read-only). Members read their organization, nobody else's; a service account
 * belongs to no organization.
 */
@BehaviorTest
class OrganizationReadMatrixTest {

    enum Target {
        ORG_A, ORG_B, MISSING;

        String organizationId() {
            return switch (this) {
                case ORG_A -> World.ORG_A;
                case ORG_B -> World.ORG_B;
                case MISSING -> "missing_org_" + Keys.randomHex(6);
            };
        }
    }

    static final Matrix<Target> EXPECTED = Matrix.of("GET /organization/info", "%s reads %s organization info",
                    Target.ORG_A, Target.ORG_B, Target.MISSING)
            .row(PROXY_ADMIN,        200, 200, 404)
            .row(ORG_ADMIN,          200, 403, 404)
            .row(TEAM_ADMIN,         200, 403, 404)
            .row(INTERNAL_USER,      200, 403, 404)
            .row(OWNER,              200, 403, 404)
            .row(UNRELATED_SAME_ORG, 200, 403, 404)
            .row(CROSS_ORG_USER,     403, 200, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 404);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void readOrganizationInfo(Cell<Target> cell) {
        String organizationId = cell.target().organizationId();

        Response response = Keygate.api().get("/organization/info?organization_id="
                + URLEncoder.encode(organizationId, StandardCharsets.UTF_8), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() != 200) {
            response.assertErrorEnvelope();
            return;
        }
        assertThat(response.body().path("organization_id").asText()).as("organization_id of %s", response)
                .isEqualTo(organizationId);
        assertThat(members(response)).as("world members of %s", response).containsExactlyInAnyOrderElementsOf(
                cell.target() == Target.ORG_A ? ORG_A_MEMBERS : List.of("w_cross_org internal_user"));
        assertThat(OrgUserFixtures.worldIds(response.body().path("teams"), "team_id")).as("world teams of %s", response)
                .containsExactlyInAnyOrderElementsOf(worldTeams(cell));
    }

    /**
     * The organization's teams the reader may read (GET /team/info 200): teams are shown as team objects,
     * members and budgets included, so reading the organization does not open a team such as gamma,
     * which only the proxy and org admins may read.
     */
    private static List<String> worldTeams(Cell<Target> cell) {
        if (cell.target() == Target.ORG_B) {
            return List.of(World.TEAM_BETA);
        }
        return cell.actor() == PROXY_ADMIN || cell.actor() == ORG_ADMIN
                ? List.of(World.TEAM_ALPHA, World.TEAM_GAMMA) : List.of(World.TEAM_ALPHA);
    }

    /** org_a's world members and their roles there, as "user_id role". */
    private static final List<String> ORG_A_MEMBERS = List.of(
            "w_org_admin org_admin", "w_team_admin internal_user", "w_internal_user internal_user",
            "w_owner internal_user", "w_unrelated internal_user", World.BYSTANDER + " internal_user",
            World.GAMMA_MEMBER + " internal_user");

    private static List<String> members(Response response) {
        List<String> members = new ArrayList<>();
        for (JsonNode member : response.body().path("members")) {
            String userId = member.path("user_id").asText();
            if (userId.startsWith(World.PREFIX)) {
                members.add(userId + " " + member.path("role").asText());
            }
        }
        return members;
    }
}
