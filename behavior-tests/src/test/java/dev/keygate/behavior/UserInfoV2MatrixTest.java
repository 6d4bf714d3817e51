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
import dev.keygate.behavior.UserReadMatrixTest.Target;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /v2/user/info}: LiteLLM's lighter user answer, decided exactly as {@code GET /user/info}
 * (UserReadMatrixTest's table, on the same world users).
 */
@BehaviorTest
class UserInfoV2MatrixTest {

    static final Matrix<Target> EXPECTED = Matrix.of("GET /v2/user/info", "%s reads %s user info (v2)",
                    Target.SELF, Target.SAME_TEAM, Target.SAME_ORG, Target.OTHER_ORG, Target.MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 200, 403, 404)
            .row(TEAM_ADMIN,         200, 200, 403, 403, 404)
            .row(INTERNAL_USER,      200, 403, 403, 403, 404)
            .row(OWNER,              200, 200, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 200, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     200, 403, 403, 200, 404)
            .row(SERVICE_ACCOUNT,    400, 403, 403, 403, 404);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void readUserInfoV2(Cell<Target> cell) {
        String userId = cell.target().userId();
        String path = userId == null ? "/v2/user/info"
                : "/v2/user/info?user_id=" + URLEncoder.encode(userId, StandardCharsets.UTF_8);

        Response response = Keygate.api().get(path, cell.actor().credential());

        response.assertStatus(cell.expected());
        if (cell.expected() != 200) {
            response.assertErrorEnvelope();
            return;
        }
        LiteLlmShapes.assertHasFields("GET /v2/user/info", response.body());
        String expectedUser = userId == null ? cell.actor().userId() : userId;
        assertThat(response.body().path("user_id").asText()).as("user_id of %s", response).isEqualTo(expectedUser);
        assertThat(response.body().has("keys")).as("keys in %s", response).isFalse();
        assertThat(response.body().path("teams").isArray()).as("teams in %s", response).isTrue();
    }
}
