package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.KeyType;
import dev.keygate.web.InputLimits.JsonNumbers;
import dev.keygate.web.InputLimits;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

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
        @InputLimits.JsonObject Map<String, Object> aliases) {

    public static GenerateKeyRequest empty() {
        return new GenerateKeyRequest(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
