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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may read the audit trail, and what it holds: {@code GET /audit}. A proxy admin reads all of
 * it, an org admin their organization's rows, nobody else anything. The single tests have a proxy
 * admin generate a key in team_gamma (org_a) and one in team_beta (org_b) and look for their rows.
 */
@BehaviorTest
class AuditMatrixTest {

    /** One column: the trail itself, holding what the caller may read. */
    enum Target { VISIBLE }

    static final Matrix<Target> EXPECTED = Matrix.of("GET /audit", "%s reads %s audit rows", Target.VISIBLE)
            .row(PROXY_ADMIN,        200)
            .row(ORG_ADMIN,          200)
            .row(TEAM_ADMIN,         403)
            .row(INTERNAL_USER,      403)
            .row(OWNER,              403)
            .row(UNRELATED_SAME_ORG, 403)
            .row(CROSS_ORG_USER,     403)
            .row(SERVICE_ACCOUNT,    403);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void readAudit(Cell<Target> cell) {
        Response response = Keygate.api().get("/audit?size=100", cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() != 200) {
            response.assertErrorEnvelope();
            return;
        }
        assertThat(response.body().path("audit_logs").isArray()).as("audit_logs in %s", response).isTrue();
        assertThat(response.body().path("current_page").asInt()).as("current_page of %s", response).isOne();
        if (cell.actor() == ORG_ADMIN) {
            assertThat(organizationsOf(response)).as("organizations of the rows an org admin reads").allMatch(World.ORG_A::equals);
        }
    }

    @Test
    void orgAdminReadsOwnOrganizationsKeyRowsOnly200(Scratch scratch) {
        Generated gamma = generate(scratch, World.TEAM_GAMMA, Actor.PROXY_ADMIN.credential());
        Generated beta = generate(scratch, World.TEAM_BETA, Actor.PROXY_ADMIN.credential());

        Response asOrgAdmin = Keygate.api().get("/audit?object_type=key&size=100", ORG_ADMIN.credential()).assertStatus(200);
        assertThat(organizationsOf(asOrgAdmin)).as("organizations of the key rows an org admin reads").allMatch(World.ORG_A::equals);
        assertThat(objectIds(asOrgAdmin)).as("key rows an org admin reads").contains(gamma.token()).doesNotContain(beta.token());

        Response asProxyAdmin = Keygate.api().get("/audit?object_type=key&size=100", PROXY_ADMIN.credential()).assertStatus(200);
        assertThat(objectIds(asProxyAdmin)).as("key rows a proxy admin reads").contains(gamma.token(), beta.token());
    }

    /** A row says who acted, on whose behalf (litellm-changed-by), on what; its values hold no secret. */
    @Test
    void keyGenerateRowRecordsActorChangedByAndNoSecret200(Scratch scratch) {
        String onBehalfOf = scratch.name("operator");
        Credential credential = new Credential("PROXY_ADMIN with litellm-changed-by", Map.of(
                "Authorization", "Bearer " + PROXY_ADMIN.key(), "litellm-changed-by", onBehalfOf));
        Generated gamma = generate(scratch, World.TEAM_GAMMA, credential);

        Response response = Keygate.api().get("/audit?object_id=" + gamma.token(), PROXY_ADMIN.credential()).assertStatus(200);

        assertThat(response.body().path("total_count").asLong()).as("total_count of %s", response).isOne();
        JsonNode row = response.body().path("audit_logs").path(0);
        assertThat(row.path("actor_id").asText()).as("actor_id").isEqualTo(PROXY_ADMIN.userId());
        assertThat(row.path("changed_by").asText()).as("changed_by").isEqualTo(onBehalfOf);
        assertThat(row.path("action").asText()).as("action").isEqualTo("key.generate");
        assertThat(row.path("object_type").asText()).as("object_type").isEqualTo("key");
        assertThat(row.path("object_id").asText()).as("object_id").isEqualTo(gamma.token());
        assertThat(row.path("organization_id").asText()).as("organization_id").isEqualTo(World.ORG_A);
        assertThat(row.path("before_value").isNull()).as("before_value of a creation").isTrue();
        assertThat(row.path("after_value").path("key_alias").asText()).as("after_value.key_alias").isEqualTo(gamma.alias());
        OrgUserFixtures.assertNoKeySecret(row.path("after_value").toString(), gamma.key(), gamma.token());
        // And as stored, not only as shown.
        Map<String, Object> stored = Keygate.db().row(
                "SELECT before_value::text AS before, after_value::text AS after FROM audit_log WHERE object_id = ?",
                gamma.token()).orElseThrow();
        OrgUserFixtures.assertNoKeySecret((String) stored.get("before"), gamma.key(), gamma.token());
        OrgUserFixtures.assertNoKeySecret((String) stored.get("after"), gamma.key(), gamma.token());
    }

    @Test
    void filtersByActionAndObjectId200(Scratch scratch) {
        Generated gamma = generate(scratch, World.TEAM_GAMMA, Actor.PROXY_ADMIN.credential());
        Generated beta = generate(scratch, World.TEAM_BETA, Actor.PROXY_ADMIN.credential());

        Response generated = Keygate.api().get("/audit?action=key.generate&object_id=" + gamma.token(),
                PROXY_ADMIN.credential()).assertStatus(200);
        assertThat(objectIds(generated)).as("rows of %s", generated).containsExactly(gamma.token());
        assertThat(generated.body().path("total_count").asLong()).as("total_count of %s", generated).isOne();

        Response deleted = Keygate.api().get("/audit?action=key.delete&object_id=" + gamma.token(),
                PROXY_ADMIN.credential()).assertStatus(200);
        assertThat(objectIds(deleted)).as("rows of %s", deleted).isEmpty();
        assertThat(deleted.body().path("total_count").asLong()).as("total_count of %s", deleted).isZero();

        // An org admin's filter cannot reach past their organization.
        Response foreign = Keygate.api().get("/audit?object_id=" + beta.token(), ORG_ADMIN.credential()).assertStatus(200);
        assertThat(foreign.body().path("total_count").asLong()).as("total_count of %s", foreign).isZero();
    }

    /** Newest first, counted before pagination: with size=1 there are as many pages as rows. */
    @Test
    void paginatesNewestFirst200(Scratch scratch) {
        Generated gamma = generate(scratch, World.TEAM_GAMMA, Actor.PROXY_ADMIN.credential());
        Generated beta = generate(scratch, World.TEAM_BETA, Actor.PROXY_ADMIN.credential());

        Response first = Keygate.api().get("/audit?object_type=key&size=1", PROXY_ADMIN.credential()).assertStatus(200);
        long total = first.body().path("total_count").asLong();
        assertThat(total).as("total_count of %s", first).isGreaterThanOrEqualTo(2);
        assertThat(first.body().path("total_pages").asLong()).as("total_pages of %s", first).isEqualTo(total);
        assertThat(objectIds(first)).as("page 1").containsExactly(beta.token());

        Response second = Keygate.api().get("/audit?object_type=key&size=1&page=2", PROXY_ADMIN.credential()).assertStatus(200);
        assertThat(second.body().path("current_page").asInt()).as("current_page of %s", second).isEqualTo(2);
        assertThat(objectIds(second)).as("page 2").containsExactly(gamma.token());
    }

    /** A key generated through the API, so that the server writes its audit row. */
    private record Generated(String key, String token, String alias) {}

    private static Generated generate(Scratch scratch, String teamId, Credential credential) {
        String alias = scratch.name("audited_" + teamId);
        Response response = Keygate.api().post("/key/generate", Map.of("team_id", teamId, "key_alias", alias), credential)
                .assertStatus(200);
        String key = response.body().path("key").asText();
        return new Generated(key, Keys.token(key), alias);
    }

    private static List<String> objectIds(Response response) {
        return values(response, "object_id");
    }

    private static List<String> organizationsOf(Response response) {
        return values(response, "organization_id");
    }

    private static List<String> values(Response response, String field) {
        List<String> values = new ArrayList<>();
        response.body().path("audit_logs").forEach(row -> values.add(row.path(field).asText()));
        return values;
    }
}
