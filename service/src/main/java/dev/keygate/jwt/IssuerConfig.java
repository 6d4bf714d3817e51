package dev.keygate.jwt;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import java.util.List;

/**
 * One identity provider in {@code jwt.issuers}: the {@code iss} its tokens carry, where its signing
 * keys are published, the audience its tokens must name, and (inherited) claim fields that override
 * the top-level ones for its tokens.
 */
public class IssuerConfig extends ClaimFields {

    private String issuer = "";
    private List<String> jwksUrl = List.of();
    private String oidcDiscoveryUrl = "";
    private String audience = "";
    private boolean disableAudienceValidation;

    @JsonProperty("issuer")
    public String getIssuer() {
        return issuer;
    }

    @JsonProperty("issuer")
    public void setIssuer(String issuer) {
        this.issuer = issuer == null ? "" : issuer.strip();
    }

    /** One URL or a list: the JWKS documents are read and their keys used together. */
    @JsonProperty("jwks_url")
    public List<String> getJwksUrl() {
        return jwksUrl;
    }

    @JsonProperty("jwks_url")
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public void setJwksUrl(List<String> urls) {
        this.jwksUrl = urls == null ? List.of() : urls.stream().map(String::strip).filter(url -> !url.isEmpty()).toList();
    }

    /** {@code .../.well-known/openid-configuration}: its {@code jwks_uri} is used (and its issuer must match). */
    @JsonProperty("oidc_discovery_url")
    public String getOidcDiscoveryUrl() {
        return oidcDiscoveryUrl;
    }

    @JsonProperty("oidc_discovery_url")
    public void setOidcDiscoveryUrl(String url) {
        this.oidcDiscoveryUrl = url == null ? "" : url.strip();
    }

    @JsonProperty("audience")
    public String getAudience() {
        return audience;
    }

    @JsonProperty("audience")
    public void setAudience(String audience) {
        this.audience = audience == null ? "" : audience.strip();
    }

    @JsonProperty("disable_audience_validation")
    public boolean isDisableAudienceValidation() {
        return disableAudienceValidation;
    }

    @JsonProperty("disable_audience_validation")
    public void setDisableAudienceValidation(boolean disable) {
        this.disableAudienceValidation = disable;
    }

    /** An entry with no issuer is ignored: config.yml carries one filled from the environment, often empty. */
    public boolean isConfigured() {
        return !issuer.isEmpty();
    }

    @AssertTrue(message = "needs jwks_url or oidc_discovery_url (where the issuer's signing keys are)")
    public boolean isKeySourceGiven() {
        return !isConfigured() || !jwksUrl.isEmpty() || !oidcDiscoveryUrl.isEmpty();
    }

    @AssertTrue(message = "needs an audience, or disable_audience_validation: true to accept tokens for any audience")
    public boolean isAudienceDecided() {
        return !isConfigured() || !audience.isEmpty() || disableAudienceValidation;
    }
}
