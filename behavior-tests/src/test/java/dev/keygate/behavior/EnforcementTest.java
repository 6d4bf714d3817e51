package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /key/verify} judging an LLM call ({@code route}, {@code model}, {@code fallbacks},
 * {@code estimated_tokens}) and {@code POST /spend/record} moving the budgets it judges: the codes
 * ROUTE_NOT_ALLOWED, MODEL_NOT_ALLOWED, BUDGET_EXCEEDED and RATE_LIMITED, each over real HTTP on a
 * key whose user, team and organization belong to the test.
 */
@BehaviorTest
class EnforcementTest {

    @Test
    void modelsOfTheKeyWildcardsAndAliasesDecide(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        set(f, "models = ?, aliases = ?::jsonb", new String[] {"gpt-4o", "openai/*"}, "{\"my-gpt\": \"gpt-4o\"}");

        assertCode(verify(f, Map.of("model", "gpt-4o")), "VALID");
        assertCode(verify(f, Map.of("model", "openai/gpt-4.1")), "VALID");
        assertCode(verify(f, Map.of("model", "my-gpt")), "VALID");
        JsonNode refused = verify(f, Map.of("model", "claude-3"));
        assertCode(refused, "MODEL_NOT_ALLOWED");
        assertThat(refused.path("valid").asBoolean()).isFalse();
        assertThat(refused.path("message").asText()).contains("claude-3");
        assertCode(verify(f, Map.of("model", "gpt-4o", "fallbacks", List.of("claude-3"))), "MODEL_NOT_ALLOWED");
    }

    @Test
    void allTeamModelsFollowsTheTeam(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        set(f, "models = ?", (Object) new String[] {"all-team-models"});
        Keygate.db().update("UPDATE teams SET models = ? WHERE team_id = ?", new String[] {"team-model"}, f.teamId());

        assertCode(verify(f, Map.of("model", "team-model")), "VALID");
        assertCode(verify(f, Map.of("model", "other-model")), "MODEL_NOT_ALLOWED");
    }

    @Test
    void keyTypeAndAllowedRoutesDecideTheRoute(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        set(f, "key_type = 'llm_api'");
        assertCode(verify(f, Map.of("route", "/v1/chat/completions")), "VALID");
        assertCode(verify(f, Map.of("route", "/key/generate")), "ROUTE_NOT_ALLOWED");

        set(f, "key_type = 'read_only'");
        assertCode(verify(f, Map.of("route", "/v1/chat/completions")), "ROUTE_NOT_ALLOWED");
        assertCode(verify(f, Map.of("route", "/key/info")), "VALID");

        set(f, "key_type = 'default', allowed_routes = ?", (Object) new String[] {"/v1/embeddings"});
        assertCode(verify(f, Map.of("route", "/v1/embeddings")), "VALID");
        assertCode(verify(f, Map.of("route", "/v1/chat/completions")), "ROUTE_NOT_ALLOWED");
        assertCode(verify(f, Map.of("route", "/global/spend/reset")), "ROUTE_NOT_ALLOWED");
    }

    @Test
    void recordedSpendReachesEveryLevelOnceAndUsesUpTheBudget(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        set(f, "max_budget = 1");
        Keygate.db().update("UPDATE team_memberships SET max_budget_in_team = 5 WHERE team_id = ?", f.teamId());

        JsonNode first = record(f, scratch.name("r1"), "0.75", 10, 20);
        assertThat(first.path("counted").asBoolean()).isTrue();
        assertThat(first.path("key_spend").decimalValue()).isEqualByComparingTo("0.75");
        JsonNode again = record(f, scratch.name("r1"), "0.75", 10, 20);
        assertThat(again.path("counted").asBoolean()).as("the same request id again: %s", again).isFalse();
        assertThat(f.spends()).allSatisfy(spend -> assertThat(spend).isEqualByComparingTo("0.75"));
        assertThat(Keygate.db().row("SELECT spend, prompt_tokens, completion_tokens, requests FROM spend_daily"
                + " WHERE token = ? AND model = 'gpt-4o'", f.key().token()).orElseThrow())
                .containsEntry("prompt_tokens", 10L).containsEntry("completion_tokens", 20L).containsEntry("requests", 1L);

        JsonNode standing = verify(f, Map.of("model", "gpt-4o"));
        assertCode(standing, "VALID");
        assertThat(standing.path("key").path("spend").decimalValue()).isEqualByComparingTo("0.75");
        assertThat(budget(standing, "key").path("remaining").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(budget(standing, "team_member").path("remaining").decimalValue()).isEqualByComparingTo("4.25");

        record(f, scratch.name("r2"), "0.25", 1, 1);
        JsonNode exceeded = verify(f, Map.of("model", "gpt-4o"));
        assertCode(exceeded, "BUDGET_EXCEEDED");
        assertThat(exceeded.path("message").asText()).contains("key");
        assertThat(exceeded.path("valid").asBoolean()).isFalse();
    }

    @Test
    void aTeamOverBudgetStopsEveryKeyOfTheTeam(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        Keygate.db().update("UPDATE teams SET max_budget = 2 WHERE team_id = ?", f.teamId());
        record(f, scratch.name("r1"), "2", 0, 0);

        JsonNode exceeded = verify(f, Map.of("model", "gpt-4o"));

        assertCode(exceeded, "BUDGET_EXCEEDED");
        assertThat(budget(exceeded, "team").path("remaining").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void rpmLimitRefusesTheCallPastItAndSaysWhenToRetry(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        set(f, "rpm_limit = 2");

        assertCode(verify(f, Map.of("model", "gpt-4o")), "VALID");
        assertCode(verify(f, Map.of("model", "gpt-4o")), "VALID");
        JsonNode limited = verify(f, Map.of("model", "gpt-4o"));

        assertCode(limited, "RATE_LIMITED");
        assertThat(limited.path("retry_after").asLong()).isBetween(1L, 60L);
        // A status question (no route, no model) counts nothing and still reports the standing.
        JsonNode status = Keygate.api().verify(f.key().credential()).assertStatus(200).body();
        assertThat(status.path("rate_limits").path(0).path("remaining").asLong()).isZero();
    }

    // ---- budget tiers: a key (an organization) with budget_id is held to the tier's limits where its
    // own are null; a tier change reaches keys checked from memory; a missing tier is 404 naming it;
    // a tier cannot lift a key above its team.

    @Test
    void aKeyWithoutItsOwnBudgetRunsOutAtItsTiersBudget(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        String tier = newTier(scratch, Map.of("max_budget", 1));

        JsonNode updated = Keygate.api().post("/key/update", Map.of("key", f.key().token(), "budget_id", tier),
                VerifyAnswers.MASTER).assertStatus(200).body();
        assertThat(updated.path("budget_id").asText()).isEqualTo(tier);
        assertThat(updated.path("max_budget").isNull()).as("the key's own budget stays unset").isTrue();

        record(f, scratch.name("r1"), "0.75", 1, 1);
        JsonNode standing = verify(f, Map.of("model", "gpt-4o"));
        assertCode(standing, "VALID");
        assertThat(budget(standing, "key").path("max_budget").decimalValue()).isEqualByComparingTo("1");
        record(f, scratch.name("r2"), "0.25", 1, 1);
        assertCode(verify(f, Map.of("model", "gpt-4o")), "BUDGET_EXCEEDED");
    }

    @Test
    void aTierUpdateReachesAKeyCheckedFromMemory(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        String tier = newTier(scratch, Map.of("max_budget", 1));
        Keygate.db().update("UPDATE keys SET budget_id = ? WHERE token = ?", tier, f.key().token());
        record(f, scratch.name("r1"), "0.5", 1, 1);
        assertCode(verify(f, Map.of("model", "gpt-4o")), "VALID");
        assertCode(verify(f, Map.of("model", "gpt-4o")), "VALID");

        Keygate.api().post("/budget/update", Map.of("budget_id", tier, "max_budget", 0.5), VerifyAnswers.MASTER)
                .assertStatus(200);

        assertCode(verify(f, Map.of("model", "gpt-4o")), "BUDGET_EXCEEDED");
    }

    @Test
    void theKeysOwnLimitWinsOverItsTier(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        String tier = newTier(scratch, Map.of("max_budget", 1));
        Keygate.db().update("UPDATE keys SET budget_id = ?, max_budget = 5 WHERE token = ?", tier, f.key().token());

        record(f, scratch.name("r1"), "2", 1, 1);

        assertCode(verify(f, Map.of("model", "gpt-4o")), "VALID");
    }

    @Test
    void anOrganizationsTierLimitsItsKeys(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        String tier = newTier(scratch, Map.of("max_budget", 1));

        JsonNode organization = Keygate.api().patch("/organization/update", Map.of("organization_id",
                f.organizationId(), "budget_id", tier), VerifyAnswers.MASTER).assertStatus(200).body();
        assertThat(organization.path("budget_id").asText()).isEqualTo(tier);
        assertThat(organization.path("litellm_budget_table").path("budget_id").asText()).isEqualTo(tier);
        assertThat(organization.path("litellm_budget_table").path("max_budget").decimalValue())
                .as("the tier's, where the organization has none").isEqualByComparingTo("1");
        assertThat(organization.path("max_budget").isNull()).as("the organization's own").isTrue();
        assertThat(organization.has("tier")).isFalse();

        record(f, scratch.name("r1"), "1", 1, 1);
        JsonNode exceeded = verify(f, Map.of("model", "gpt-4o"));
        assertCode(exceeded, "BUDGET_EXCEEDED");
        assertThat(budget(exceeded, "organization").path("max_budget").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void aTiersWindowStartsAgainForTheKeysWithoutTheirOwn(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        Scratch.ScratchKey ownWindow = scratch.insertKey(new KeyShape(f.userId(), f.teamId(), f.organizationId()));
        String tier = newTier(scratch, Map.of("max_budget", 1, "budget_duration", "1d"));
        Keygate.db().update("UPDATE budgets SET budget_reset_at = now() - interval '1 second' WHERE budget_id = ?", tier);
        Keygate.db().update("UPDATE keys SET budget_id = ?, spend = 1 WHERE token = ?", tier, f.key().token());
        Keygate.db().update("UPDATE keys SET budget_id = ?, spend = 1, budget_duration = '30d',"
                + " budget_reset_at = now() + interval '1 day' WHERE token = ?", tier, ownWindow.token());
        assertCode(verify(f, Map.of("model", "gpt-4o")), "BUDGET_EXCEEDED");

        Keygate.runTask("budget-reset");
        Keygate.awaitCacheSyncs();

        assertCode(verify(f, Map.of("model", "gpt-4o")), "VALID");
        assertThat(Keygate.db().count("SELECT count(*) FROM spend_resets WHERE subject = ? AND spend = 1",
                "key:" + f.key().token())).isEqualTo(1);
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE token = ? AND spend = 1", ownWindow.token()))
                .as("a key with its own budget_duration keeps its own window").isEqualTo(1);
        assertThat(Keygate.db().count("SELECT count(*) FROM budgets WHERE budget_id = ? AND budget_reset_at > now()",
                tier)).as("the tier's next reset").isEqualTo(1);
    }

    @Test
    void aTierThatDoesNotExistIs404NamingIt(Scratch scratch) {
        String missing = scratch.name("no-such-tier");
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = Keygate.api().post("/key/generate", Map.of("key_alias", scratch.name("k"), "budget_id",
                missing), VerifyAnswers.MASTER);

        response.assertError(404);
        assertThat(response.body().path("error").path("param").asText()).isEqualTo("budget_id");
        assertThat(response.body().path("error").path("message").asText()).contains(missing);
        before.assertUnchangedBy(response);
    }

    @Test
    void aTierCannotLiftAKeyAboveItsTeam(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        Keygate.db().update("UPDATE teams SET max_budget = 2 WHERE team_id = ?", f.teamId());
        String tier = newTier(scratch, Map.of("max_budget", 10));
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = Keygate.api().post("/key/update", Map.of("key", f.key().token(), "budget_id", tier),
                VerifyAnswers.MASTER);

        response.assertError(400);
        assertThat(response.body().path("error").path("param").asText()).isEqualTo("max_budget");
        before.assertUnchangedBy(response);
    }

    @Test
    void aKeyGeneratedWithATierAnswersIt(Scratch scratch) {
        String tier = newTier(scratch, Map.of("rpm_limit", 5));

        JsonNode generated = Keygate.api().post("/key/generate", Map.of("key_alias", scratch.name("k"), "budget_id",
                tier), VerifyAnswers.MASTER).assertStatus(200).body();

        assertThat(generated.path("budget_id").asText()).isEqualTo(tier);
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE budget_id = ?", tier)).isEqualTo(1);
        JsonNode info = Keygate.api().get("/key/info?key=" + generated.path("token").asText(), VerifyAnswers.MASTER)
                .assertStatus(200).body().path("info");
        assertThat(info.path("litellm_budget_table").path("budget_id").asText()).as("the tier's row").isEqualTo(tier);
        assertThat(info.path("litellm_budget_table").path("rpm_limit").asLong()).isEqualTo(5);
    }

    private static String newTier(Scratch scratch, Map<String, Object> limits) {
        String id = scratch.name("tier");
        Map<String, Object> body = new HashMap<>(limits);
        body.put("budget_id", id);
        Keygate.api().post("/budget/new", body, VerifyAnswers.MASTER).assertStatus(200);
        return id;
    }

    private static void set(SpendFixture f, String assignments, Object... params) {
        Object[] all = new Object[params.length + 1];
        System.arraycopy(params, 0, all, 0, params.length);
        all[params.length] = f.key().token();
        Keygate.db().update("UPDATE keys SET " + assignments + " WHERE token = ?", all);
    }

    private static JsonNode verify(SpendFixture f, Map<String, Object> call) {
        return Keygate.api().post("/key/verify", new HashMap<>(call), f.key().credential()).assertStatus(200).body();
    }

    private static JsonNode record(SpendFixture f, String requestId, String spend, long prompt, long completion) {
        return Keygate.api().post("/spend/record", Map.of("key", f.key().cleartext(), "request_id", requestId, "model",
                "gpt-4o", "spend", new BigDecimal(spend), "prompt_tokens", prompt, "completion_tokens", completion),
                VerifyAnswers.MASTER).assertStatus(200).body();
    }

    private static void assertCode(JsonNode answer, String code) {
        assertThat(answer.path("code").asText()).as("code of %s", answer).isEqualTo(code);
    }

    private static JsonNode budget(JsonNode answer, String scope) {
        for (JsonNode budget : answer.path("budgets")) {
            if (budget.path("scope").asText().equals(scope)) {
                return budget;
            }
        }
        throw new AssertionError("no " + scope + " budget in " + answer);
    }
}
