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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /user/available_roles}: LiteLLM's map of the roles a UI may assign. It is a fixed list,
 * nobody's data, so every actor's key reads it, the service account's too; an {@code llm_api} key
 * calls no management route.
 */
@BehaviorTest
class AvailableRolesMatrixTest {

    /** No target: the answer is the same for everyone. */
    enum Target { NONE }

    static final Matrix<Target> EXPECTED = Matrix.of("GET /user/available_roles", "%s lists the available roles (%s)",
                    Target.values())
            //                        NONE
            .row(PROXY_ADMIN,        200)
            .row(ORG_ADMIN,          200)
            .row(TEAM_ADMIN,         200)
            .row(INTERNAL_USER,      200)
            .row(OWNER,              200)
            .row(UNRELATED_SAME_ORG, 200)
            .row(CROSS_ORG_USER,     200)
            .row(SERVICE_ACCOUNT,    200);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void listRoles(Cell<Target> cell) {
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = Keygate.api().get("/user/available_roles", cell.credential());

        response.assertStatus(cell.expected());
        before.assertUnchangedBy(response);
        LiteLlmShapes.assertHasFields("GET /user/available_roles", response.body());
        List<String> roles = new ArrayList<>();
        response.body().fieldNames().forEachRemaining(roles::add);
        assertThat(roles).containsExactly("proxy_admin", "proxy_admin_viewer", "internal_user", "internal_user_viewer");
        for (JsonNode role : response.body()) {
            assertThat(role.path("description").asText()).as("description in %s", response).isNotBlank();
            assertThat(role.path("ui_label").asText()).as("ui_label in %s", response).isNotBlank();
        }
    }

    @Test
    void masterKeyListsRoles200() {
        Keygate.api().get("/user/available_roles", Credential.bearer(VerifyAnswers.MASTER_KEY)).assertStatus(200);
    }

    /** An llm_api key calls no management route, this one included; nothing changes. */
    @Test
    void llmApiKeyCannotListRoles403(Scratch scratch) {
        LlmApiKeys.assertGetRefused(scratch, "/user/available_roles");
    }

    @Test
    void noKeyIs401() {
        Keygate.api().get("/user/available_roles", Credential.none()).assertError(401);
    }
}
