package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.KeyType;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * POST /key/update and /key/regenerate. A field that is absent stays as it is; {@code Optional}
 * fields may also be sent as null to clear them (for {@code duration}: never expire).
 * {@code grace_period} and {@code new_key} only mean something to regenerate.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KeyChangeRequest(
        String key,
        Optional<String> keyAlias,
        Optional<String> duration,
        List<String> models,
        Optional<@PositiveOrZero BigDecimal> maxBudget,
        Optional<String> budgetDuration,
        Optional<@PositiveOrZero BigDecimal> softBudget,
        @PositiveOrZero BigDecimal spend,
        Map<String, Object> metadata,
        Optional<@PositiveOrZero Long> tpmLimit,
        Optional<@PositiveOrZero Long> rpmLimit,
        Optional<@PositiveOrZero Integer> maxParallelRequests,
        Map<String, Object> modelMaxBudget,
        Map<String, Object> modelRpmLimit,
        Map<String, Object> modelTpmLimit,
        List<String> allowedRoutes,
        KeyType keyType,
        Boolean blocked,
        List<String> tags,
        Map<String, Object> permissions,
        Map<String, Object> aliases,
        String gracePeriod,
        String newKey,
        String newKeyAlias) {

    public static KeyChangeRequest forKey(String key) {
        return new KeyChangeRequest(key, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    /** When key_alias only found the key, it is not also a change. */
    public KeyChangeRequest withoutAlias() {
        return new KeyChangeRequest(key, null, duration, models, maxBudget, budgetDuration, softBudget, spend,
                metadata, tpmLimit, rpmLimit, maxParallelRequests, modelMaxBudget, modelRpmLimit, modelTpmLimit,
                allowedRoutes, keyType, blocked, tags, permissions, aliases, gracePeriod, newKey, newKeyAlias);
    }

    public KeyChangeRequest withKey(String pathKey) {
        return new KeyChangeRequest(pathKey, keyAlias, duration, models, maxBudget, budgetDuration, softBudget, spend,
                metadata, tpmLimit, rpmLimit, maxParallelRequests, modelMaxBudget, modelRpmLimit, modelTpmLimit,
                allowedRoutes, keyType, blocked, tags, permissions, aliases, gracePeriod, newKey, newKeyAlias);
    }
}
