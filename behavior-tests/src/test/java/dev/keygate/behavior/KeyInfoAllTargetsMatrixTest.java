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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /key/info?key=<token>} over every kind of target, on the world's keys (read-only):
 * the caller's own, a teammate's (OWNER's), another team of the same organization (gamma), the
 * other organization (CROSS_ORG_USER's) and a key that does not exist.
 */
@BehaviorTest
class KeyInfoAllTargetsMatrixTest {

    /** Whose world key is read. */
    enum Target {
        OWN, SAME_TEAM, SAME_ORG, OTHER_ORG, MISSING;

        /** The cleartext of the world key read, or a key never issued. */
        String key(Actor caller) {
            return switch (this) {
                case OWN -> caller.key();
                case SAME_TEAM -> Actor.OWNER.key();
                case SAME_ORG -> World.GAMMA_MEMBER_KEY;
                case OTHER_ORG -> Actor.CROSS_ORG_USER.key();
                case MISSING -> Keys.missingKey();
            };
        }
    }

    // OWNER reading SAME_TEAM reads their own key (OWNER's is the teammate key), hence 200;
    // CROSS_ORG_USER reading OTHER_ORG likewise reads their own.
    static final Matrix<Target> EXPECTED = Matrix.of("GET /key/info (all targets)", "%s reads %s key info", Target.values())
            //                        OWN  SAME_TEAM SAME_ORG OTHER_ORG MISSING
            .row(PROXY_ADMIN,        200, 200,      200,     200,      404)
            .row(ORG_ADMIN,          200, 200,      200,     403,      404)
            .row(TEAM_ADMIN,         200, 200,      403,     403,      404)
            .row(INTERNAL_USER,      200, 403,      403,     403,      404)
            .row(OWNER,              200, 200,      403,     403,      404)
            .row(UNRELATED_SAME_ORG, 200, 403,      403,     403,      404)
            .row(CROSS_ORG_USER,     200, 403,      403,     200,      404)
            .row(SERVICE_ACCOUNT,    200, 403,      403,     403,      404)
            // Token callers get their key twin's row, but a team token holds no key to read as its own.
            .tokensDiffer(SERVICE_ACCOUNT, Target.OWN, 403);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void readKeyInfo(Cell<Target> cell) {
        String key = cell.target().key(cell.actor());
        String token = Keys.token(key);

        Response response = Keygate.api().keyInfo(token, cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("key").asText()).as("key of %s", response).isEqualTo(token);
            assertThat(response.body().path("info").path("token").asText()).as("info.token of %s", response).isEqualTo(token);
            assertThat(response.body().path("info").path("key_alias").asText()).as("info.key_alias of %s", response)
                    .startsWith(World.PREFIX);
            // Only generate and regenerate ever answer with a cleartext.
            assertThat(response.raw()).as("response body").doesNotContain(key);
        } else {
            response.assertErrorEnvelope();
        }
    }
}
