package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static dev.keygate.behavior.World.TEAM_ALPHA;
import static dev.keygate.behavior.World.TEAM_BETA;
import static dev.keygate.behavior.World.TEAM_GAMMA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.Matrix.Cell;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /team/list} returns exactly the teams the caller may read: everything for a proxy
 * admin, the organization's teams for its admin, one's own teams otherwise. A service account may
 * read no team, so it gets 403 rather than an empty list.
 */
@BehaviorTest
class TeamListVisibilityTest {

    /** One column: the world's teams. */
    enum Target { VISIBLE }

    static final Matrix<Target> EXPECTED = Matrix.of("GET /team/list", "%s lists %s", Target.VISIBLE)
            .row(PROXY_ADMIN,        200)
            .row(ORG_ADMIN,          200)
            .row(TEAM_ADMIN,         200)
            .row(INTERNAL_USER,      200)
            .row(OWNER,              200)
            .row(UNRELATED_SAME_ORG, 200)
            .row(CROSS_ORG_USER,     200)
            .row(SERVICE_ACCOUNT,    403);

    /** The exact world teams each caller sees (SERVICE_ACCOUNT: none, it is refused); /v2/team/list too. */
    static final Map<Actor, List<String>> VISIBLE = Map.of(
            PROXY_ADMIN,        List.of(TEAM_ALPHA, TEAM_BETA, TEAM_GAMMA),
            ORG_ADMIN,          List.of(TEAM_ALPHA, TEAM_GAMMA),
            TEAM_ADMIN,         List.of(TEAM_ALPHA),
            INTERNAL_USER,      List.of(TEAM_ALPHA),
            OWNER,              List.of(TEAM_ALPHA),
            UNRELATED_SAME_ORG, List.of(TEAM_ALPHA),
            CROSS_ORG_USER,     List.of(TEAM_BETA),
            SERVICE_ACCOUNT,    List.of());

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void listTeams(Cell<Target> cell) {
        Response response = Keygate.api().get("/team/list", cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(worldTeams(response)).as("world teams in %s", response)
                    .containsExactlyInAnyOrderElementsOf(VISIBLE.get(cell.actor()));
        } else {
            response.assertErrorEnvelope();
        }
    }

    @Test
    void proxyAdminFiltersByOrganization200() {
        Response response = Keygate.api().get("/team/list?organization_id=" + World.ORG_A, PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(worldTeams(response)).as("world teams in %s", response).containsExactlyInAnyOrder(TEAM_ALPHA, TEAM_GAMMA);
    }

    @Test
    void proxyAdminFiltersByUser200() {
        Response response = Keygate.api().get("/team/list?user_id=" + CROSS_ORG_USER.userId(), PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(worldTeams(response)).as("world teams in %s", response).containsExactly(TEAM_BETA);
    }

    @Test
    void eachListedTeamCarriesItsOwnMembers200() {
        Response response = Keygate.api().get("/team/list?organization_id=" + World.ORG_A, PROXY_ADMIN.credential());

        response.assertStatus(200);
        Map<String, List<String>> members = new java.util.HashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode team : response.body()) {
            List<String> users = new java.util.ArrayList<>();
            team.path("members_with_roles").forEach(member -> users.add(member.path("user_id").asText()));
            members.put(team.path("team_id").asText(), users);
        }
        assertThat(members.get(TEAM_ALPHA)).containsExactlyInAnyOrder(TEAM_ADMIN.userId(), INTERNAL_USER.userId(),
                OWNER.userId(), UNRELATED_SAME_ORG.userId());
        assertThat(members.get(TEAM_GAMMA)).containsExactly(World.GAMMA_MEMBER);
    }

    /** Other tests' scratch teams may exist meanwhile: only world ids count. */
    private static List<String> worldTeams(Response response) {
        assertThat(response.body().isArray()).as("a JSON array: %s", response).isTrue();
        return TeamFixture.teamIds(response.body()).stream().filter(id -> id.startsWith(World.PREFIX)).toList();
    }
}
