package dev.keygate.keys;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * POST /key/update in LiteLLM's shape, {@code {"key": <as named>, **updated key}}. {@code key} is the
 * token: that is what a request naming the key by hash sent, and a request naming it by cleartext or
 * alias gets the hash rather than a secret echoed back.
 */
public record UpdatedKeyResponse(@JsonProperty("key") String key, @JsonUnwrapped KeyView view) {

    static UpdatedKeyResponse of(KeyView view) {
        return new UpdatedKeyResponse(view.token(), view);
    }
}
