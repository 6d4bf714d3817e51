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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /user/list} returns exactly the users the caller may read: everyone for a proxy admin,
 * the organization's members for an org admin, the team's members for a team admin, else only
 * oneself. A service account may read no user: 403.
 */
@BehaviorTest
class UserListVisibilityTest {

    /** One column: the list itself, holding what the caller may read. */
    enum Target { VISIBLE }

    static final Matrix<Target> EXPECTED = Matrix.of("GET /user/list", "%s lists %s users", Target.VISIBLE)
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

    private static final List<String> TEAM_ALPHA_MEMBERS = List.of("w_team_admin", "w_internal_user", "w_owner", "w_unrelated");
    private static final List<String> ORG_A_MEMBERS = concat(List.of("w_org_admin"), TEAM_ALPHA_MEMBERS,
            List.of(World.BYSTANDER, World.GAMMA_MEMBER));

    /** The world users each actor sees. */
    private static List<String> visible(Actor actor) {
        return switch (actor) {
            case PROXY_ADMIN -> concat(List.of("w_proxy_admin"), ORG_A_MEMBERS, List.of("w_cross_org"));
            case ORG_ADMIN -> ORG_A_MEMBERS;
            case TEAM_ADMIN -> TEAM_ALPHA_MEMBERS;
            case SERVICE_ACCOUNT -> List.of();
            default -> List.of(actor.userId());
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void listUsers(Cell<Target> cell) {
        Response response = Keygate.api().get("/user/list?page_size=100", cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() != 200) {
            response.assertErrorEnvelope();
            return;
        }
        // Leftover scratch users could push world users past page 1: read every page.
        List<String> listed = new ArrayList<>(OrgUserFixtures.worldIds(response.body().path("users"), "user_id"));
        int pages = response.body().path("total_pages").asInt();
        for (int page = 2; page <= pages; page++) {
            Response next = Keygate.api().get("/user/list?page_size=100&page=" + page, cell.credential())
                    .assertStatus(200);
            listed.addAll(OrgUserFixtures.worldIds(next.body().path("users"), "user_id"));
        }
        assertThat(listed).as("world users listed for %s", cell.actor()).containsExactlyInAnyOrderElementsOf(visible(cell.actor()));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }
}
