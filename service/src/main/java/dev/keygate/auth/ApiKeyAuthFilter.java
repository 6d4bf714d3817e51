package dev.keygate.auth;

import dev.keygate.web.ApiException;
import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Guards every resource method with an {@code @Auth Caller} parameter: a key or, when configured, an
 * identity provider's token ({@link Authentication}). Missing and bad credentials are both 401, in the common error envelope. The {@code litellm-changed-by} header is attached to
 * the caller here, so every write can attribute itself in the audit trail.
 */
@Priority(Priorities.AUTHENTICATION)
public final class ApiKeyAuthFilter extends AuthFilter<String, Caller> {

    static final String CHANGED_BY_HEADER = "litellm-changed-by";
    private static final int MAX_CHANGED_BY = 200;

    private final CredentialExtractor extractor;
    private final Authentication authentication;

    private ApiKeyAuthFilter(CredentialExtractor extractor, Authentication authentication) {
        this.extractor = extractor;
        this.authentication = authentication;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Caller caller = authentication.require(extractor.require(request), request).withChangedBy(changedBy(request));
        SecurityContext original = request.getSecurityContext();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return original != null && original.isSecure();
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    private static String changedBy(ContainerRequestContext request) {
        String value = request.getHeaderString(CHANGED_BY_HEADER);
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_CHANGED_BY || !trimmed.matches("[\\x20-\\x7e]+")) {
            throw ApiException.badRequest(CHANGED_BY_HEADER + " must be printable ASCII, at most "
                    + MAX_CHANGED_BY + " characters", CHANGED_BY_HEADER);
        }
        return trimmed;
    }

    public static ApiKeyAuthFilter create(CredentialExtractor extractor, Authentication authentication) {
        return new Builder(extractor, authentication)
                .setAuthenticator(authentication.keys())
                .setAuthorizer((caller, role, context) -> true)
                .setPrefix("Bearer")
                .setRealm("keygate")
                .buildAuthFilter();
    }

    private static final class Builder extends AuthFilterBuilder<String, Caller, ApiKeyAuthFilter> {
        private final CredentialExtractor extractor;
        private final Authentication authentication;

        private Builder(CredentialExtractor extractor, Authentication authentication) {
            this.extractor = extractor;
            this.authentication = authentication;
        }

        @Override
        protected ApiKeyAuthFilter newInstance() {
            return new ApiKeyAuthFilter(extractor, authentication);
        }
    }
}
