package dev.keygate.auth;

import dev.keygate.web.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Finds the credential in a request, in LiteLLM's order: x-litellm-api-key (may hold "Bearer ..."),
 * Authorization (Bearer, bearer or Basic), api-key, x-api-key, x-goog-api-key, then the configured
 * custom header. The first header present wins, even when its value turns out to be invalid.
 */
public final class CredentialExtractor {

    /** A header was present but carried nothing usable: authentication fails, it does not fall through. */
    public static final String MALFORMED = "";

    private final List<String> headers;
    private final AuthenticationMetrics metrics;

    public CredentialExtractor(String customHeader, AuthenticationMetrics metrics) {
        this.metrics = metrics;
        List<String> names = new ArrayList<>(List.of("x-litellm-api-key", "authorization", "api-key", "x-api-key", "x-goog-api-key"));
        if (customHeader != null && !customHeader.isBlank()) {
            names.add(customHeader.trim());
        }
        this.headers = List.copyOf(names);
    }

    /** The credential of a request that must carry one: 401 when none is sent. */
    public String require(ContainerRequestContext request) {
        Optional<String> credential = extract(request);
        if (credential.isEmpty()) {
            metrics.count(AuthenticationMetrics.Outcome.MISSING);
            throw ApiException.unauthorized("Missing API key: send 'Authorization: Bearer sk-...'");
        }
        return credential.get();
    }

    public Optional<String> extract(ContainerRequestContext request) {
        for (String header : headers) {
            String value = request.getHeaderString(header);
            if (value != null) {
                return Optional.of(parse(header, value.trim()));
            }
        }
        return Optional.empty();
    }

    private static String parse(String header, String value) {
        if (header.equals("authorization") || header.equals("x-litellm-api-key")) {
            String bearer = stripScheme(value, "bearer");
            if (bearer != null) {
                return bearer;
            }
            String basic = stripScheme(value, "basic");
            if (basic != null) {
                return decodeBasic(basic);
            }
            return header.equals("authorization") ? MALFORMED : value;
        }
        return value;
    }

    private static String stripScheme(String value, String scheme) {
        if (value.length() > scheme.length() && value.regionMatches(true, 0, scheme, 0, scheme.length())
                && value.charAt(scheme.length()) == ' ') {
            return value.substring(scheme.length() + 1).trim();
        }
        return null;
    }

    /** Basic credentials: the password part carries the key ("anything:sk-..."), or the whole value. */
    private static String decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return MALFORMED;
        }
    }
}
