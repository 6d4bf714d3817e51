package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static dev.keygate.behavior.UserWriteMatrixTest.Target.MISSING;
import static dev.keygate.behavior.UserWriteMatrixTest.Target.OTHER_ORG;
import static dev.keygate.behavior.UserWriteMatrixTest.Target.SAME_ORG;
import static dev.keygate.behavior.UserWriteMatrixTest.Target.SAME_TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.UserWriteMatrixTest.Target;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /user/bulk_update}: each user is decided exactly as {@code POST /user/update} decides it
 * (UserWriteMatrixTest's UPDATE table), one transaction per user as in LiteLLM. The answer is 200; a
 * cell is the user's status, the {@code code} of its failed result (200 when it succeeded). A refused
 * user is unchanged.
 */
@BehaviorTest
class UserBulkUpdateMatrixTest {

    static final Matrix<Target> EXPECTED = Matrix.of("POST /user/bulk_update", "%s bulk-updates %s user alias",
                    SAME_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void bulkUpdate(Cell<Target> cell, Scratch scratch) {
        String userId = cell.target().create(scratch);
        String alias = scratch.name("alias");
        String before = OrgUserFixtures.userState(userId);

        Response response = Keygate.api().post("/user/bulk_update",
                Map.of("users", List.of(Map.of("user_id", userId, "user_alias", alias))), cell.actor().credential());

        response.assertStatus(200);
        LiteLlmShapes.assertHasFields("POST /user/bulk_update", response.body());
        JsonNode result = response.body().path("results").path(0);
        assertThat(response.body().path("total_requested").asInt()).as("total_requested of %s", response).isOne();
        assertThat(result.path("user_id").asText()).as("user_id of %s", response).isEqualTo(userId);
        if (cell.expected() == 200) {
            assertThat(result.path("success").asBoolean()).as("success of %s", response).isTrue();
            assertThat(response.body().path("successful_updates").asInt()).isOne();
            assertThat(result.path("updated_user").path("data").path("user_alias").asText()).as("updated_user of %s", response)
                    .isEqualTo(alias);
            assertThat(Keygate.db().row("SELECT user_alias FROM users WHERE user_id = ?", userId).orElseThrow()
                    .get("user_alias")).as("stored user_alias").isEqualTo(alias);
            assertThat(OrgUserFixtures.auditRows("user.update", userId)).as("user.update audit rows").isOne();
        } else {
            assertThat(result.path("success").asBoolean()).as("success of %s", response).isFalse();
            assertThat(response.body().path("failed_updates").asInt()).isOne();
            assertThat(result.path("code").asText()).as("code of %s", response).isEqualTo(String.valueOf(cell.expected()));
            assertThat(result.path("error").asText()).as("error of %s", response).isNotBlank();
            assertThat(result.path("updated_user").isNull()).as("updated_user of %s", response).isTrue();
            assertThat(OrgUserFixtures.userState(userId)).as("user rows and audit count").isEqualTo(before);
        }
    }

    /** The same field rule as /user/update: an org admin renames their organization's user, but sets no budget. */
    @Test
    void orgAdminRenamesButCannotSetBudgetsInBulk(Scratch scratch) {
        String renamed = OrgUserFixtures.user(scratch, "renamed", List.of(World.ORG_A), List.of());
        String budgeted = OrgUserFixtures.user(scratch, "budgeted", List.of(World.ORG_A), List.of());
        String budgetedBefore = OrgUserFixtures.userState(budgeted);

        Response response = Keygate.api().post("/user/bulk_update", Map.of("users", List.of(
                Map.of("user_id", renamed, "user_alias", scratch.name("alias")),
                Map.of("user_id", budgeted, "max_budget", 5))), ORG_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.body().path("successful_updates").asInt()).isOne();
        assertThat(response.body().path("results").path(1).path("code").asText()).isEqualTo("403");
        assertThat(OrgUserFixtures.userState(budgeted)).isEqualTo(budgetedBefore);
    }

    @Test
    void noUsersIsRefused400() {
        Keygate.api().post("/user/bulk_update", Map.of("users", List.of()), PROXY_ADMIN.credential()).assertError(400);
    }

    /** LiteLLM's all_users applies user_updates to every user: Keygate does not, and says so rather than ignore it. */
    @Test
    void allUsersIsRefused422() {
        Response response = Keygate.api().post("/user/bulk_update",
                Map.of("all_users", true, "user_updates", Map.of("max_budget", 1)), PROXY_ADMIN.credential());

        response.assertError(422);
    }
}
