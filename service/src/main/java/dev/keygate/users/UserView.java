package dev.keygate.users;

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
 * A user as the API shows it, with LiteLLM's user fields for what Keygate does not have (user rate
 * limits, per-model budgets and spend, object permissions, invitations, single sign-on, the legacy
 * team and organization columns), each with the value LiteLLM gives a user that does not use it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserView(
        String userId,
        String userEmail,
        String userAlias,
        String userRole,
        List<String> models,
        BigDecimal maxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        BigDecimal spend,
        Map<String, Object> metadata,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {

    public static UserView of(UserRow row, JsonColumns json) {
        return new UserView(row.userId(), row.userEmail(), row.userAlias(), row.userRole(), row.models(),
                row.maxBudget(), row.budgetDuration(), row.budgetResetAt(), row.spend(), json.read(row.metadata()), row.createdBy(), row.updatedBy(),
                row.createdAt(), row.updatedAt());
    }

    private static final Map<String, Object> LITELLM_ONLY = liteLlmOnly();

    @JsonAnyGetter
    Map<String, Object> liteLlmOnlyFields() {
        return LITELLM_ONLY;
    }

    private static Map<String, Object> liteLlmOnly() {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : List.of("tpm_limit", "rpm_limit", "max_parallel_requests", "object_permission",
                "object_permission_id", "sso_user_id", "team_id", "organization_id", "litellm_organization_table",
                "invitations_created", "invitations_updated", "invitations_user")) {
            fields.put(name, null);
        }
        fields.put("model_max_budget", Map.of());
        fields.put("model_spend", Map.of());
        fields.put("allowed_cache_controls", List.of());
        fields.put("policies", List.of());
        return Collections.unmodifiableMap(fields);
    }
}
