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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /organization/list} returns exactly the organizations the caller may read (those it
 * belongs to; all of them for a proxy admin). A service account may read none: 403.
 */
@BehaviorTest
class OrganizationListVisibilityTest {

    /** One column: the list itself, holding what the caller may read. */
    enum Target { VISIBLE }

    static final Matrix<Target> EXPECTED = Matrix.of("GET /organization/list", "%s lists %s organizations", Target.VISIBLE)
            .row(PROXY_ADMIN,        200)
            .row(ORG_ADMIN,          200)
            .row(TEAM_ADMIN,         200)
            .row(INTERNAL_USER,      200)
            .row(OWNER,              200)
            .row(UNRELATED_SAME_ORG, 200)
            .row(CROSS_ORG_USER,     200)
            .row(SERVICE_ACCOUNT,    403);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    /** The world organizations each actor sees. */
    private static List<String> visible(Actor actor) {
        return switch (actor) {
            case PROXY_ADMIN -> List.of(World.ORG_A, World.ORG_B);
            case CROSS_ORG_USER -> List.of(World.ORG_B);
            case SERVICE_ACCOUNT -> List.of();
            default -> List.of(World.ORG_A);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void listOrganizations(Cell<Target> cell) {
        Response response = Keygate.api().get("/organization/list", cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() != 200) {
            response.assertErrorEnvelope();
            return;
        }
        assertThat(response.body().isArray()).as("array body of %s", response).isTrue();
        assertThat(OrgUserFixtures.worldIds(response.body(), "organization_id")).as("world organizations in %s", response)
                .containsExactlyInAnyOrderElementsOf(visible(cell.actor()));
    }
}
