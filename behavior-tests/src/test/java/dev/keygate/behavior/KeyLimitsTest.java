package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.Scratch.ScratchKey;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Limits flow downwards: a key in a team may not go beyond the team's models, budget or rate
 * limits, whoever asks (here the proxy admin, who may do anything else). 400 names the field.
 */
@BehaviorTest
class KeyLimitsTest {

    @Test
    void generateWithModelOutsideTeamModels400(Scratch scratch) {
        refused(scratch, "models", Map.of("models", List.of("gpt-4o-mini")));
    }

    @Test
    void generateAboveTeamMaxBudget400(Scratch scratch) {
        refused(scratch, "max_budget", Map.of("max_budget", 20));
    }

    @Test
    void generateAboveTeamTpmLimit400(Scratch scratch) {
        refused(scratch, "tpm_limit", Map.of("tpm_limit", 1000));
    }

    @Test
    void generateWithinTeamLimits200(Scratch scratch) {
        String team = limitedTeam(scratch);
        String alias = scratch.name("within");

        Response response = generate(team, alias, Map.of("models", List.of("gpt-4o"), "max_budget", 5, "tpm_limit", 50));

        response.assertStatus(200);
        String key = response.body().path("key").asText();
        String token = Keys.token(key);
        assertThat(KeyChecks.keyColumn(token, "array_to_string(models, ',')")).as("stored models").isEqualTo("gpt-4o");
        assertThat((BigDecimal) KeyChecks.keyColumn(token, "max_budget")).as("stored max_budget").isEqualByComparingTo("5");
        assertThat(KeyChecks.keyColumn(token, "tpm_limit")).as("stored tpm_limit").isEqualTo(50L);
        KeyChecks.assertAudited("key.generate", token, key, token);
    }

    @Test
    void updateRaisingMaxBudgetAboveTeams400(Scratch scratch) {
        String team = limitedTeam(scratch);
        ScratchKey key = scratch.insertKey(new KeyShape(null, team, World.ORG_A));
        KeyChecks.Snapshot before = KeyChecks.snapshot(key.token());

        Response response = Keygate.api().post("/key/update", Map.of("key", key.token(), "max_budget", 20), PROXY_ADMIN.credential());

        response.assertError(400);
        assertThat(response.body().path("error").path("param").asText()).as("error.param of %s", response).isEqualTo("max_budget");
        KeyChecks.assertUntouched(key, before);
    }

    /** A generate in the limited team asking for {@code excess}: 400 on {@code param}, nothing stored or audited. */
    private static void refused(Scratch scratch, String param, Map<String, Object> excess) {
        String alias = scratch.name("excess");

        Response response = generate(limitedTeam(scratch), alias, excess);

        response.assertError(400);
        assertThat(response.body().path("error").path("param").asText()).as("error.param of %s", response).isEqualTo(param);
        assertThat(KeyChecks.keysWithAlias(alias)).as("keys stored under %s", alias).isZero();
        assertThat(KeyChecks.generateAuditsForAlias(alias)).as("key.generate audit rows for %s", alias).isZero();
    }

    private static Response generate(String team, String alias, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("team_id", team);
        body.put("key_alias", alias);
        return Keygate.api().post("/key/generate", body, PROXY_ADMIN.credential());
    }

    /** A scratch team of org_a allowing gpt-4o only, a budget of 10 and 100 tokens a minute. */
    private static String limitedTeam(Scratch scratch) {
        String team = scratch.name("limited");
        scratch.insertTeam(team, World.ORG_A);
        Keygate.db().update("UPDATE teams SET models = ?, max_budget = ?, tpm_limit = ? WHERE team_id = ?",
                new String[] {"gpt-4o"}, new BigDecimal("10"), 100L, team);
        return team;
    }
}
