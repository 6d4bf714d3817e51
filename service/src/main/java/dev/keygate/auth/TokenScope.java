package dev.keygate.auth;

import java.util.Set;

/**
 * What a sign-in token's scopes let it reach ({@code scope_mappings} with
 * {@code enforce_scope_based_access}): the routes it may call and the models it may use. Keys and
 * unrestricted tokens have none ({@code Caller.scope()} is null).
 *
 * @param routes paths the token may call: exact ({@code /key/info}), or a prefix ending in {@code *}
 *     ({@code /key/*})
 * @param models models it may use, in LLM calls (enforcement) and in model lists
 */
public record TokenScope(Set<String> routes, Set<String> models) {

    public TokenScope {
        routes = Set.copyOf(routes);
        models = Set.copyOf(models);
    }

    public boolean allowsRoute(String path) {
        for (String route : routes) {
            if (route.endsWith("*") ? path.startsWith(route.substring(0, route.length() - 1)) : path.equals(route)) {
                return true;
            }
        }
        return false;
    }
}
