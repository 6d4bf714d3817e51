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
import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /team/available}: LiteLLM lists the teams of its {@code available_teams} setting and
 * answers 400 when none is configured. Keygate has no such setting, so every caller gets that 400.
 */
@BehaviorTest
class TeamAvailableMatrixTest {

    /** One column: no team is named. */
    enum Target { NONE }

    static final Matrix<Target> EXPECTED = Matrix.of("GET /team/available", "%s asks for the teams to join (%s)",
                    Target.values())
            .row(PROXY_ADMIN,        400)
            .row(ORG_ADMIN,          400)
            .row(TEAM_ADMIN,         400)
            .row(INTERNAL_USER,      400)
            .row(OWNER,              400)
            .row(UNRELATED_SAME_ORG, 400)
            .row(CROSS_ORG_USER,     400)
            .row(SERVICE_ACCOUNT,    400);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void noTeamIsAvailableWithoutTheSetting(Cell<Target> cell) {
        Response response = Keygate.api().get("/team/available", cell.actor().credential());

        response.assertError(cell.expected());
        assertThat(response.body().path("error").path("message").asText()).as("message of %s", response)
                .startsWith("No available teams for user to join");
    }

    /** An llm_api key calls no management route. */
    @Test
    void llmApiKeyCannotAsk403(Scratch scratch) {
        ScratchKey key = scratch.insertKey(INTERNAL_USER.keyShape());
        Keygate.db().update("UPDATE keys SET key_type = 'llm_api' WHERE token = ?", key.token());

        Keygate.api().get("/team/available", key.credential()).assertError(403);
    }
}
