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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may read which team: {@code GET /team/info} and {@code GET /team/permissions_list}, on the
 * world's teams (read-only, so no scratch is needed).
 */
@BehaviorTest
class TeamReadMatrixTest {

    /** Which world team is read. */
    enum Target {
        ALPHA(World.TEAM_ALPHA), GAMMA(World.TEAM_GAMMA), BETA(World.TEAM_BETA), MISSING("s_missing_team_" + Keys.randomHex(4));

        final String teamId;

        Target(String teamId) {
            this.teamId = teamId;
        }
    }

    static final Matrix<Target> INFO = Matrix.of("GET /team/info", "%s reads %s team info",
                    Target.ALPHA, Target.GAMMA, Target.BETA, Target.MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         200, 403, 403, 404)
            .row(INTERNAL_USER,      200, 403, 403, 404)
            .row(OWNER,              200, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 200, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 200, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static final Matrix<Target> PERMISSIONS = Matrix.of("GET /team/permissions_list", "%s lists %s team permissions",
                    Target.ALPHA, Target.GAMMA, Target.BETA, Target.MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         200, 403, 403, 404)
            .row(INTERNAL_USER,      200, 403, 403, 404)
            .row(OWNER,              200, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 200, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 200, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    /** The world's members of each team, with their roles. */
    private static final Map<Target, Map<String, String>> MEMBERS = Map.of(
            Target.ALPHA, Map.of(TEAM_ADMIN.userId(), "admin", INTERNAL_USER.userId(), "user",
                    OWNER.userId(), "user", UNRELATED_SAME_ORG.userId(), "user"),
            Target.GAMMA, Map.of(World.GAMMA_MEMBER, "user"),
            Target.BETA, Map.of(CROSS_ORG_USER.userId(), "user"));

    /** The world's keys in each team (INTERNAL_USER's key is personal, so in none). */
    private static final Map<Target, List<String>> TEAM_KEYS = Map.of(
            Target.ALPHA, List.of(TEAM_ADMIN.token(), OWNER.token(), UNRELATED_SAME_ORG.token(), SERVICE_ACCOUNT.token()),
            Target.GAMMA, List.of(Keys.token(World.GAMMA_MEMBER_KEY)),
            Target.BETA, List.of(CROSS_ORG_USER.token()));

    /** Admins of the team (or above) read all its keys. */
    private static final Set<Actor> READS_ALL_TEAM_KEYS = EnumSet.of(PROXY_ADMIN, ORG_ADMIN, TEAM_ADMIN);

    /** The permissions docs/api.md lists for team_member_permissions. */
    private static final List<String> ALL_PERMISSIONS = List.of("/key/generate", "/key/info", "/key/list", "/key/update",
            "/key/regenerate", "/key/delete", "/key/block", "/key/unblock", "/key/health");

    static Stream<Cell<Target>> infoCells() {
        return INFO.cells();
    }

    static Stream<Cell<Target>> permissionsCells() {
        return PERMISSIONS.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("infoCells")
    void readTeamInfo(Cell<Target> cell) {
        Target target = cell.target();

        Response response = Keygate.api().get("/team/info?team_id=" + target.teamId, cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() != 200) {
            response.assertErrorEnvelope();
            return;
        }
        JsonNode body = response.body();
        assertThat(body.path("team_id").asText()).as("team_id of %s", response).isEqualTo(target.teamId);
        assertThat(body.path("team_info").path("team_id").asText()).as("team_info.team_id of %s", response)
                .isEqualTo(target.teamId);
        assertThat(worldOnly(TeamFixture.members(body.path("team_info"))))
                .as("world members_with_roles of %s", response).isEqualTo(MEMBERS.get(target));
        assertThat(worldKeyTokens(body.path("keys"))).as("world keys in %s", response)
                .containsExactlyInAnyOrderElementsOf(readableKeys(cell.actor(), target));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("permissionsCells")
    void readTeamPermissions(Cell<Target> cell) {
        Target target = cell.target();

        Response response = Keygate.api().get("/team/permissions_list?team_id=" + target.teamId, cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() != 200) {
            response.assertErrorEnvelope();
            return;
        }
        assertThat(response.body().path("team_id").asText()).as("team_id of %s", response).isEqualTo(target.teamId);
        assertThat(texts(response.body().path("team_member_permissions"))).as("team_member_permissions of %s", response)
                .containsExactlyInAnyOrder("/key/info", "/key/health");
        assertThat(texts(response.body().path("all_available_permissions"))).as("all_available_permissions of %s", response)
                .containsExactlyInAnyOrderElementsOf(ALL_PERMISSIONS);
    }

    /** Admins read all the team's keys; plain members only their own key in it. */
    private static List<String> readableKeys(Actor caller, Target team) {
        List<String> keys = TEAM_KEYS.get(team);
        return READS_ALL_TEAM_KEYS.contains(caller) ? keys : keys.stream().filter(caller.token()::equals).toList();
    }

    /** Tokens of the keys whose alias is a world alias: other tests' scratch keys may sit in world teams. */
    private static List<String> worldKeyTokens(JsonNode keys) {
        assertThat(keys.isArray()).as("keys is an array: %s", keys).isTrue();
        List<String> tokens = new ArrayList<>();
        keys.forEach(key -> {
            if (key.path("key_alias").asText().startsWith(World.PREFIX)) {
                tokens.add(key.path("token").asText());
            }
        });
        return tokens;
    }

    private static Map<String, String> worldOnly(Map<String, String> members) {
        members.keySet().removeIf(userId -> !userId.startsWith(World.PREFIX));
        return members;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
