package dev.keygate.keys;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The one response that carries a key's cleartext: {@code key}, beside every stored field, in LiteLLM's
 * {@code GenerateKeyResponse} shape.
 */
public record GeneratedKeyResponse(@JsonProperty("key") String key, @JsonUnwrapped KeyView view) {

    /** LiteLLM's name for the hash; Keygate's {@code token} stays beside it for Keygate's clients. */
    @JsonProperty("token_id")
    public String tokenId() {
        return view.token();
    }
}
