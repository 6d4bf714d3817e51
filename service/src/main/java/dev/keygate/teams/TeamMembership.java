package dev.keygate.teams;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of LiteLLM's {@code team_memberships}: a member's spend in the team and their budget there.
 * LiteLLM keeps that budget in a budget table row ({@code budget_id}); Keygate keeps only
 * {@code max_budget_in_team}, so {@code budget_id} is null and {@code litellm_budget_table} holds just
 * {@code max_budget} (null when the member has no budget in the team).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TeamMembership(String userId, String teamId, String budgetId, BigDecimal spend,
                             Map<String, Object> litellmBudgetTable) {

    static TeamMembership of(TeamMemberRow row) {
        return new TeamMembership(row.userId(), row.teamId(), null, row.spend(), budgetTable(row.maxBudgetInTeam()));
    }

    private static Map<String, Object> budgetTable(BigDecimal maxBudget) {
        if (maxBudget == null) {
            return null;
        }
        Map<String, Object> table = new LinkedHashMap<>();
        for (String field : new String[] {"budget_id", "soft_budget", "max_parallel_requests", "tpm_limit",
                "rpm_limit", "model_max_budget", "budget_duration"}) {
            table.put(field, null);
        }
        table.put("max_budget", maxBudget);
        return Collections.unmodifiableMap(table);
    }
}
