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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may read which user: {@code GET /user/info}, on world users (read-only). Users read
 * themselves; org admins their organization's users; team admins their team's members.
 */
@BehaviorTest
class UserReadMatrixTest {

    enum Target {
        /** No {@code user_id}: the caller's own user (a service account has none: 400). */
        SELF,
        /** w_owner: team_alpha and org_a. */
        SAME_TEAM,
        /** w_gamma_member: org_a, team_gamma. */
        SAME_ORG,
        /** w_cross_org: org_b, team_beta. */
        OTHER_ORG,
        MISSING;

        /** The user read, or null for SELF. */
        String userId() {
            return switch (this) {
                case SELF -> null;
                case SAME_TEAM -> Actor.OWNER.userId();
                case SAME_ORG -> World.GAMMA_MEMBER;
                case OTHER_ORG -> Actor.CROSS_ORG_USER.userId();
                case MISSING -> "missing_user_" + Keys.randomHex(6);
            };
        }
    }

    static final Matrix<Target> EXPECTED = Matrix.of("GET /user/info", "%s reads %s user info",
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
    void readUserInfo(Cell<Target> cell) {
        String userId = cell.target().userId();
        String path = userId == null ? "/user/info" : "/user/info?user_id=" + URLEncoder.encode(userId, StandardCharsets.UTF_8);

        Response response = Keygate.api().get(path, cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() != 200) {
            response.assertErrorEnvelope();
            return;
        }
        String expectedUser = userId == null ? cell.actor().userId() : userId;
        assertThat(response.body().path("user_id").asText()).as("user_id of %s", response).isEqualTo(expectedUser);
        assertThat(response.body().path("user_info").path("user_id").asText()).as("user_info.user_id of %s", response)
                .isEqualTo(expectedUser);
        assertThat(response.body().path("keys").isArray()).as("keys array in %s", response).isTrue();
    }
}
