package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.KeyType;
import dev.keygate.web.InputLimits.JsonNumbers;
import dev.keygate.web.InputLimits;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** POST /key/generate. Every field is optional; unknown fields are rejected (422). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GenerateKeyRequest(
        @InputLimits.Alias String keyAlias,
        @InputLimits.Id String key,
        String duration,
        List<@InputLimits.Name String> models,
        @InputLimits.Budget BigDecimal maxBudget,
        String budgetDuration,
        @InputLimits.Budget BigDecimal softBudget,
        @InputLimits.Budget BigDecimal spend,
        @InputLimits.Id String userId,
        @InputLimits.Id String teamId,
        @InputLimits.Id String organizationId,
        @InputLimits.JsonObject Map<String, Object> metadata,
        @InputLimits.RateLimit Long tpmLimit,
        @InputLimits.RateLimit Long rpmLimit,
        @InputLimits.RateLimit Integer maxParallelRequests,
        @InputLimits.JsonObject(numbers = JsonNumbers.BUDGETS) Map<String, Object> modelMaxBudget,
        @InputLimits.JsonObject(numbers = JsonNumbers.RATE_LIMITS) Map<String, Object> modelRpmLimit,
        @InputLimits.JsonObject(numbers = JsonNumbers.RATE_LIMITS) Map<String, Object> modelTpmLimit,
        List<@InputLimits.Name String> allowedRoutes,
        KeyType keyType,
        Boolean blocked,
        List<@InputLimits.Name String> tags,
        @InputLimits.JsonObject Map<String, Object> permissions,
        @InputLimits.JsonObject Map<String, Object> aliases,
        @InputLimits.Id String budgetId) {

    /** A key with nothing set but its metadata: created by Keygate itself (a client's auto-registered key). */
    public static GenerateKeyRequest withMetadata(Map<String, Object> metadata) {
        return new GenerateKeyRequest(null, null, null, null, null, null, null, null, null, null, null, metadata, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The key's own fields this request sets, by wire name, for the policy's rule on who may set
     * what (the same rule as /key/update). Where the key goes (user, team, organization) and its
     * secret are not among them; a value that means "the default" (null, an empty list or object,
     * {@code blocked: false}, {@code key_type: default}) sets nothing.
     */
    public Set<String> fieldsSet() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key_alias", keyAlias);
        fields.put("duration", duration);
        fields.put("models", models);
        fields.put("max_budget", maxBudget);
        fields.put("budget_duration", budgetDuration);
        fields.put("soft_budget", softBudget);
        fields.put("spend", spend);
        fields.put("metadata", metadata);
        fields.put("tpm_limit", tpmLimit);
        fields.put("rpm_limit", rpmLimit);
        fields.put("max_parallel_requests", maxParallelRequests);
        fields.put("model_max_budget", modelMaxBudget);
        fields.put("model_rpm_limit", modelRpmLimit);
        fields.put("model_tpm_limit", modelTpmLimit);
        fields.put("allowed_routes", allowedRoutes);
        fields.put("key_type", keyType == KeyType.DEFAULT ? null : keyType);
        fields.put("blocked", Boolean.TRUE.equals(blocked) ? blocked : null);
        fields.put("tags", tags);
        fields.put("permissions", permissions);
        fields.put("aliases", aliases);
        fields.put("budget_id", budgetId);
        return fields.entrySet().stream()
                .filter(field -> isSet(field.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static boolean isSet(Object value) {
        return value != null && !(value instanceof Collection<?> list && list.isEmpty())
                && !(value instanceof Map<?, ?> object && object.isEmpty());
    }

    public static GenerateKeyRequest empty() {
        return new GenerateKeyRequest(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
