package dev.keygate.budgets;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.db.JsonColumns;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A budget tier as the API shows it: LiteLLM's {@code LiteLLM_BudgetTable} row, field for field. Also
 * what {@code litellm_budget_table} holds on the objects that use the tier.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BudgetView(
        String budgetId,
        BigDecimal maxBudget,
        BigDecimal softBudget,
        Integer maxParallelRequests,
        Long tpmLimit,
        Long rpmLimit,
        Map<String, Object> modelMaxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * LiteLLM's budget row also carries {@code allowed_models} (its column default: empty, any model;
     * Keygate's tiers do not limit models) and its relations, null unless a query includes them.
     */
    private static final Map<String, Object> LITELLM_ONLY = liteLlmOnly();

    public static BudgetView of(BudgetRow row, JsonColumns json) {
        return new BudgetView(row.budgetId(), row.maxBudget(), row.softBudget(), row.maxParallelRequests(),
                row.tpmLimit(), row.rpmLimit(), row.modelMaxBudget() == null ? null : json.read(row.modelMaxBudget()),
                row.budgetDuration(), row.budgetResetAt(), row.createdBy(), row.updatedBy(), row.createdAt(),
                row.updatedAt());
    }

    @JsonAnyGetter
    Map<String, Object> liteLlmOnlyFields() {
        return LITELLM_ONLY;
    }

    private static Map<String, Object> liteLlmOnly() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("allowed_models", List.of());
        for (String relation : List.of("organization", "projects", "keys", "end_users", "tags", "team_membership",
                "organization_membership")) {
            fields.put(relation, null);
        }
        return Collections.unmodifiableMap(fields);
    }
}
