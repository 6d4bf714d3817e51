package dev.keygate.openapi;

import dev.keygate.routes.RoutesResource.Route;
import java.util.Arrays;
import java.util.Locale;

/** How a route's JAX-RS template reads in the document: its path, its operation id, its tag. */
final class Templates {

    private Templates() {}

    /**
     * The OpenAPI form of a JAX-RS template: a parameter's regular expression dropped
     * ({@code /authz/{route: .*}} is {@code /authz/{route}}), as swagger writes it.
     */
    static String plain(String template) {
        return template.replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}");
    }

    /** "post_key_key_regenerate" for POST /key/{key}/regenerate: unique, and the same on every build. */
    static String operationId(Route route) {
        String path = plain(route.path()).replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
        return route.method().toLowerCase(Locale.ROOT) + (path.isEmpty() ? "" : "_" + path);
    }

    /** The feature a route belongs to: its first segment after a version ("key" for /v2/key/info). */
    static String tag(String template) {
        return Arrays.stream(template.split("/"))
                .filter(segment -> !segment.isEmpty() && !segment.matches("v\\d+"))
                .findFirst().orElse("root");
    }
}
