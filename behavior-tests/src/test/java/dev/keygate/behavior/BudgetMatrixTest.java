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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /budget/*}: budget tiers are global, so only proxy admins create, change and delete them;
 * org admins read them (they give tiers to their organization's keys), nobody else. A tier that does
 * not exist is 404 for everyone (found before the permission); a tier still used by a key is not
 * deleted (400, naming the key) and a denied request changes nothing.
 */
@BehaviorTest
class BudgetMatrixTest {

    enum NewTarget { NEW }

    enum Target { TIER, MISSING }

    enum DeleteTarget { TIER, IN_USE, MISSING }

    enum ListTarget { ALL }

    static final Matrix<NewTarget> NEW = Matrix.of("POST /budget/new", "%s creates a %s tier", NewTarget.values())
            .row(PROXY_ADMIN,        200)
            .row(ORG_ADMIN,          403)
            .row(TEAM_ADMIN,         403)
            .row(INTERNAL_USER,      403)
            .row(OWNER,              403)
            .row(UNRELATED_SAME_ORG, 403)
            .row(CROSS_ORG_USER,     403)
            .row(SERVICE_ACCOUNT,    403);

    static final Matrix<Target> UPDATE = Matrix.of("POST /budget/update", "%s updates %s", Target.values())
            .row(PROXY_ADMIN,        200, 404)
            .row(ORG_ADMIN,          403, 404)
            .row(TEAM_ADMIN,         403, 404)
            .row(INTERNAL_USER,      403, 404)
            .row(OWNER,              403, 404)
            .row(UNRELATED_SAME_ORG, 403, 404)
            .row(CROSS_ORG_USER,     403, 404)
            .row(SERVICE_ACCOUNT,    403, 404);

    static final Matrix<DeleteTarget> DELETE = Matrix.of("POST /budget/delete", "%s deletes %s", DeleteTarget.values())
            .row(PROXY_ADMIN,        200, 400, 404)
            .row(ORG_ADMIN,          403, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 404)
            .row(OWNER,              403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 404);

    static final Matrix<Target> INFO = Matrix.of("POST /budget/info", "%s reads %s", Target.values())
            .row(PROXY_ADMIN,        200, 404)
            .row(ORG_ADMIN,          200, 404)
            .row(TEAM_ADMIN,         403, 404)
            .row(INTERNAL_USER,      403, 404)
            .row(OWNER,              403, 404)
            .row(UNRELATED_SAME_ORG, 403, 404)
            .row(CROSS_ORG_USER,     403, 404)
            .row(SERVICE_ACCOUNT,    403, 404);

    static final Matrix<ListTarget> LIST = Matrix.of("GET /budget/list", "%s lists %s tiers", ListTarget.values())
            .row(PROXY_ADMIN,        200)
            .row(ORG_ADMIN,          200)
            .row(TEAM_ADMIN,         403)
            .row(INTERNAL_USER,      403)
            .row(OWNER,              403)
            .row(UNRELATED_SAME_ORG, 403)
            .row(CROSS_ORG_USER,     403)
            .row(SERVICE_ACCOUNT,    403);

    static Stream<Cell<NewTarget>> newCells() {
        return NEW.cells();
    }

    static Stream<Cell<Target>> updateCells() {
        return UPDATE.cells();
    }

    static Stream<Cell<DeleteTarget>> deleteCells() {
        return DELETE.cells();
    }

    static Stream<Cell<Target>> infoCells() {
        return INFO.cells();
    }

    static Stream<Cell<ListTarget>> listCells() {
        return LIST.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("newCells")
    void create(Cell<NewTarget> cell, Scratch scratch) {
        String id = scratch.name("tier");
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = Keygate.api().post("/budget/new", Map.of("budget_id", id, "max_budget", 10,
                "rpm_limit", 60, "budget_duration", "30d"), cell.actor().credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("budget_id").asText()).isEqualTo(id);
            assertThat(response.body().path("rpm_limit").asLong()).isEqualTo(60);
            assertThat(response.body().path("budget_reset_at").isTextual()).as("set from budget_duration").isTrue();
            assertThat(Keygate.db().count("SELECT count(*) FROM budgets WHERE budget_id = ? AND max_budget = 10", id))
                    .isEqualTo(1);
            assertThat(Keygate.db().count("SELECT count(*) FROM audit_log WHERE action = 'budget.new' AND object_id = ?",
                    id)).isEqualTo(1);
        } else {
            before.assertUnchangedBy(response);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateCells")
    void update(Cell<Target> cell, Scratch scratch) {
        String id = tierFor(cell.target() == Target.TIER, scratch);
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = Keygate.api().post("/budget/update", Map.of("budget_id", id, "max_budget", 25),
                cell.actor().credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("max_budget").decimalValue()).isEqualByComparingTo("25");
            assertThat(response.body().path("rpm_limit").asLong()).as("absent fields stay").isEqualTo(60);
            assertThat(Keygate.db().count("SELECT count(*) FROM budgets WHERE budget_id = ? AND max_budget = 25", id))
                    .isEqualTo(1);
        } else {
            before.assertUnchangedBy(response);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deleteCells")
    void delete(Cell<DeleteTarget> cell, Scratch scratch) {
        String id = tierFor(cell.target() != DeleteTarget.MISSING, scratch);
        ScratchKey user = null;
        if (cell.target() == DeleteTarget.IN_USE) {
            user = scratch.insertKey(PROXY_ADMIN.keyShape());
            Keygate.db().update("UPDATE keys SET budget_id = ? WHERE token = ?", id, user.token());
        }
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = Keygate.api().post("/budget/delete", Map.of("id", id), cell.actor().credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("budget_id").asText()).isEqualTo(id);
            assertThat(Keygate.db().count("SELECT count(*) FROM budgets WHERE budget_id = ?", id)).isZero();
        } else {
            before.assertUnchangedBy(response);
        }
        if (cell.expected() == 400) {
            response.assertErrorEnvelope();
            assertThat(response.body().path("error").path("message").asText()).as("names who uses it")
                    .contains("key sk-...");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("infoCells")
    void info(Cell<Target> cell, Scratch scratch) {
        String id = tierFor(cell.target() == Target.TIER, scratch);

        Response response = Keygate.api().post("/budget/info", Map.of("budgets", List.of(id)), cell.actor().credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().isArray()).isTrue();
            assertThat(response.body().findValuesAsText("budget_id")).containsExactly(id);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listCells")
    void list(Cell<ListTarget> cell, Scratch scratch) {
        String id = tierFor(true, scratch);

        Response response = Keygate.api().get("/budget/list", cell.actor().credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().isArray()).isTrue();
            assertThat(response.body().findValuesAsText("budget_id")).contains(id);
        }
    }

    /** A scratch tier (max_budget 10, rpm_limit 60, gone with the scratch), or an id no tier has. */
    private static String tierFor(boolean exists, Scratch scratch) {
        String id = scratch.name("tier");
        if (exists) {
            scratch.insertBudget(id, 10, 60L);
        }
        return id;
    }
}
