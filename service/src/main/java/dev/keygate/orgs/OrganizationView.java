package dev.keygate.orgs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.budgets.BudgetView;
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
 * {@code budget_id} the organization's budget tier (null without one), whose values stand there where
 * the organization's own are null, as they apply.
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
        Instant updatedAt,
        @JsonIgnore BudgetView tier) {

    /** Without its tier's values in {@code litellm_budget_table} (the audit trail's record of the row). */
    public static OrganizationView of(OrganizationRow row, JsonColumns json) {
        return of(row, null, json);
    }

    /** With {@code tier}, the organization's budget tier (null: none), filling {@code litellm_budget_table}. */
    public static OrganizationView of(OrganizationRow row, BudgetView tier, JsonColumns json) {
        return new OrganizationView(row.organizationId(), row.organizationAlias(), row.models(), row.maxBudget(),
                row.budgetDuration(), row.budgetResetAt(), row.tpmLimit(), row.rpmLimit(), row.spend(),
                json.read(row.metadata()), row.budgetId(), row.createdBy(), row.updatedBy(), row.createdAt(), row.updatedAt(),
                tier);
    }

    /** LiteLLM's fields for what Keygate lacks: budget rows, object permissions, its included users list. */
    private static final Map<String, Object> LITELLM_ONLY = liteLlmOnly();

    /** The limits the organization is held to: its own, and its tier's where its own are null. */
    @JsonProperty("litellm_budget_table")
    public Map<String, Object> litellmBudgetTable() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("budget_id", budgetId);
        table.put("soft_budget", tier == null ? null : tier.softBudget());
        table.put("max_budget", maxBudget != null || tier == null ? maxBudget : tier.maxBudget());
        table.put("max_parallel_requests", tier == null ? null : tier.maxParallelRequests());
        table.put("tpm_limit", tpmLimit != null || tier == null ? tpmLimit : tier.tpmLimit());
        table.put("rpm_limit", rpmLimit != null || tier == null ? rpmLimit : tier.rpmLimit());
        table.put("model_max_budget", tier == null ? null : tier.modelMaxBudget());
        table.put("budget_duration", budgetDuration != null || tier == null ? budgetDuration : tier.budgetDuration());
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
