package dev.keygate.jwt;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keygate.auth.UserRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;

/**
 * The {@code jwt:} section: sign-in with tokens an identity provider issues. Off by default. Option
 * names are LiteLLM's ({@code litellm_jwtauth}), so a LiteLLM configuration carries over; an option
 * Keygate does not know stops the start naming it (Dropwizard refuses unknown fields).
 * The claim fields (inherited) are the defaults for every issuer.
 */
public class JwtConfig extends ClaimFields {

    private boolean enabled;

    @Valid
    @NotNull
    private List<IssuerConfig> issuers = List.of();

    /** A token with this scope is a proxy admin. */
    private String adminJwtScope = "litellm_proxy_admin";

    @Valid
    @NotNull
    private List<RoleMapping> roleMappings = List.of();

    @Valid
    @NotNull
    private List<ScopeMapping> scopeMappings = List.of();

    /** A token may then call only the routes, and use only the models, its scopes' mappings grant. */
    private boolean enforceScopeBasedAccess;

    /** A token that maps to no role (neither the admin scope nor a role mapping) is refused (403). */
    private boolean enforceRbac;

    /** Roles of {@code user_roles_jwt_field} of which a token must carry one (empty: any). */
    @NotNull
    private Set<String> userAllowedRoles = Set.of();

    /** Creates the user named by a token on first sight (with the token's email). */
    private boolean userIdUpsert;

    /** Creates the team named by a token on first sight (with {@code team_alias_jwt_field}'s alias). */
    private boolean teamIdUpsert;

    /** The claim with the alias of a team created by {@code team_id_upsert}. */
    private String teamAliasJwtField = "";

    /** The team a token that names none acts for. */
    private String teamIdDefault = "";

    /** Only emails of this domain may sign in (403 otherwise, and for a token without email). */
    private String userAllowedEmailDomain = "";

    /** Seconds of clock difference tolerated on exp and nbf. */
    @Min(0)
    @Max(600)
    private int leeway;

    /** Seconds an issuer's signing keys are used before they are fetched again. */
    @Min(1)
    @Max(86_400)
    private int publicKeyTtl = 600;

    /**
     * Seconds between two fetches caused by a token signed with a key we do not know (a rotation):
     * forged key ids cannot make Keygate hammer the identity provider.
     */
    @Min(0)
    @Max(3_600)
    private int unknownKidRefreshInterval = 10;

    /** The claim whose value names a client mapped to a virtual key ({@code /jwt/key/mapping/*}); empty: off. */
    private String virtualKeyClaimField = "";

    /** What a token whose client is not mapped gets. */
    @NotNull
    private UnregisteredClientBehavior unregisteredJwtClientBehavior = UnregisteredClientBehavior.FALLBACK_TEAM_MAPPING;

    /** Seconds a client found unmapped is remembered as such (a mapping change forgets it at once). */
    @Min(0)
    @Max(86_400)
    private int virtualKeyMappingCacheTtl = 60;

    /** Opaque (non-JWT) bearer tokens are resolved through the provider's OIDC userinfo endpoint. */
    private boolean oidcUserinfoEnabled;

    private String oidcUserinfoEndpoint = "";

    /** Seconds a token's userinfo answer is used before it is asked again. */
    @Min(1)
    @Max(86_400)
    private int oidcUserinfoCacheTtl = 300;

    /** LiteLLM's {@code unregistered_jwt_client_behavior}. */
    public enum UnregisteredClientBehavior {
        /** Sign in as the token's user and team, as without mappings. */
        FALLBACK_TEAM_MAPPING,
        /** 403, also for a token without the claim. */
        REJECT,
        /** Create a key for the token's user and team, and the mapping, on the client's first request. */
        AUTO_REGISTER;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static UnregisteredClientBehavior fromWire(String value) {
            return valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        }
    }

    public JwtConfig() {
        setUserId("sub");
        setUserEmail("email");
    }

    @JsonProperty("enabled")
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty("enabled")
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty("issuers")
    public List<IssuerConfig> getIssuers() {
        return issuers;
    }

    @JsonProperty("issuers")
    public void setIssuers(List<IssuerConfig> issuers) {
        this.issuers = issuers == null ? List.of() : issuers;
    }

    /** The issuers actually configured (entries with an empty {@code issuer} are placeholders). */
    public List<IssuerConfig> configuredIssuers() {
        return issuers.stream().filter(IssuerConfig::isConfigured).toList();
    }

    @AssertTrue(message = "is true but no issuer is configured (jwt.issuers[].issuer, or KEYGATE_JWT_ISSUER), "
            + "nor oidc_userinfo_enabled")
    public boolean isEnabledWithIssuer() {
        return !enabled || !configuredIssuers().isEmpty() || oidcUserinfoEnabled;
    }

    @AssertTrue(message = "names the same issuer twice")
    public boolean isIssuersDistinct() {
        return configuredIssuers().stream().map(IssuerConfig::getIssuer).distinct().count() == configuredIssuers().size();
    }

    @JsonProperty("admin_jwt_scope")
    public String getAdminJwtScope() {
        return adminJwtScope;
    }

    @JsonProperty("admin_jwt_scope")
    public void setAdminJwtScope(String scope) {
        this.adminJwtScope = scope == null ? "" : scope.strip();
    }

    @JsonProperty("role_mappings")
    public List<RoleMapping> getRoleMappings() {
        return roleMappings;
    }

    @JsonProperty("role_mappings")
    public void setRoleMappings(List<RoleMapping> mappings) {
        this.roleMappings = mappings == null ? List.of() : mappings;
    }

    @JsonProperty("scope_mappings")
    public List<ScopeMapping> getScopeMappings() {
        return scopeMappings;
    }

    @JsonProperty("scope_mappings")
    public void setScopeMappings(List<ScopeMapping> mappings) {
        this.scopeMappings = mappings == null ? List.of() : mappings;
    }

    @JsonProperty("enforce_scope_based_access")
    public boolean isEnforceScopeBasedAccess() {
        return enforceScopeBasedAccess;
    }

    @JsonProperty("enforce_scope_based_access")
    public void setEnforceScopeBasedAccess(boolean enforce) {
        this.enforceScopeBasedAccess = enforce;
    }

    /**
     * What the token's scopes grant under {@code enforce_scope_based_access}: the union of the routes
     * and models of every mapping whose scope it carries (nothing, for a token whose scopes map to
     * none); null when scope-based access is not enforced.
     */
    dev.keygate.auth.TokenScope scopeOf(java.util.Collection<String> tokenScopes) {
        if (!enforceScopeBasedAccess) {
            return null;
        }
        java.util.Set<String> routes = new java.util.TreeSet<>();
        java.util.Set<String> models = new java.util.TreeSet<>();
        for (ScopeMapping mapping : scopeMappings) {
            if (tokenScopes.contains(mapping.getScope())) {
                routes.addAll(mapping.getRoutes());
                models.addAll(mapping.getModels());
            }
        }
        return new dev.keygate.auth.TokenScope(routes, models);
    }

    @JsonProperty("enforce_rbac")
    public boolean isEnforceRbac() {
        return enforceRbac;
    }

    @JsonProperty("enforce_rbac")
    public void setEnforceRbac(boolean enforce) {
        this.enforceRbac = enforce;
    }

    @JsonProperty("user_allowed_roles")
    public Set<String> getUserAllowedRoles() {
        return userAllowedRoles;
    }

    @JsonProperty("user_allowed_roles")
    public void setUserAllowedRoles(Set<String> roles) {
        this.userAllowedRoles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    @AssertTrue(message = "user_allowed_roles needs user_roles_jwt_field (the claim that carries the user's roles)")
    public boolean isUserRolesFieldGiven() {
        return userAllowedRoles.isEmpty() || (userRoles() != null && !userRoles().isBlank());
    }

    @AssertTrue(message = "role_mappings needs roles_jwt_field (the claim that carries the roles)")
    public boolean isRolesFieldGiven() {
        return roleMappings.isEmpty() || (roles() != null && !roles().isBlank())
                || issuers.stream().allMatch(issuer -> issuer.roles() != null && !issuer.roles().isBlank());
    }

    @JsonProperty("user_id_upsert")
    public boolean isUserIdUpsert() {
        return userIdUpsert;
    }

    @JsonProperty("user_id_upsert")
    public void setUserIdUpsert(boolean upsert) {
        this.userIdUpsert = upsert;
    }

    @JsonProperty("team_id_upsert")
    public boolean isTeamIdUpsert() {
        return teamIdUpsert;
    }

    @JsonProperty("team_id_upsert")
    public void setTeamIdUpsert(boolean upsert) {
        this.teamIdUpsert = upsert;
    }

    @JsonProperty("team_alias_jwt_field")
    public String getTeamAliasJwtField() {
        return teamAliasJwtField;
    }

    @JsonProperty("team_alias_jwt_field")
    public void setTeamAliasJwtField(String field) {
        this.teamAliasJwtField = field == null ? "" : field.strip();
    }

    @JsonProperty("team_id_default")
    public String getTeamIdDefault() {
        return teamIdDefault;
    }

    @JsonProperty("team_id_default")
    public void setTeamIdDefault(String team) {
        this.teamIdDefault = team == null ? "" : team.strip();
    }

    @JsonProperty("user_allowed_email_domain")
    public String getUserAllowedEmailDomain() {
        return userAllowedEmailDomain;
    }

    @JsonProperty("user_allowed_email_domain")
    public void setUserAllowedEmailDomain(String domain) {
        this.userAllowedEmailDomain = domain == null ? "" : domain.strip();
    }

    @JsonProperty("leeway")
    public int getLeeway() {
        return leeway;
    }

    @JsonProperty("leeway")
    public void setLeeway(int seconds) {
        this.leeway = seconds;
    }

    @JsonProperty("public_key_ttl")
    public int getPublicKeyTtl() {
        return publicKeyTtl;
    }

    @JsonProperty("public_key_ttl")
    public void setPublicKeyTtl(int seconds) {
        this.publicKeyTtl = seconds;
    }

    @JsonProperty("unknown_kid_refresh_interval")
    public int getUnknownKidRefreshInterval() {
        return unknownKidRefreshInterval;
    }

    @JsonProperty("unknown_kid_refresh_interval")
    public void setUnknownKidRefreshInterval(int seconds) {
        this.unknownKidRefreshInterval = seconds;
    }

    @JsonProperty("oidc_userinfo_enabled")
    public boolean isOidcUserinfoEnabled() {
        return oidcUserinfoEnabled;
    }

    @JsonProperty("oidc_userinfo_enabled")
    public void setOidcUserinfoEnabled(boolean enabled) {
        this.oidcUserinfoEnabled = enabled;
    }

    @JsonProperty("oidc_userinfo_endpoint")
    public String getOidcUserinfoEndpoint() {
        return oidcUserinfoEndpoint;
    }

    @JsonProperty("oidc_userinfo_endpoint")
    public void setOidcUserinfoEndpoint(String endpoint) {
        this.oidcUserinfoEndpoint = endpoint == null ? "" : endpoint.strip();
    }

    @JsonProperty("oidc_userinfo_cache_ttl")
    public int getOidcUserinfoCacheTtl() {
        return oidcUserinfoCacheTtl;
    }

    @JsonProperty("oidc_userinfo_cache_ttl")
    public void setOidcUserinfoCacheTtl(int seconds) {
        this.oidcUserinfoCacheTtl = seconds;
    }

    @AssertTrue(message = "oidc_userinfo_enabled needs oidc_userinfo_endpoint")
    public boolean isUserinfoEndpointGiven() {
        return !oidcUserinfoEnabled || !oidcUserinfoEndpoint.isEmpty();
    }

    @JsonProperty("virtual_key_claim_field")
    public String getVirtualKeyClaimField() {
        return virtualKeyClaimField;
    }

    @JsonProperty("virtual_key_claim_field")
    public void setVirtualKeyClaimField(String field) {
        this.virtualKeyClaimField = field == null ? "" : field.strip();
    }

    @JsonProperty("unregistered_jwt_client_behavior")
    public UnregisteredClientBehavior getUnregisteredJwtClientBehavior() {
        return unregisteredJwtClientBehavior;
    }

    @JsonProperty("unregistered_jwt_client_behavior")
    public void setUnregisteredJwtClientBehavior(UnregisteredClientBehavior behavior) {
        this.unregisteredJwtClientBehavior = behavior;
    }

    @JsonProperty("virtual_key_mapping_cache_ttl")
    public int getVirtualKeyMappingCacheTtl() {
        return virtualKeyMappingCacheTtl;
    }

    @JsonProperty("virtual_key_mapping_cache_ttl")
    public void setVirtualKeyMappingCacheTtl(int seconds) {
        this.virtualKeyMappingCacheTtl = seconds;
    }

    /** The role a token's roles map to: the first mapping, in configuration order, whose role it carries. */
    UserRole mappedRole(java.util.Collection<String> tokenRoles) {
        for (RoleMapping mapping : roleMappings) {
            if (tokenRoles.contains(mapping.getRole())) {
                return mapping.getInternalRole();
            }
        }
        return null;
    }
}
