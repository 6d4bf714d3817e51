package dev.keygate.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code auth:} section of config.yml. */
public class AuthConfig {

    /** Empty means: read or create {@code <dataDir>/master-key}. */
    private String masterKey = "";

    /** An extra header that may carry a key, tried after the standard ones (LiteLLM's custom header). */
    private String customKeyHeader = "";

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
