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
import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /v1/models} and {@code GET /models}: the models the caller may call, in OpenAI's list
 * shape, from config.yml's {@code models:} (the harness configures {@value #CONFIGURED} and
 * {@code bt-config-other}) and every model named on a key or a team. Any valid key may ask; what it
 * sees follows its model rules. The world keys restrict no model, so each sees every configured
 * model; the scratch keys below pin the filtering exactly (their models are named only by them).
 */
@BehaviorTest
class ModelsMatrixTest {

    static final String CONFIGURED = "bt-config-model";

    enum Target {
        V1_MODELS("/v1/models"), MODELS("/models");

        final String path;

        Target(String path) {
            this.path = path;
        }
    }

    static final Matrix<Target> EXPECTED = Matrix.of("GET /v1/models", "%s lists models at %s", Target.values())
            //                        V1_MODELS  MODELS
            .row(PROXY_ADMIN,        200,       200)
            .row(ORG_ADMIN,          200,       200)
            .row(TEAM_ADMIN,         200,       200)
            .row(INTERNAL_USER,      200,       200)
            .row(OWNER,              200,       200)
            .row(UNRELATED_SAME_ORG, 200,       200)
            .row(CROSS_ORG_USER,     200,       200)
            .row(SERVICE_ACCOUNT,    200,       200);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void actorListsModels(Cell<Target> cell) {
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = Keygate.api().get(cell.target().path, cell.credential()).assertStatus(cell.expected());

        assertThat(ids(response)).as("models of %s", response).contains(CONFIGURED, "bt-config-other");
        before.assertUnchangedBy(response);
    }

    @Test
    void theListIsOpenAisShapeWithoutRules200(Scratch scratch) {
        ScratchKey wildcard = scratch.insertKey(OWNER.keyShape());
        setModels(wildcard, "bt-rule/*", "all-team-models", "all-proxy-models", "*");

        Response response = Keygate.api().get("/v1/models", VerifyAnswers.MASTER).assertStatus(200);

        assertThat(response.body().path("object").asText()).isEqualTo("list");
        for (JsonNode model : response.body().path("data")) {
            assertThat(model.path("object").asText()).as("%s", model).isEqualTo("model");
            assertThat(model.path("owned_by").asText()).as("%s", model).isEqualTo("keygate");
            assertThat(model.path("created").asLong()).as("%s", model).isPositive();
            assertThat(model.size()).as("fields of %s", model).isEqualTo(4);
        }
        assertThat(ids(response)).as("rules are not models")
                .doesNotContain("bt-rule/*", "all-team-models", "all-proxy-models", "*").contains(CONFIGURED);
    }

    @Test
    void aKeyRestrictedToModelsSeesExactlyThem200(Scratch scratch) {
        String model = scratch.name("only-model");
        ScratchKey other = scratch.insertKey(OWNER.keyShape());
        setModels(other, scratch.name("other-model"));
        ScratchKey restricted = scratch.insertKey(OWNER.keyShape());
        setModels(restricted, model);

        assertThat(ids(Keygate.api().get("/v1/models", restricted.credential()).assertStatus(200))).containsExactly(model);
        assertThat(ids(Keygate.api().get("/models", restricted.credential()).assertStatus(200))).containsExactly(model);
    }

    @Test
    void aWildcardSeesTheModelsItMatchesNotItself200(Scratch scratch) {
        String prefix = scratch.name("wild") + "/";
        SpendFixture named = SpendFixture.insert(scratch);
        setModels(named.key(), prefix + "one");
        Keygate.db().update("UPDATE teams SET models = ? WHERE team_id = ?", new String[] {prefix + "two", "bt-elsewhere"},
                named.teamId());
        ScratchKey wildcard = scratch.insertKey(OWNER.keyShape());
        setModels(wildcard, prefix + "*");

        assertThat(ids(Keygate.api().get("/v1/models", wildcard.credential()).assertStatus(200)))
                .containsExactly(prefix + "one", prefix + "two");
    }

    @Test
    void allTeamModelsSeesTheTeamsModels200(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        String[] teamModels = {scratch.name("team-a"), scratch.name("team-b")};
        Keygate.db().update("UPDATE teams SET models = ? WHERE team_id = ?", teamModels, f.teamId());
        setModels(f.key(), "all-team-models");
        Keygate.db().update("UPDATE keys SET key_type = 'llm_api' WHERE token = ?", f.key().token());

        assertThat(ids(Keygate.api().get("/v1/models", f.key().credential()).assertStatus(200)))
                .containsExactly(teamModels);
    }

    @Test
    void aTeamsModelsNarrowAnUnrestrictedKey200(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        String teamModel = scratch.name("team-only");
        Keygate.db().update("UPDATE teams SET models = ? WHERE team_id = ?", new String[] {teamModel}, f.teamId());

        assertThat(ids(Keygate.api().get("/v1/models", f.key().credential()).assertStatus(200)))
                .containsExactly(teamModel);
    }

    @Test
    void aBlockedKeyIs401(Scratch scratch) {
        ScratchKey key = scratch.insertKey(OWNER.keyShape());
        Keygate.db().update("UPDATE keys SET blocked = true WHERE token = ?", key.token());

        Keygate.api().get("/v1/models", key.credential()).assertError(401);
    }

    private static void setModels(ScratchKey key, String... models) {
        Keygate.db().update("UPDATE keys SET models = ? WHERE token = ?", models, key.token());
    }

    private static List<String> ids(Response response) {
        List<String> ids = new ArrayList<>();
        response.body().path("data").forEach(model -> ids.add(model.path("id").asText()));
        return ids;
    }
}
