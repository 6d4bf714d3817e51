package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * POST /key/bulk_update, LiteLLM's BulkUpdateKeyResponse. {@code key} is the item's key as a token
 * (a cleartext sent is answered by its hash). A failed item's {@code key_info} is always null:
 * LiteLLM shows the key as it is, which would show a key to a caller refused it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BulkUpdateKeysResponse(int totalRequested, List<Updated> successfulUpdates, List<Failed> failedUpdates) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Updated(String key, KeyView keyInfo) {}

    /** {@code code} (Keygate's, beside LiteLLM's fields) is the status /key/update would have answered, as in the error envelope. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Failed(String key, KeyView keyInfo, String failedReason, String code) {}
}
