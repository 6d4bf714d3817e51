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
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /jwt/key/mapping/*}: which identity-provider client signs in as which key is platform
 * configuration, so only proxy admins manage and read it. A mapping that does not exist is 404 for
 * everyone (found before the permission), a key that does not exist 404 for the proxy admin only (the
 * permission comes first on create, which has no target yet). A denied request changes nothing.
 */
@BehaviorTest
class JwtKeyMappingMatrixTest {

    enum NewTarget { EXISTING_KEY, MISSING_KEY }

    enum Target { MAPPING, MISSING }

    enum ListTarget { ALL }

    static final Matrix<NewTarget> NEW = Matrix.of("POST /jwt/key/mapping/new", "%s maps a client to %s", NewTarget.values())
            .row(PROXY_ADMIN,        200, 404)
            .row(ORG_ADMIN,          403, 403)
            .row(TEAM_ADMIN,         403, 403)
            .row(INTERNAL_USER,      403, 403)
            .row(OWNER,              403, 403)
            .row(UNRELATED_SAME_ORG, 403, 403)
            .row(CROSS_ORG_USER,     403, 403)
            .row(SERVICE_ACCOUNT,    403, 403);

    static final Matrix<Target> UPDATE = Matrix.of("POST /jwt/key/mapping/update", "%s updates %s", Target.values())
            .row(PROXY_ADMIN,        200, 404)
            .row(ORG_ADMIN,          403, 404)
            .row(TEAM_ADMIN,         403, 404)
            .row(INTERNAL_USER,      403, 404)
            .row(OWNER,              403, 404)
            .row(UNRELATED_SAME_ORG, 403, 404)
            .row(CROSS_ORG_USER,     403, 404)
            .row(SERVICE_ACCOUNT,    403, 404);

    static final Matrix<Target> DELETE = Matrix.of("POST /jwt/key/mapping/delete", "%s deletes %s", Target.values())
            .row(PROXY_ADMIN,        200, 404)
            .row(ORG_ADMIN,          403, 404)
            .row(TEAM_ADMIN,         403, 404)
            .row(INTERNAL_USER,      403, 404)
            .row(OWNER,              403, 404)
            .row(UNRELATED_SAME_ORG, 403, 404)
            .row(CROSS_ORG_USER,     403, 404)
            .row(SERVICE_ACCOUNT,    403, 404);

    static final Matrix<Target> INFO = Matrix.of("GET /jwt/key/mapping/info", "%s reads %s", Target.values())
            .row(PROXY_ADMIN,        200, 404)
            .row(ORG_ADMIN,          403, 404)
            .row(TEAM_ADMIN,         403, 404)
            .row(INTERNAL_USER,      403, 404)
            .row(OWNER,              403, 404)
            .row(UNRELATED_SAME_ORG, 403, 404)
            .row(CROSS_ORG_USER,     403, 404)
            .row(SERVICE_ACCOUNT,    403, 404);

    static final Matrix<ListTarget> LIST = Matrix.of("GET /jwt/key/mapping/list", "%s lists %s mappings", ListTarget.values())
            .row(PROXY_ADMIN,        200)
            .row(ORG_ADMIN,          403)
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

    static Stream<Cell<Target>> deleteCells() {
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
        ScratchKey key = scratch.insertKey(PROXY_ADMIN.keyShape());
        String client = scratch.name("client");
        String named = cell.target() == NewTarget.EXISTING_KEY ? key.cleartext() : "sk-" + scratch.name("missing-key");
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = Keygate.api().post("/jwt/key/mapping/new", Map.of("jwt_claim_name", "azp",
                "jwt_claim_value", client, "key", named, "description", "ci"), cell.actor().credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("token").asText()).isEqualTo(key.token());
            assertThat(response.body().path("jwt_claim_value").asText()).isEqualTo(client);
            assertThat(response.raw()).as("never the key's secret").doesNotContain(key.cleartext());
            assertThat(Keygate.db().count("SELECT count(*) FROM jwt_key_mappings WHERE jwt_claim_value = ? AND token = ?",
                    client, key.token())).isEqualTo(1);
        } else {
            before.assertUnchangedBy(response);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateCells")
    void update(Cell<Target> cell, Scratch scratch) {
        String id = mappingFor(cell.target(), scratch);
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = Keygate.api().post("/jwt/key/mapping/update",
                Map.of("id", id, "description", "changed", "is_active", false), cell.actor().credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("is_active").asBoolean()).isFalse();
            assertThat(Keygate.db().count("SELECT count(*) FROM jwt_key_mappings WHERE id = ? AND NOT is_active "
                    + "AND description = 'changed'", id)).isEqualTo(1);
        } else {
            before.assertUnchangedBy(response);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deleteCells")
    void delete(Cell<Target> cell, Scratch scratch) {
        String id = mappingFor(cell.target(), scratch);
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = Keygate.api().post("/jwt/key/mapping/delete", Map.of("id", id), cell.actor().credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(Keygate.db().count("SELECT count(*) FROM jwt_key_mappings WHERE id = ?", id)).isZero();
        } else {
            before.assertUnchangedBy(response);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("infoCells")
    void info(Cell<Target> cell, Scratch scratch) {
        String id = mappingFor(cell.target(), scratch);

        Response response = Keygate.api().get("/jwt/key/mapping/info?id=" + id, cell.actor().credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("id").asText()).isEqualTo(id);
            assertThat(response.body().path("jwt_claim_name").asText()).isEqualTo("azp");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listCells")
    void list(Cell<ListTarget> cell, Scratch scratch) {
        String id = mappingFor(Target.MAPPING, scratch);

        Response response = Keygate.api().get("/jwt/key/mapping/list?size=100", cell.actor().credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("total").asLong()).isPositive();
            assertThat(response.body().path("mappings").findValuesAsText("id")).contains(id);
        }
    }

    /** A mapping of a scratch key (gone with it), or an id no mapping has. */
    private static String mappingFor(Target target, Scratch scratch) {
        String id = UUID.randomUUID().toString();
        if (target == Target.MAPPING) {
            ScratchKey key = scratch.insertKey(PROXY_ADMIN.keyShape());
            Keygate.db().update("INSERT INTO jwt_key_mappings (id, jwt_claim_name, jwt_claim_value, token) VALUES (?, 'azp', ?, ?)",
                    id, scratch.name("client"), key.token());
        }
        return id;
    }
}
