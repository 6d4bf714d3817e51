package dev.keygate.keys;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * A deleted key in /key/list?status=deleted with return_full_object: the key as it was when deleted,
 * with LiteLLM's {@code deleted_at} and {@code deleted_by} (the deleting caller's actor id) beside it.
 */
public record DeletedKeyView(@JsonUnwrapped KeyView key, @JsonProperty("deleted_at") Instant deletedAt,
                             @JsonProperty("deleted_by") String deletedBy) {}
