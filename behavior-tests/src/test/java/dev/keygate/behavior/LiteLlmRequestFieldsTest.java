package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A LiteLLM client sends what LiteLLM's request models declare (issue 7): a field Keygate does not
 * act on is accepted and named in {@code x-keygate-ignored-fields}; one whose effect Keygate lacks and
 * whose absence would change what a key may do is refused (422, naming it); a field no LiteLLM model
 * declares is a typo (422). Refusals change nothing.
 */
@BehaviorTest
class LiteLlmRequestFieldsTest {

    private static final String HEADER = "x-keygate-ignored-fields";

    /** The LiteLLM admin UI saves a team with its organization and object permissions every time. */
    @Test
    void adminUiTeamUpdatePayload200(Scratch scratch) {
        String organization = scratch.name("org");
        String team = scratch.name("team");
        scratch.insertOrganization(organization);
        scratch.insertTeam(team, organization);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("team_id", team);
        body.put("team_alias", "renamed by the UI");
        body.put("organization_id", organization);
        body.put("object_permission", Map.of("mcp_servers", List.of(), "vector_stores", List.of()));
        body.put("metadata", Map.of("owner", "platform"));

        Response response = Keygate.api().post("/team/update", body, Actor.PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.header(HEADER)).isEqualTo("object_permission");
        assertThat(response.body().path("team_alias").asText()).isEqualTo("renamed by the UI");
        assertThat(response.body().path("organization_id").asText()).isEqualTo(organization);
    }

    @Test
    void onlyIgnoredFieldsAreNamed200(Scratch scratch) {
        Response response = Keygate.api().post("/key/generate",
                Map.of("key_alias", scratch.name("quiet")), Actor.PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.header(HEADER)).isNull();
    }

    /** The body is written again without the ignored fields: numbers must survive it exactly. */
    @Test
    void ignoredFieldKeepsBudgetsExact200(Scratch scratch) {
        String alias = scratch.name("exact");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key_alias", alias);
        body.put("max_budget", new BigDecimal("12345678901234.123456"));
        body.put("send_invite_email", true);
        body.put("guardrails", List.of("pii-mask"));

        Response response = Keygate.api().post("/key/generate", body, Actor.PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.header(HEADER)).isEqualTo("send_invite_email, guardrails");
        assertThat(Keygate.db().row("SELECT max_budget FROM keys WHERE key_alias = ?", alias).orElseThrow()
                .get("max_budget")).isEqualTo(new BigDecimal("12345678901234.123456"));
    }

    @Test
    void undeclaredFieldIsATypo422(Scratch scratch) {
        String team = scratch.name("team");
        scratch.insertTeam(team, null);

        Response response = Keygate.api().post("/team/update", Map.of("team_id", team, "team_aliass", "typo"),
                Actor.PROXY_ADMIN.credential());

        response.assertError(422);
        assertThat(response.body().path("error").path("param").asText()).isEqualTo("team_aliass");
        assertThat(Keygate.db().count("SELECT count(*) FROM teams WHERE team_id = ? AND team_alias = ?", team, team))
                .as("team unchanged").isEqualTo(1);
    }

    /** Rotation Keygate does not do would leave the key unrotated while its caller believes otherwise. */
    @Test
    void featureKeygateLacksIsRefused422(Scratch scratch) {
        String alias = scratch.name("rotated");

        Response response = Keygate.api().post("/key/generate", Map.of("key_alias", alias, "auto_rotate", true),
                Actor.PROXY_ADMIN.credential());

        response.assertError(422);
        assertThat(response.body().path("error").path("param").asText()).isEqualTo("auto_rotate");
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE key_alias = ?", alias)).as("no key").isZero();
    }

    /** LiteLLM's UI sends every field it knows, most unset: an unsupported field that asks for nothing passes. */
    @Test
    void unsupportedFieldAskingForNothing200(Scratch scratch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key_alias", scratch.name("unset"));
        body.put("auto_rotate", false);
        body.put("enforced_params", List.of());

        Response response = Keygate.api().post("/key/generate", body, Actor.PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.header(HEADER)).isEqualTo("auto_rotate, enforced_params");
    }

    /** organization_id on /team/update is acted on, as in LiteLLM: the team moves (TeamMoveMatrixTest has who may). */
    @Test
    void movingTeamToAnotherOrganization200(Scratch scratch) {
        String from = scratch.name("from");
        String to = scratch.name("to");
        String team = scratch.name("team");
        scratch.insertOrganization(from);
        scratch.insertOrganization(to);
        scratch.insertTeam(team, from);

        Response response = Keygate.api().post("/team/update",
                Map.of("team_id", team, "organization_id", to, "team_alias", "moved"), Actor.PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.header(HEADER)).as("ignored fields header").isNull();
        assertThat(response.body().path("organization_id").asText()).isEqualTo(to);
        assertThat(Keygate.db().count("SELECT count(*) FROM teams WHERE team_id = ? AND organization_id = ? AND team_alias = 'moved'",
                team, to)).as("team moved").isEqualTo(1);
    }

    @Test
    void keyUpdateNamingItsOwnTeam200(Scratch scratch) {
        String team = scratch.name("team");
        scratch.insertTeam(team, null);
        Scratch.ScratchKey key = scratch.insertKey(new KeyShape(null, team, null));

        Response response = Keygate.api().post("/key/update",
                Map.of("key", key.token(), "team_id", team, "key_alias", scratch.name("kept")),
                Actor.PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.body().path("team_id").asText()).isEqualTo(team);
    }

    /** team_id on /key/update is acted on, as in LiteLLM: the key moves (KeyMoveMatrixTest has who may). */
    @Test
    void movingKeyToAnotherTeam200(Scratch scratch) {
        String team = scratch.name("team");
        String other = scratch.name("other");
        scratch.insertTeam(team, null);
        scratch.insertTeam(other, null);
        Scratch.ScratchKey key = scratch.insertKey(new KeyShape(null, team, null));
        String alias = scratch.name("moved");

        Response response = Keygate.api().post("/key/update",
                Map.of("key", key.token(), "team_id", other, "key_alias", alias), Actor.PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.header(HEADER)).as("ignored fields header").isNull();
        assertThat(response.body().path("team_id").asText()).isEqualTo(other);
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE token = ? AND team_id = ? AND key_alias = ?",
                key.token(), other, alias)).as("key moved").isEqualTo(1);
    }

    /** LiteLLM's admin UI saves an organization's limits inside litellm_budget_table; LiteLLM lifts them. */
    @Test
    void organizationLimitsInBudgetTableAreLifted200(Scratch scratch) {
        String organization = scratch.name("org");
        scratch.insertOrganization(organization);

        Response response = Keygate.api().patch("/organization/update", Map.of("organization_id", organization,
                "litellm_budget_table", Map.of("max_budget", 500, "tpm_limit", 1000)), Actor.PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.body().path("max_budget").decimalValue()).isEqualByComparingTo("500");
        assertThat(response.body().path("litellm_budget_table").path("tpm_limit").asLong()).isEqualTo(1000);
        assertThat(Keygate.db().count("SELECT count(*) FROM organizations WHERE organization_id = ? AND max_budget = 500"
                + " AND tpm_limit = 1000", organization)).isEqualTo(1);
    }

    @Test
    void organizationLimitSentTwiceDifferently400(Scratch scratch) {
        String organization = scratch.name("org");
        scratch.insertOrganization(organization);

        Response response = Keygate.api().patch("/organization/update", Map.of("organization_id", organization,
                "max_budget", 10, "litellm_budget_table", Map.of("max_budget", 500)), Actor.PROXY_ADMIN.credential());

        response.assertError(400);
        assertThat(response.body().path("error").path("param").asText()).isEqualTo("max_budget");
        assertThat(Keygate.db().count("SELECT count(*) FROM organizations WHERE organization_id = ? AND max_budget IS NULL",
                organization)).as("organization unchanged").isEqualTo(1);
    }

    /**
     * The items of /key/bulk_update follow the rule of /key/update: a budget tier is taken when it
     * exists, and an item naming one that does not fails with 404, changing nothing of its own.
     */
    @Test
    void bulkItemTakesAnExistingBudgetTierOnly(Scratch scratch) {
        Scratch.ScratchKey key = scratch.insertKey(new KeyShape(null, null, null));
        Scratch.ScratchKey other = scratch.insertKey(new KeyShape(null, null, null));
        String tier = scratch.name("tier");
        scratch.insertBudget(tier, 30, null);

        Response response = Keygate.api().post("/key/bulk_update", Map.of("keys", List.of(
                Map.of("key", key.token(), "max_budget", 20, "budget_id", "no-such-tier"),
                Map.of("key", other.token(), "budget_id", tier))), Actor.PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.header(HEADER)).as("nothing ignored").isNull();
        assertThat(response.body().path("failed_updates").get(0).path("code").asText()).isEqualTo("404");
        assertThat(response.body().path("successful_updates").get(0).path("key_info").path("budget_id").asText())
                .isEqualTo(tier);
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE token = ? AND max_budget IS NULL", key.token()))
                .as("key unchanged").isEqualTo(1);
    }
}
