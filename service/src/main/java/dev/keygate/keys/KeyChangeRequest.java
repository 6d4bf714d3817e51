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
 * POST /key/update and /key/regenerate. Fields, not a record: Jackson leaves an absent field null
 * but sets an explicit JSON null as {@code Optional.empty()}, which is how "absent fields stay"
 * and "null clears" are told apart (for {@code duration}: null or "-1" means never expire).
 * {@code grace_period}, {@code new_key} and {@code new_key_alias} only mean something to regenerate.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public final class KeyChangeRequest {
    public String key;
    public Optional<String> keyAlias;
    public Optional<String> duration;
    public List<String> models;
    public Optional<@PositiveOrZero BigDecimal> maxBudget;
    public Optional<String> budgetDuration;
    public Optional<@PositiveOrZero BigDecimal> softBudget;
    public @PositiveOrZero BigDecimal spend;
    public Map<String, Object> metadata;
    public Optional<@PositiveOrZero Long> tpmLimit;
    public Optional<@PositiveOrZero Long> rpmLimit;
    public Optional<@PositiveOrZero Integer> maxParallelRequests;
    public Map<String, Object> modelMaxBudget;
    public Map<String, Object> modelRpmLimit;
    public Map<String, Object> modelTpmLimit;
    public List<String> allowedRoutes;
    public KeyType keyType;
    public Boolean blocked;
    public List<String> tags;
    public Map<String, Object> permissions;
    public Map<String, Object> aliases;
    public String gracePeriod;
    public String newKey;
    public String newKeyAlias;
}
