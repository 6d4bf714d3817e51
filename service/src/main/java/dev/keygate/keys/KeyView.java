package dev.keygate.keys;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.budgets.BudgetView;
import dev.keygate.db.JsonColumns;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A key as the API shows it: every stored field, never the cleartext. {@code token} is its id. Every
 * answer that shows a key (info, list, block, the keys inside teams and users, generate, update) also
 * carries LiteLLM's key fields for what Keygate does not have ({@link LiteLlmKeyFields}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KeyView(
        String token,
        String keyName,
        String keyAlias,
        String userId,
        String teamId,
        String organizationId,
        List<String> models,
        BigDecimal maxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        BigDecimal softBudget,
        BigDecimal spend,
        Long tpmLimit,
        Long rpmLimit,
        Integer maxParallelRequests,
        Map<String, Object> modelMaxBudget,
        Map<String, Object> modelRpmLimit,
        Map<String, Object> modelTpmLimit,
        List<String> allowedRoutes,
        String keyType,
        boolean blocked,
        Instant expires,
        Map<String, Object> metadata,
        List<String> tags,
        Map<String, Object> permissions,
        Map<String, Object> aliases,
        String budgetId,
        BudgetView litellmBudgetTable,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {

    /** The key without its budget tier's row ({@code litellm_budget_table} null, as LiteLLM's unjoined rows). */
    public static KeyView of(KeyRow row, JsonColumns json) {
        return of(row, null, json);
    }

    /** The key with its budget tier's row in {@code litellm_budget_table}, as LiteLLM's key lookups join it. */
    public static KeyView of(KeyRow row, BudgetView tier, JsonColumns json) {
        return new KeyView(row.token(), row.keyName(), row.keyAlias(), row.userId(), row.teamId(),
                row.organizationId(), row.models(), row.maxBudget(), row.budgetDuration(), row.budgetResetAt(),
                row.softBudget(), row.spend(), row.tpmLimit(), row.rpmLimit(), row.maxParallelRequests(),
                json.read(row.modelMaxBudget()), json.read(row.modelRpmLimit()), json.read(row.modelTpmLimit()),
                row.allowedRoutes(), row.keyType(), row.blocked(), row.expires(), json.read(row.metadata()),
                row.tags(), json.read(row.permissions()), json.read(row.aliases()), row.budgetId(), tier, row.createdBy(),
                row.updatedBy(), row.createdAt(), row.updatedAt());
    }

    /** LiteLLM's key table names the key's organization twice; {@code org_id} is the older name. */
    @JsonProperty("org_id")
    public String orgId() {
        return organizationId;
    }

    @JsonAnyGetter
    Map<String, Object> liteLlmOnlyFields() {
        return LiteLlmKeyFields.ABSENT;
    }
}
