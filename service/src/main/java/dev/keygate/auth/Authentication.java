package dev.keygate.auth;

import dev.keygate.web.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Who is calling, whatever the credential: an identity provider's token when it is shaped like one
 * and token sign-in is configured, else a key (the master key or a virtual key).
 */
public final class Authentication {

    /** Picks one of the teams a token names (LiteLLM's header). */
    public static final String TEAM_HEADER = "x-litellm-team-id";

    private final KeyAuthenticator keys;
    private final TokenAuthenticator tokens;
    private final AuthenticationMetrics metrics;

    public Authentication(KeyAuthenticator keys, TokenAuthenticator tokens, AuthenticationMetrics metrics) {
        this.keys = keys;
        this.tokens = tokens;
        this.metrics = metrics;
    }

    /** The caller a request's credential authenticates, or 401 (403 for a token whose holder is not let in). */
    public Caller require(String credential, ContainerRequestContext request) {
        Caller caller = identify(credential, request);
        requireScopeAllows(caller, request.getUriInfo().getPath());
        return caller;
    }

    /**
     * As {@link #require}, without holding a token's scopes to this request's route: for a gateway's
     * check ({@code /authz}), whose route is the original request's and is judged by the enforcement.
     */
    public Caller identify(String credential, ContainerRequestContext request) {
        return tokens.accepts(credential) ? signIn(credential, requestedTeam(request)) : keys.require(credential);
    }

    /** A token's caller, counted as an authentication: valid, or why not (401 invalid, 403 refused). */
    private Caller signIn(String token, String requestedTeam) {
        try {
            Caller caller = tokens.authenticate(token, requestedTeam);
            metrics.count(AuthenticationMetrics.Outcome.JWT_VALID);
            return caller;
        } catch (ApiException e) {
            if (e.status() == 401 || e.status() == 403) {
                metrics.count(e.status() == 401 ? AuthenticationMetrics.Outcome.JWT_INVALID
                        : AuthenticationMetrics.Outcome.JWT_REFUSED);
            }
            throw e;
        }
    }

    /** 403 when the caller's token scopes do not grant the route (path relative to the root, with or without its slash). */
    static void requireScopeAllows(Caller caller, String path) {
        String route = path.startsWith("/") ? path : "/" + path;
        if (caller.scope() != null && !caller.scope().allowsRoute(route)) {
            throw ApiException.forbidden("The token's scopes do not grant " + route);
        }
    }

    public boolean isToken(String credential) {
        return tokens.accepts(credential);
    }

    public KeyAuthenticator keys() {
        return keys;
    }

    private static String requestedTeam(ContainerRequestContext request) {
        String team = request.getHeaderString(TEAM_HEADER);
        if (team == null || team.isBlank()) {
            return null;
        }
        if (team.length() > dev.keygate.web.InputLimits.ID) {
            throw ApiException.badRequest(TEAM_HEADER + " is longer than " + dev.keygate.web.InputLimits.ID
                    + " characters", TEAM_HEADER);
        }
        return team.strip();
    }
}
