package dev.keygate.web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * The route a request matched, as its template ({@code /key/{key}/regenerate}), never its path: paths
 * can carry keys, and templates are few (logs and metric labels stay small and secret-free).
 */
public final class RouteTemplate {

    /**
     * Each resource method's template, worked out once: the request log and the metrics ask on every
     * request. Keyed by Jersey's method objects, which each started application has its own of.
     */
    private static final Map<ResourceMethod, String> TEMPLATES = new ConcurrentHashMap<>();

    private RouteTemplate() {}

    /** The matched route's template; {@code matched} must have matched a resource method. */
    public static String of(ExtendedUriInfo matched) {
        return TEMPLATES.computeIfAbsent(matched.getMatchedResourceMethod(), method -> joined(matched));
    }

    /** The matched templates, outermost first: {@code /key} + {@code /{key}/regenerate}. */
    private static String joined(ExtendedUriInfo matched) {
        List<String> templates = matched.getMatchedTemplates().stream().map(UriTemplate::getTemplate).toList();
        StringBuilder route = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
            route.append(templates.get(i));
        }
        return ("/" + route).replaceAll("/+", "/");
    }
}
