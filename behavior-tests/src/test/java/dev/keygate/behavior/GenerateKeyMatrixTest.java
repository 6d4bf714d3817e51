package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static dev.keygate.behavior.GenerateKeyMatrixTest.Target.OTHER_USER;
import static dev.keygate.behavior.GenerateKeyMatrixTest.Target.SELF;
import static dev.keygate.behavior.GenerateKeyMatrixTest.Target.TEAM_ALPHA;
import static dev.keygate.behavior.GenerateKeyMatrixTest.Target.TEAM_BETA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.Matrix.Cell;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may mint a key for whom: {@code POST /key/generate}. */
@BehaviorTest
class GenerateKeyMatrixTest {

    /** What the request asks for; every body also gets a scratch {@code key_alias}. */
    enum Target {
        SELF(Map.of(), null, null),
        TEAM_ALPHA(Map.of("team_id", World.TEAM_ALPHA), World.TEAM_ALPHA, World.ORG_A),
        TEAM_BETA(Map.of("team_id", World.TEAM_BETA), World.TEAM_BETA, World.ORG_B),
        OTHER_USER(Map.of("user_id", World.BYSTANDER), null, null);

        final Map<String, Object> body;
        final String teamId;
        final String organizationId;

        Target(Map<String, Object> body, String teamId, String organizationId) {
            this.body = body;
            this.teamId = teamId;
            this.organizationId = organizationId;
        }

        /** Without {@code user_id} in the body the key is the caller's own. */
        String expectedUserId(Actor caller) {
            return (String) body.getOrDefault("user_id", caller.userId());
        }
    }

    static final Matrix<Target> EXPECTED = Matrix.of("POST /key/generate", "%s generates a key for %s", SELF, TEAM_ALPHA, TEAM_BETA, OTHER_USER)
            .row(PROXY_ADMIN,        200, 200, 200, 200)
            .row(ORG_ADMIN,          200, 200, 403, 403)
            .row(TEAM_ADMIN,         200, 200, 403, 403)
            .row(INTERNAL_USER,      200, 403, 403, 403)
            .row(OWNER,              200, 403, 403, 403)
            .row(UNRELATED_SAME_ORG, 200, 403, 403, 403)
            .row(CROSS_ORG_USER,     200, 403, 403, 403)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 403);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void generate(Cell<Target> cell, Scratch scratch) {
        String alias = scratch.name("generated");
        Map<String, Object> body = new LinkedHashMap<>(cell.target().body);
        body.put("key_alias", alias);

        Response response = Keygate.api().post("/key/generate", body, cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertIssued(cell, response, alias);
        } else {
            assertNothingIssued(response, alias);
        }
    }

    private static void assertIssued(Cell<Target> cell, Response response, String alias) {
        String key = response.body().path("key").asText();
        assertThat(key).as("cleartext key in %s", response).startsWith("sk-");
        assertThat(response.body().path("token").asText()).as("token in %s", response).isEqualTo(Keys.token(key));
        assertThat(response.body().path("key_alias").asText()).as("key_alias in %s", response).isEqualTo(alias);

        Keygate.api().ownKeyInfo(Credential.bearer(key)).assertStatus(200);

        Map<String, Object> row = Keygate.db().row("SELECT * FROM keys WHERE token = ?", Keys.token(key)).orElseThrow(
                () -> new AssertionError("no keys row for the generated key: " + response));
        assertThat(row.get("key_alias")).as("stored key_alias").isEqualTo(alias);
        assertThat(row.get("team_id")).as("stored team_id").isEqualTo(cell.target().teamId);
        assertThat(row.get("user_id")).as("stored user_id").isEqualTo(cell.target().expectedUserId(cell.actor()));
        if (cell.target().teamId != null) {
            assertThat(row.get("organization_id")).as("stored organization_id (the team's)").isEqualTo(cell.target().organizationId);
        }
    }

    private static void assertNothingIssued(Response response, String alias) {
        response.assertErrorEnvelope();
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE key_alias = ?", alias))
                .as("keys stored under %s after %s", alias, response).isZero();
    }
}
