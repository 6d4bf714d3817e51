package dev.keygate.web;

import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * The route a request matched, as its template ({@code /key/{key}/regenerate}), never its path: paths
 * can carry keys, and templates are few (logs and metric labels stay small and secret-free).
 */
public final class RouteTemplate {

    private RouteTemplate() {}

    /** The matched templates, outermost first: {@code /key} + {@code /{key}/regenerate}. */
    public static String of(ExtendedUriInfo matched) {
        List<String> templates = matched.getMatchedTemplates().stream().map(UriTemplate::getTemplate).toList();
        StringBuilder route = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
            route.append(templates.get(i));
        }
        return ("/" + route).replaceAll("/+", "/");
    }
}
