package dev.keygate.auth;

import dev.keygate.web.ApiException;
import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Guards every resource method with an {@code @Auth Caller} parameter. Missing and bad credentials
 * are both 401, in the common error envelope.
 */
@Priority(Priorities.AUTHENTICATION)
public final class ApiKeyAuthFilter extends AuthFilter<String, Caller> {

    private final CredentialExtractor extractor;

    private ApiKeyAuthFilter(CredentialExtractor extractor) {
        this.extractor = extractor;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String credential = extractor.extract(request)
                .orElseThrow(() -> ApiException.unauthorized("Missing API key: send 'Authorization: Bearer sk-...'"));
        if (!authenticate(request, credential, "Bearer")) {
            throw ApiException.unauthorized("Invalid, expired or blocked API key");
        }
    }

    public static ApiKeyAuthFilter create(CredentialExtractor extractor, KeyAuthenticator authenticator) {
        return new Builder(extractor)
                .setAuthenticator(authenticator)
                .setAuthorizer((caller, role, context) -> true)
                .setPrefix("Bearer")
                .setRealm("keygate")
                .buildAuthFilter();
    }

    private static final class Builder extends AuthFilterBuilder<String, Caller, ApiKeyAuthFilter> {
        private final CredentialExtractor extractor;

        private Builder(CredentialExtractor extractor) {
            this.extractor = extractor;
        }

        @Override
        protected ApiKeyAuthFilter newInstance() {
            return new ApiKeyAuthFilter(extractor);
        }
    }
}
