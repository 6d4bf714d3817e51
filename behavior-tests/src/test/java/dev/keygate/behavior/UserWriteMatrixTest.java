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
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may change or delete which user: {@code POST /user/update} (plain fields, then privileges)
 * and {@code POST /user/delete}. Org admins update their organization's users' plain fields; only a
 * proxy admin touches privileges or deletes. Each cell acts on a fresh scratch user.
 */
@BehaviorTest
class UserWriteMatrixTest {

    enum Target {
        /** A plain member of team_alpha and internal user of org_a. */
        SAME_TEAM,
        /** An internal user of org_a, in no team. */
        SAME_ORG,
        /** A member of org_b and team_beta. */
        OTHER_ORG,
        MISSING;

        /** Creates the scratch user (none for MISSING) and returns its id. */
        String create(Scratch scratch) {
            return switch (this) {
                case SAME_TEAM -> OrgUserFixtures.user(scratch, "user", List.of(World.ORG_A), List.of(World.TEAM_ALPHA));
                case SAME_ORG -> OrgUserFixtures.user(scratch, "user", List.of(World.ORG_A), List.of());
                case OTHER_ORG -> OrgUserFixtures.user(scratch, "user", List.of(World.ORG_B), List.of(World.TEAM_BETA));
                case MISSING -> scratch.name("missing_user");
            };
        }

        /** A key of the user's, where their membership puts it: in their team, else personal. */
        KeyShape keyShape(String userId) {
            return switch (this) {
                case SAME_TEAM -> new KeyShape(userId, World.TEAM_ALPHA, World.ORG_A);
                case OTHER_ORG -> new KeyShape(userId, World.TEAM_BETA, World.ORG_B);
                default -> new KeyShape(userId, null, null);
            };
        }
    }

    static final Matrix<Target> UPDATE = Matrix.of("POST /user/update", "%s updates %s user alias",
                    SAME_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static final Matrix<Target> PRIVILEGES = Matrix.of("POST /user/update (privileges)", "%s sets %s user max_budget",
                    SAME_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          403, 403, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static final Matrix<Target> DELETE = Matrix.of("POST /user/delete", "%s deletes %s user",
                    SAME_TEAM, SAME_ORG, OTHER_ORG, MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          403, 403, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static Stream<Cell<Target>> updateCells() {
        return UPDATE.cells();
    }

    static Stream<Cell<Target>> privilegeCells() {
        return PRIVILEGES.cells();
    }

    static Stream<Cell<Target>> deleteCells() {
        return DELETE.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateCells")
    void updateAlias(Cell<Target> cell, Scratch scratch) {
        String userId = cell.target().create(scratch);
        String alias = scratch.name("alias");

        Response response = updateAndCheck(cell, userId, Map.of("user_id", userId, "user_alias", alias));

        if (cell.expected() == 200) {
            assertThat(response.body().path("user_alias").asText()).as("user_alias of %s", response).isEqualTo(alias);
            assertThat(stored(userId, "user_alias")).as("stored user_alias").isEqualTo(alias);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("privilegeCells")
    void updateMaxBudget(Cell<Target> cell, Scratch scratch) {
        String userId = cell.target().create(scratch);

        Response response = updateAndCheck(cell, userId, Map.of("user_id", userId, "max_budget", 5));

        if (cell.expected() == 200) {
            assertThat(response.body().path("max_budget").decimalValue()).as("max_budget of %s", response)
                    .isEqualByComparingTo("5");
            assertThat((BigDecimal) stored(userId, "max_budget")).as("stored max_budget").isEqualByComparingTo("5");
        }
    }

    /**
     * Deleting a user takes their memberships and keys with it: the scratch user gets a key first,
     * which must stop working.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deleteCells")
    void deleteUser(Cell<Target> cell, Scratch scratch) {
        String userId = cell.target().create(scratch);
        ScratchKey key = cell.target() == MISSING ? null : scratch.insertKey(cell.target().keyShape(userId));
        String before = OrgUserFixtures.userState(userId);

        Response response = Keygate.api().post("/user/delete", Map.of("user_ids", List.of(userId)), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("deleted_users")).as("deleted_users of %s", response)
                    .extracting(JsonNode::asText).containsExactly(userId);
            assertThat(Keygate.db().row("""
                    SELECT (SELECT count(*) FROM users WHERE user_id = ?) AS users,
                           (SELECT count(*) FROM organization_memberships WHERE user_id = ?) AS organization_memberships,
                           (SELECT count(*) FROM team_memberships WHERE user_id = ?) AS team_memberships,
                           (SELECT count(*) FROM keys WHERE user_id = ? OR token = ?) AS keys""",
                    userId, userId, userId, userId, key.token()).orElseThrow())
                    .as("rows left after deleting the user")
                    .containsExactly(entry("users", 0L), entry("organization_memberships", 0L), entry("team_memberships", 0L),
                            entry("keys", 0L));
            Keygate.api().ownKeyInfo(key.credential()).assertError(401);
            assertThat(OrgUserFixtures.auditRows("user.delete", userId)).as("user.delete audit rows").isOne();
        } else {
            assertUnchanged(response, userId, before);
            if (key != null) {
                Keygate.api().ownKeyInfo(key.credential()).assertStatus(200);
            }
        }
    }

    /** Sends the update and checks what every cell shares: status, audit on 200, nothing changed otherwise. */
    private static Response updateAndCheck(Cell<Target> cell, String userId, Map<String, Object> body) {
        String before = OrgUserFixtures.userState(userId);

        Response response = Keygate.api().post("/user/update", body, cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("user_id").asText()).as("user_id of %s", response).isEqualTo(userId);
            assertThat(OrgUserFixtures.auditRows("user.update", userId)).as("user.update audit rows").isOne();
        } else {
            assertUnchanged(response, userId, before);
        }
        return response;
    }

    private static Object stored(String userId, String column) {
        return Keygate.db().row("SELECT " + column + " FROM users WHERE user_id = ?", userId).orElseThrow().get(column);
    }

    /** A denial or a 404 changes nothing about the user and audits nothing. */
    private static void assertUnchanged(Response response, String userId, String before) {
        response.assertErrorEnvelope();
        assertThat(OrgUserFixtures.userState(userId)).as("user rows and audit count after %s", response).isEqualTo(before);
    }
}
