package dev.keygate.routes;

import dev.keygate.openapi.PublicRoute;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * GET /routes (public): every route the server serves, read from the resources' JAX-RS annotations,
 * so the list cannot drift from what is served. Tools and the harness's coverage gate use it.
 */
@Path("/routes")
@Produces(MediaType.APPLICATION_JSON)
@PublicRoute
public final class RoutesResource {

    /** The answer: {"routes": [{method, path}, ...]}, ordered by path, then method. */
    public record RouteList(List<Route> routes) {}

    public record Route(String method, String path) {

        /** The route a resource method serves, or null when it is not a route (no HTTP method). */
        public static Route of(Class<?> resource, Method method) {
            String httpMethod = httpMethodOf(method);
            return httpMethod == null ? null
                    : new Route(httpMethod, join(pathOf(resource.getAnnotation(Path.class)),
                            pathOf(method.getAnnotation(Path.class))));
        }

        /** "POST /key/generate": how routes are named in data files and messages. */
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final RouteList body;

    /** {@code resources}: every resource class the server registers, this one included. */
    public RoutesResource(List<Class<?>> resources) {
        List<Route> routes = new ArrayList<>();
        for (Class<?> resource : resources) {
            routes.addAll(routesOf(resource));
        }
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        this.body = new RouteList(List.copyOf(routes));
    }

    @GET
    public RouteList routes() {
        return body;
    }

    private static List<Route> routesOf(Class<?> resource) {
        List<Route> routes = new ArrayList<>();
        for (Method method : resource.getDeclaredMethods()) {
            Route route = Route.of(resource, method);
            if (route != null) {
                routes.add(route);
            }
        }
        return routes;
    }

    private static String httpMethodOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (httpMethod != null) {
                return httpMethod.value();
            }
        }
        return null;
    }

    private static String pathOf(Path path) {
        return path == null ? "" : path.value();
    }

    private static String join(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
