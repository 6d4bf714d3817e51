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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /key/health}: LiteLLM's check of the calling key (no body, no target but the key in
 * the credential). Every key may read itself, so every actor's key answers; the team's
 * {@code /key/health} member permission is not needed. Key types still apply.
 */
@BehaviorTest
class KeyHealthMatrixTest {

    /** The only target: the key the caller authenticates with. */
    enum Target { OWN }

    static final Matrix<Target> EXPECTED = Matrix.of("POST /key/health", "%s checks the health of %s key", Target.values())
            //                        OWN
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
    void checkHealth(Cell<Target> cell) {
        Response response = Keygate.api().post("/key/health", null, cell.credential());

        response.assertStatus(cell.expected());
        assertThat(response.body().path("key").asText()).as("key of %s", response).isEqualTo("healthy");
        assertThat(response.body().has("logging_callbacks")).as("logging_callbacks in %s", response).isTrue();
        assertThat(response.body().path("logging_callbacks").isNull()).as("logging_callbacks of %s", response).isTrue();
    }

    @Test
    void masterKeyIsHealthy200() {
        Keygate.api().post("/key/health", Map.of(), Credential.bearer(VerifyAnswers.MASTER_KEY)).assertStatus(200);
    }

    /** An llm_api key calls no management route, this one included; the key stays as it was. */
    @Test
    void llmApiKeyCannotCheckHealth403(Scratch scratch) {
        ScratchKey key = scratch.insertKey(Actor.INTERNAL_USER.keyShape());
        Keygate.db().update("UPDATE keys SET key_type = 'llm_api' WHERE token = ?", key.token());
        KeyChecks.Snapshot before = KeyChecks.snapshot(key.token());

        Keygate.api().post("/key/health", Map.of(), key.credential()).assertError(403);

        KeyChecks.assertUntouched(key, before);
    }

    /** LiteLLM declares no field here: one sent is a typo, as anywhere else. */
    @Test
    void fieldInBodyIsRefused422() {
        Keygate.api().post("/key/health", Map.of("key", Actor.OWNER.token()), Actor.OWNER.credential()).assertError(422);
    }

    @Test
    void blockedKeyIsRefused401(Scratch scratch) {
        ScratchKey key = scratch.insertKey(Actor.INTERNAL_USER.keyShape());
        Keygate.db().update("UPDATE keys SET blocked = true WHERE token = ?", key.token());

        Keygate.api().post("/key/health", Map.of(), key.credential()).assertError(401);
    }
}
