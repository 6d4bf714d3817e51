package dev.keygate.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keygate.auth.cache.CacheConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The {@code auth:} section of config.yml. */
public class AuthConfig {

    /** Empty means: read or create {@code <dataDir>/master-key}. */
    private String masterKey = "";

    /** An extra header that may carry a key, tried after the standard ones (LiteLLM's custom header). */
    private String customKeyHeader = "";

    @Valid
    @NotNull
    private CacheConfig cache = new CacheConfig();

    @JsonProperty
    public CacheConfig getCache() {
        return cache;
    }

    @JsonProperty
    public void setCache(CacheConfig cache) {
        this.cache = cache;
    }

    @JsonProperty
    public String getMasterKey() {
        return masterKey;
    }

    @JsonProperty
    public void setMasterKey(String masterKey) {
        this.masterKey = masterKey == null ? "" : masterKey;
    }

    @JsonProperty
    public String getCustomKeyHeader() {
        return customKeyHeader;
    }

    @JsonProperty
    public void setCustomKeyHeader(String customKeyHeader) {
        this.customKeyHeader = customKeyHeader == null ? "" : customKeyHeader;
    }
}
