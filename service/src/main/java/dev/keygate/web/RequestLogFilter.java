package dev.keygate.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The request log: one line per request with the method, the route template
 * ({@code /key/{key}/regenerate}), the status and the time taken. Keygate logs templates rather than
 * paths because paths and query strings can carry keys ({@code /key/sk-.../regenerate},
 * {@code /key/info?key=sk-...}); a path that matched no route is logged with anything key-like masked.
 * The line's facts are also fields (method, route, status, latency_ms, caller) for the json log layout.
 */
@PreMatching
public final class RequestLogFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = LoggerFactory.getLogger("keygate.requests");
    private static final String STARTED = RequestLogFilter.class.getName() + ".started";
    private static final Pattern KEY_LIKE = Pattern.compile("sk-[^/?]*|[0-9a-f]{64}");

    @Override
    public void filter(ContainerRequestContext request) {
        if (LOG.isInfoEnabled()) {
            request.setProperty(STARTED, System.nanoTime());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Object started = request.getProperty(STARTED);
        long millis = started instanceof Long nanos ? (System.nanoTime() - nanos) / 1_000_000 : -1;
        String route = route(request.getUriInfo());
        // The same facts as fields of their own, which the json log layout (KEYGATE_LOG_FORMAT=json)
        // writes as JSON fields; the text layout prints only the message.
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("method", request.getMethod());
        fields.put("route", route);
        fields.put("status", Integer.toString(response.getStatus()));
        fields.put("latency_ms", Long.toString(millis));
        callerId(request).ifPresent(caller -> fields.put("caller", caller));
        fields.forEach(MDC::put);
        try {
            LOG.info("{} {} {} {} ms", request.getMethod(), route, response.getStatus(), millis);
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    /**
     * Who called, once authentication let them in: the caller's actor id (a user id, {@code master_key},
     * a key's SHA-256 id or {@code jwt:team:<id>}, see {@code Caller.actorId}), never a credential.
     * Absent for public routes and refused credentials.
     */
    private static Optional<String> callerId(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        Principal caller = security == null ? null : security.getUserPrincipal();
        return caller == null ? Optional.empty() : Optional.ofNullable(caller.getName());
    }

    private static String route(UriInfo uriInfo) {
        if (uriInfo instanceof ExtendedUriInfo extended && extended.getMatchedResourceMethod() != null) {
            return RouteTemplate.of(extended);
        }
        return KEY_LIKE.matcher("/" + uriInfo.getPath()).replaceAll("***").replaceAll("/+", "/");
    }
}
