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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may read which key: {@code GET /key/info?key=<token>}, on the world's keys (read-only). */
@BehaviorTest
class KeyInfoMatrixTest {

    /** Whose world key is read. */
    enum Target {
        OWN, OWNER, CROSS_ORG_USER;

        Actor holder(Actor caller) {
            return switch (this) {
                case OWN -> caller;
                case OWNER -> Actor.OWNER;
                case CROSS_ORG_USER -> Actor.CROSS_ORG_USER;
            };
        }
    }

    static final Matrix<Target> EXPECTED = Matrix.of("GET /key/info", "%s reads %s key info", Target.OWN, Target.OWNER, Target.CROSS_ORG_USER)
            .row(PROXY_ADMIN,        200, 200, 200)
            .row(ORG_ADMIN,          200, 200, 403)
            .row(TEAM_ADMIN,         200, 200, 403)
            .row(INTERNAL_USER,      200, 403, 403)
            .row(OWNER,              200, 200, 403)
            .row(UNRELATED_SAME_ORG, 200, 403, 403)
            .row(CROSS_ORG_USER,     200, 403, 200)
            .row(SERVICE_ACCOUNT,    200, 403, 403)
            // Token callers get their key twin's row, but a team token holds no key to read as its own.
            .tokensDiffer(SERVICE_ACCOUNT, Target.OWN, 403);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void readKeyInfo(Cell<Target> cell) {
        Actor holder = cell.target().holder(cell.actor());

        Response response = Keygate.api().keyInfo(holder.token(), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("key").asText()).as("key of %s", response).isEqualTo(holder.token());
            assertThat(response.body().path("info").isObject()).as("info object in %s", response).isTrue();
            // The cleartext exists only in /key/generate's answer; info must never echo it.
            assertThat(response.raw()).as("response body").doesNotContain(holder.key());
        } else {
            response.assertErrorEnvelope();
        }
    }

    @ParameterizedTest(name = "{0} reads a missing key's info -> 404")
    @EnumSource(Actor.class)
    void readMissingKeyInfo404(Actor actor) {
        Keygate.api().keyInfo(Keys.missingToken(), actor.credential()).assertError(404);
    }
}
