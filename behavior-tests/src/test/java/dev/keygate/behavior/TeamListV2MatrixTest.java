package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static dev.keygate.behavior.World.TEAM_BETA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keygate.behavior.Matrix.Cell;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /v2/team/list}: LiteLLM's paged team list. It shows exactly what {@code GET /team/list}
 * shows (the same query and visibility; see TeamListVisibilityTest), so the same actors see the same
 * teams, a service account is 403, and a refused request changes nothing.
 */
@BehaviorTest
class TeamListV2MatrixTest {

    /** One column: the world's teams. */
    enum Target { VISIBLE }

    static final Matrix<Target> EXPECTED = Matrix.of("GET /v2/team/list", "%s pages through %s teams", Target.VISIBLE)
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void listTeams(Cell<Target> cell) {
        DatabaseFootprint before = DatabaseFootprint.now();

        // Page size 100 holds the world's teams and whatever scratch teams other tests left.
        Response response = Keygate.api().get("/v2/team/list?page_size=100", cell.credential());

        response.assertStatus(cell.expected());
        before.assertUnchangedBy(response);
        if (cell.expected() == 200) {
            assertThat(worldTeams(response)).as("world teams in %s", response)
                    .containsExactlyInAnyOrderElementsOf(TeamListVisibilityTest.VISIBLE.get(cell.actor()));
            assertThat(response.body().path("page").asInt()).isEqualTo(1);
            assertThat(response.body().path("page_size").asInt()).isEqualTo(100);
        } else {
            response.assertErrorEnvelope();
        }
    }

    /** The same teams, in the same team-object shape, as /team/list; LiteLLM's page fields around them. */
    @Test
    void answersLiteLlmsShapeWithTheTeamsOfTeamList200() {
        Response v2 = Keygate.api().get("/v2/team/list?organization_id=" + World.ORG_A, PROXY_ADMIN.credential())
                .assertStatus(200);
        Response v1 = Keygate.api().get("/team/list?organization_id=" + World.ORG_A, PROXY_ADMIN.credential())
                .assertStatus(200);

        // LiteLLM's v2 items carry no keys_count here: it would count keys the caller may not read.
        LiteLlmShapes.assertHasFieldsExcept("GET /v2/team/list", v2.body(), Set.of("teams[].keys_count"));
        for (JsonNode team : v2.body().path("teams")) {
            assertThat(team.path("members_count").asInt()).isEqualTo(team.path("members_with_roles").size());
        }
        // The same team objects; /team/list's carry their keys, v2's their member count instead.
        JsonNode v2Teams = v2.body().path("teams").deepCopy();
        JsonNode v1Teams = v1.body().deepCopy();
        v2Teams.forEach(team -> ((ObjectNode) team).remove("members_count"));
        v1Teams.forEach(team -> ((ObjectNode) team).remove("keys"));
        assertThat(v2Teams).isEqualTo(v1Teams);
        assertThat(v2.body().path("total").asLong()).isEqualTo(2);
        assertThat(v2.body().path("total_pages").asInt()).isEqualTo(1);
    }

    @Test
    void pagesCountBeforePagingAndFollowTheAskedOrder200(Scratch scratch) {
        for (String team : List.of("t1", "t2", "t3")) {
            scratch.insertTeam(scratch.name(team), World.ORG_A);
        }
        String filter = "/v2/team/list?team_alias=" + scratch.prefix() + "&sort_by=team_id&sort_order=desc&page_size=2";

        Response first = Keygate.api().get(filter + "&page=1", PROXY_ADMIN.credential()).assertStatus(200);
        Response second = Keygate.api().get(filter + "&page=2", PROXY_ADMIN.credential()).assertStatus(200);

        assertThat(TeamFixture.teamIds(first.body().path("teams")))
                .containsExactly(scratch.name("t3"), scratch.name("t2"));
        assertThat(TeamFixture.teamIds(second.body().path("teams"))).containsExactly(scratch.name("t1"));
        assertThat(first.body().path("total").asLong()).isEqualTo(3);
        assertThat(first.body().path("total_pages").asInt()).isEqualTo(2);
        assertThat(second.body().path("page").asInt()).isEqualTo(2);
    }

    /** team_alias is a case-insensitive substring; team_id and user_id match exactly. */
    @Test
    void filtersByAliasTeamAndUser200(Scratch scratch) {
        scratch.insertTeam(scratch.name("Blue_Team"), World.ORG_A);
        scratch.insertTeam(scratch.name("red_team"), World.ORG_A);

        Response byAlias = Keygate.api().get("/v2/team/list?team_alias=" + scratch.prefix() + "BLUE", PROXY_ADMIN.credential())
                .assertStatus(200);
        Response byId = Keygate.api().get("/v2/team/list?team_id=" + scratch.name("red_team"), PROXY_ADMIN.credential())
                .assertStatus(200);
        Response byUser = Keygate.api().get("/v2/team/list?user_id=" + CROSS_ORG_USER.userId(), PROXY_ADMIN.credential())
                .assertStatus(200);

        assertThat(TeamFixture.teamIds(byAlias.body().path("teams"))).containsExactly(scratch.name("Blue_Team"));
        assertThat(TeamFixture.teamIds(byId.body().path("teams"))).containsExactly(scratch.name("red_team"));
        assertThat(TeamFixture.teamIds(byUser.body().path("teams"))).containsExactly(TEAM_BETA);
    }

    /** A filter never widens what the caller sees: a team outside it is simply not there. */
    @Test
    void filterOnAnInvisibleTeamFindsNothing200() {
        Response response = Keygate.api().get("/v2/team/list?team_id=" + TEAM_BETA, ORG_ADMIN.credential()).assertStatus(200);

        assertThat(response.body().path("teams")).isEmpty();
        assertThat(response.body().path("total").asLong()).isZero();
    }

    @Test
    void badPagingOrOrderIsRefused400() {
        for (String query : List.of("page=0", "page_size=0", "page_size=101", "sort_by=spend", "sort_order=sideways",
                "status=deleted")) {
            Keygate.api().get("/v2/team/list?" + query, PROXY_ADMIN.credential()).assertError(400);
        }
    }

    /** An llm_api key calls no management route, this one included; nothing changes. */
    @Test
    void llmApiKeyCannotList403(Scratch scratch) {
        LlmApiKeys.assertGetRefused(scratch, "/v2/team/list");
    }

    @Test
    void noKeyIs401() {
        Keygate.api().get("/v2/team/list", Credential.none()).assertError(401);
    }

    /** Other tests' scratch teams may exist meanwhile: only world ids count. */
    private static List<String> worldTeams(Response response) {
        return TeamFixture.teamIds(response.body().path("teams")).stream().filter(id -> id.startsWith(World.PREFIX)).toList();
    }
}
