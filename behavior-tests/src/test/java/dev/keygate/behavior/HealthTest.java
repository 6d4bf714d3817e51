package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The public probes answer without credentials, and a bad credential does not turn them into 401. */
@BehaviorTest
class HealthTest {

    @ParameterizedTest(name = "GET {0} without credentials -> 200")
    @ValueSource(strings = {"/health/liveliness", "/health/liveness", "/health/readiness"})
    void probesArePublic(String path) {
        Response response = Keygate.api().get(path, Credential.none()).assertStatus(200);
        assertThat(response.body().path("status").asText()).isEqualTo("healthy");
    }

    @ParameterizedTest(name = "GET {0} with an unknown key -> 200")
    @ValueSource(strings = {"/health/liveliness", "/health/readiness"})
    void probesIgnoreCredentials(String path) {
        Keygate.api().get(path, Credential.bearer("sk-unknown-" + Keys.randomHex(8))).assertStatus(200);
    }

    @Test
    void readinessReportsTheDatabaseConnected200() {
        assertThat(Keygate.api().get("/health/readiness", Credential.none()).body().path("db").asText())
                .isEqualTo("connected");
    }
}
