package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static dev.keygate.behavior.UserCreateMatrixTest.Target.INTO_ORG_A;
import static dev.keygate.behavior.UserCreateMatrixTest.Target.INTO_ORG_B;
import static dev.keygate.behavior.UserCreateMatrixTest.Target.NO_ORG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Matrix.Cell;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may create users, and where: {@code POST /user/new}. A proxy admin anywhere; an org admin
 * onboards users into their own organization only, as plain internal users.
 */
@BehaviorTest
class UserCreateMatrixTest {

    enum Target {
        NO_ORG(null), INTO_ORG_A(World.ORG_A), INTO_ORG_B(World.ORG_B);

        /** The organization the body puts the user in, or null. */
        final String organizationId;

        Target(String organizationId) {
            this.organizationId = organizationId;
        }
    }

    static final Matrix<Target> EXPECTED = Matrix.of("POST /user/new", "%s creates a user %s", NO_ORG, INTO_ORG_A, INTO_ORG_B)
            .row(PROXY_ADMIN,        200, 200, 200)
            .row(ORG_ADMIN,          403, 200, 403)
            .row(TEAM_ADMIN,         403, 403, 403)
            .row(INTERNAL_USER,      403, 403, 403)
            .row(OWNER,              403, 403, 403)
            .row(UNRELATED_SAME_ORG, 403, 403, 403)
            .row(CROSS_ORG_USER,     403, 403, 403)
            .row(SERVICE_ACCOUNT,    403, 403, 403);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void createUser(Cell<Target> cell, Scratch scratch) {
        String userId = scratch.name("new_user");
        Map<String, Object> body = new LinkedHashMap<>(Map.of("user_id", userId, "auto_create_key", false));
        if (cell.target().organizationId != null) {
            body.put("organizations", List.of(cell.target().organizationId));
        }

        Response response = Keygate.api().post("/user/new", body, cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("user_id").asText()).as("user_id of %s", response).isEqualTo(userId);
            // LiteLLM's answer always has key: "" when none was created.
            assertThat(response.body().path("key").asText("absent")).as("key of %s though auto_create_key is false", response).isEmpty();
            assertThat(Keygate.db().count("SELECT count(*) FROM users WHERE user_id = ?", userId)).as("stored user").isOne();
            assertThat(OrgUserFixtures.organizationsOf(userId)).as("stored organization memberships")
                    .isEqualTo(cell.target().organizationId == null ? "" : cell.target().organizationId + " internal_user");
            assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE user_id = ?", userId)).as("keys of the new user")
                    .isZero();
            assertThat(OrgUserFixtures.auditRows("user.new", userId)).as("user.new audit rows").isOne();
        } else {
            OrgUserFixtures.assertNoUser(response, userId);
        }
    }

    /** Creating a proxy admin is raising privileges: an org admin may onboard, not promote. */
    @Test
    void orgAdminCannotCreateProxyAdminInOwnOrganization403(Scratch scratch) {
        String userId = scratch.name("would_be_admin");

        Response response = Keygate.api().post("/user/new", Map.of("user_id", userId, "organizations", List.of(World.ORG_A),
                "user_role", "proxy_admin", "auto_create_key", false), Actor.ORG_ADMIN.credential());

        response.assertStatus(403);
        OrgUserFixtures.assertNoUser(response, userId);
    }

    /** Without {@code auto_create_key}, the new user gets a first key: its cleartext comes back once and works. */
    @Test
    void autoCreatedKeyAuthenticates200(Scratch scratch) {
        String userId = scratch.name("with_key");

        Response response = Keygate.api().post("/user/new", Map.of("user_id", userId), Actor.PROXY_ADMIN.credential())
                .assertStatus(200);

        String key = response.body().path("key").asText();
        assertThat(key).as("key of %s", response).startsWith("sk-");
        JsonNode info = Keygate.api().ownKeyInfo(Credential.bearer(key)).assertStatus(200).body();
        assertThat(info.path("key").asText()).as("token of the auto-created key").isEqualTo(Keys.token(key));
        assertThat(info.path("info").path("user_id").asText()).as("user of the auto-created key").isEqualTo(userId);
    }
}
