package dev.keygate.keys;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The one response that carries a key's cleartext: {@code key}, beside every stored field. */
public record GeneratedKeyResponse(@JsonProperty("key") String key, @JsonUnwrapped KeyView view) {}
