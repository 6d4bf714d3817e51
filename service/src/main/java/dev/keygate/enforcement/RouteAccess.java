package dev.keygate.enforcement;

import dev.keygate.auth.KeyType;
import dev.keygate.auth.TokenScope;
import java.util.List;

/**
 * May this key call this route at all: its {@code key_type} (llm_api: LLM API routes only;
 * management: management and info routes; read_only: info routes), its {@code allowed_routes}
 * (exact paths, prefixes ending in {@code *}, or LiteLLM's group names such as
 * {@code llm_api_routes}), and a sign-in token's scope. Public routes are open to every key.
 */
final class RouteAccess {

    private RouteAccess() {}

    /** Null when allowed, else why not. */
    static String refusal(String path, KeyType keyType, List<String> allowedRoutes, TokenScope scope) {
        RouteClass routeClass = RouteClass.of(path);
        if (routeClass == RouteClass.PUBLIC) {
            return null;
        }
        if (routeClass == RouteClass.MASTER_KEY_ONLY) {
            return path + " is for the master key only";
        }
        if (!typeAllows(keyType, routeClass, path)) {
            return "A " + keyType.wire() + " key may not call " + path;
        }
        if (!allowedRoutes.isEmpty() && allowedRoutes.stream().noneMatch(route -> matches(route, path, routeClass))) {
            return path + " is not in the key's allowed_routes";
        }
        if (scope != null && !scope.allowsRoute(path)) {
            return "The token's scopes do not include " + path;
        }
        return null;
    }

    private static boolean typeAllows(KeyType keyType, RouteClass routeClass, String path) {
        boolean modelList = RouteClass.isModelList(path);
        return switch (keyType) {
            case DEFAULT -> true;
            case LLM_API -> routeClass == RouteClass.LLM_API || modelList;
            case MANAGEMENT -> routeClass == RouteClass.MANAGEMENT || routeClass == RouteClass.INFO;
            case READ_ONLY -> routeClass == RouteClass.INFO || modelList;
        };
    }

    private static boolean matches(String route, String path, RouteClass routeClass) {
        if (route.equals(routeClass.groupName())) {
            return true;
        }
        return TokenScope.matches(route, path);
    }
}
