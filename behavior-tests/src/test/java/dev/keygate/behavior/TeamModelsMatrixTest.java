package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static dev.keygate.behavior.TeamFixture.Target.MISSING;
import static dev.keygate.behavior.TeamFixture.Target.OTHER_ORG;
import static dev.keygate.behavior.TeamFixture.Target.OWN_TEAM;
import static dev.keygate.behavior.TeamFixture.Target.SAME_ORG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.TeamFixture.Snapshot;
import dev.keygate.behavior.TeamFixture.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /team/model/add} and {@code /team/model/delete}: a change of the team's model list, so
 * decided as {@code /team/update} of its limits (TeamUpdateMatrixTest's LIMITS table): models come from
 * above, a team admin may not touch them. Each built team starts with {@code ["gpt-4o", "gpt-4o-mini"]}.
 */
@BehaviorTest
class TeamModelsMatrixTest {

    static final Matrix<Target> ADD = Matrix.of("POST /team/model/add", "%s adds a model to %s",
                    OWN_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static final Matrix<Target> DELETE = Matrix.of("POST /team/model/delete", "%s removes a model from %s",
                    OWN_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static Stream<Cell<Target>> addCells() {
        return ADD.cells();
    }

    static Stream<Cell<Target>> deleteCells() {
        return DELETE.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addCells")
    void addModel(Cell<Target> cell, Scratch scratch) {
        change(cell, scratch, "/team/model/add", "claude-sonnet", List.of("gpt-4o", "gpt-4o-mini", "claude-sonnet"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deleteCells")
    void deleteModel(Cell<Target> cell, Scratch scratch) {
        change(cell, scratch, "/team/model/delete", "gpt-4o-mini", List.of("gpt-4o"));
    }

    private static void change(Cell<Target> cell, Scratch scratch, String route, String model, List<String> after) {
        String teamId = builtWithModels(cell.target(), scratch, "gpt-4o", "gpt-4o-mini");
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post(route, Map.of("team_id", teamId, "models", List.of(model)),
                cell.actor().credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(texts(response.body().path("models"))).as("models of %s", response).isEqualTo(after);
            assertThat(storedModels(teamId)).as("stored models").isEqualTo(after);
            TeamFixture.assertAudited(before, "team.update", teamId);
        } else {
            TeamFixture.assertUnchanged(response, cell.expected(), teamId, before);
        }
    }

    /** An empty list means every model: taking a list's last model away would widen it, so 400. */
    @Test
    void removingTheLastModelIsRefused400(Scratch scratch) {
        String teamId = builtWithModels(OWN_TEAM, scratch, "gpt-4o");
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/model/delete", Map.of("team_id", teamId, "models", List.of("gpt-4o")),
                PROXY_ADMIN.credential());

        TeamFixture.assertUnchanged(response, 400, teamId, before);
    }

    /** The same refusal comes after the policy: a team admin is told 403, not what the list holds. */
    @Test
    void teamAdminRemovingTheLastModelIs403(Scratch scratch) {
        String teamId = builtWithModels(OWN_TEAM, scratch, "gpt-4o");
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/model/delete", Map.of("team_id", teamId, "models", List.of("gpt-4o")),
                TEAM_ADMIN.credential());

        TeamFixture.assertUnchanged(response, 403, teamId, before);
    }

    /** A team with no list already has every model: adding one leaves it so, as LiteLLM's all-proxy-models does. */
    @Test
    void addingToEveryModelKeepsEveryModel200(Scratch scratch) {
        String teamId = builtWithModels(OWN_TEAM, scratch);

        Response response = Keygate.api().post("/team/model/add", Map.of("team_id", teamId, "models", List.of("gpt-4o")),
                PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(texts(response.body().path("models"))).isEmpty();
        assertThat(storedModels(teamId)).isEmpty();
    }

    private static String builtWithModels(Target target, Scratch scratch, String... models) {
        String teamId = target.build(scratch);
        if (target != MISSING) {
            Keygate.db().update("UPDATE teams SET models = ? WHERE team_id = ?", models, teamId);
        }
        return teamId;
    }

    private static List<String> storedModels(String teamId) {
        return Keygate.db().row("SELECT array_to_string(models, ',') AS models FROM teams WHERE team_id = ?", teamId)
                .map(row -> (String) row.get("models"))
                .map(text -> text.isEmpty() ? List.<String>of() : List.of(text.split(",")))
                .orElseThrow();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
