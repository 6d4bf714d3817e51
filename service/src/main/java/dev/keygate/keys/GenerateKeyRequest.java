package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.KeyType;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** POST /key/generate. Every field is optional; unknown fields are rejected (422). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GenerateKeyRequest(
        String keyAlias,
        String key,
        String duration,
        List<String> models,
        @PositiveOrZero BigDecimal maxBudget,
        String budgetDuration,
        @PositiveOrZero BigDecimal softBudget,
        @PositiveOrZero BigDecimal spend,
        String userId,
        String teamId,
        String organizationId,
        Map<String, Object> metadata,
        @PositiveOrZero Long tpmLimit,
        @PositiveOrZero Long rpmLimit,
        @PositiveOrZero Integer maxParallelRequests,
        Map<String, Object> modelMaxBudget,
        Map<String, Object> modelRpmLimit,
        Map<String, Object> modelTpmLimit,
        List<String> allowedRoutes,
        KeyType keyType,
        Boolean blocked,
        List<String> tags,
        Map<String, Object> permissions,
        Map<String, Object> aliases) {

    public static GenerateKeyRequest empty() {
        return new GenerateKeyRequest(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
