package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.KeyType;
import dev.keygate.compat.LiteLlmMetadataFields;
import dev.keygate.web.InputLimits.JsonNumbers;
import dev.keygate.web.InputLimits;
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
public final class KeyChangeRequest implements LiteLlmMetadataFields.Carrier {
    public @InputLimits.Id String key;
    /** Where the key goes: another team, owner or organization moves it (null leaves); where it is already changes nothing. */
    public Optional<@InputLimits.Id String> teamId;
    public Optional<@InputLimits.Id String> userId;
    public Optional<@InputLimits.Id String> organizationId;
    public Optional<@InputLimits.Alias String> keyAlias;
    public Optional<String> duration;
    public List<@InputLimits.Name String> models;
    public Optional<@InputLimits.Budget BigDecimal> maxBudget;
    public Optional<String> budgetDuration;
    public Optional<@InputLimits.Budget BigDecimal> softBudget;
    public @InputLimits.Budget BigDecimal spend;
    public @InputLimits.JsonObject Map<String, Object> metadata;
    public Optional<@InputLimits.RateLimit Long> tpmLimit;
    public Optional<@InputLimits.RateLimit Long> rpmLimit;
    public Optional<@InputLimits.RateLimit Integer> maxParallelRequests;
    public @InputLimits.JsonObject(numbers = JsonNumbers.BUDGETS) Map<String, Object> modelMaxBudget;
    public @InputLimits.JsonObject(numbers = JsonNumbers.RATE_LIMITS) Map<String, Object> modelRpmLimit;
    public @InputLimits.JsonObject(numbers = JsonNumbers.RATE_LIMITS) Map<String, Object> modelTpmLimit;
    public List<@InputLimits.Name String> allowedRoutes;
    public KeyType keyType;
    public Boolean blocked;
    public List<@InputLimits.Name String> tags;
    public @InputLimits.JsonObject Map<String, Object> permissions;
    public @InputLimits.JsonObject Map<String, Object> aliases;
    /** The key's budget tier (null: none): its limits apply where the key's own are null. */
    public Optional<@InputLimits.Id String> budgetId;
    public String gracePeriod;
    public @InputLimits.Id String newKey;
    public @InputLimits.Alias String newKeyAlias;
    /** LiteLLM's metadata fields this body sent (LiteLlmFieldsFilter): each replaces that metadata entry. */
    private final LiteLlmMetadataFields.Kept keptInMetadata = new LiteLlmMetadataFields.Kept();

    @Override
    public LiteLlmMetadataFields.Kept keptInMetadata() {
        return keptInMetadata;
    }
}
