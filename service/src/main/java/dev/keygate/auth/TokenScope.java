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
        return routes.stream().anyMatch(route -> matches(route, path));
    }

    /**
     * The one wildcard rule of routes and model names (scopes, {@code allowed_routes}, key and team
     * {@code models}): {@code pattern} equals {@code value}, or ends in {@code *} and the value starts
     * with what precedes it ({@code /key/*}, {@code openai/*}; {@code *} alone matches everything).
     */
    public static boolean matches(String pattern, String value) {
        return pattern.endsWith("*") ? value.startsWith(pattern.substring(0, pattern.length() - 1)) : value.equals(pattern);
    }
}
