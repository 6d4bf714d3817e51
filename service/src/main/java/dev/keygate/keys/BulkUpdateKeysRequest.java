package dev.keygate.keys;

import dev.keygate.compat.LiteLlmMetadataFields;
import jakarta.validation.Valid;
import java.util.List;

/**
 * POST /key/bulk_update, LiteLLM's BulkUpdateKeyRequest: each item is a /key/update body naming its
 * key in {@code key} (LiteLLM's items carry key, budget_id, max_budget, team_id and tags; Keygate
 * takes every /key/update field, so those are covered as /key/update covers them).
 */
public record BulkUpdateKeysRequest(List<@Valid KeyChangeRequest> keys) implements LiteLlmMetadataFields.ItemCarriers {

    /** LiteLLM's limit, kept: one request may not hold more updates than this. */
    static final int MAX_KEYS = 500;

    @Override
    public List<KeyChangeRequest> carriers() {
        return keys == null ? List.of() : keys;
    }
}
