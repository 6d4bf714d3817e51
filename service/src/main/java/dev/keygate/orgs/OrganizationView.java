package dev.keygate.orgs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
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
 * An organization as the API shows it. LiteLLM keeps an organization's budget in a budget row; Keygate
 * keeps it on the organization, so {@code litellm_budget_table} shows those same fields, with
 * {@code budget_id} the organization's budget tier (null without one), whose limits apply where these
 * are null ({@code /budget/info} shows them).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrganizationView(
        String organizationId,
        String organizationAlias,
        List<String> models,
        BigDecimal maxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        Long tpmLimit,
        Long rpmLimit,
        BigDecimal spend,
        Map<String, Object> metadata,
        String budgetId,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {

    public static OrganizationView of(OrganizationRow row, JsonColumns json) {
        return new OrganizationView(row.organizationId(), row.organizationAlias(), row.models(), row.maxBudget(),
                row.budgetDuration(), row.budgetResetAt(), row.tpmLimit(), row.rpmLimit(), row.spend(),
                json.read(row.metadata()), row.budgetId(), row.createdBy(), row.updatedBy(), row.createdAt(), row.updatedAt());
    }

    /** LiteLLM's fields for what Keygate lacks: budget rows, object permissions, its included users list. */
    private static final Map<String, Object> LITELLM_ONLY = liteLlmOnly();

    @JsonProperty("litellm_budget_table")
    public Map<String, Object> litellmBudgetTable() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("budget_id", budgetId);
        table.put("soft_budget", null);
        table.put("max_budget", maxBudget);
        table.put("max_parallel_requests", null);
        table.put("tpm_limit", tpmLimit);
        table.put("rpm_limit", rpmLimit);
        table.put("model_max_budget", null);
        table.put("budget_duration", budgetDuration);
        return table;
    }

    @JsonAnyGetter
    Map<String, Object> liteLlmOnlyFields() {
        return LITELLM_ONLY;
    }

    private static Map<String, Object> liteLlmOnly() {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : List.of("users", "object_permission", "object_permission_id")) {
            fields.put(name, null);
        }
        return Collections.unmodifiableMap(fields);
    }
}
