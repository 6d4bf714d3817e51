package dev.keygate.enforcement;

import java.util.List;
import java.util.Set;

/**
 * LiteLLM's route classes, which a key's {@code key_type} and {@code allowed_routes} name. A path
 * that is none of the known management, info or public routes is an LLM API route: a gateway
 * forwards model traffic (chat, embeddings, provider pass-through) under many paths, and the
 * refusal that matters there is of keys that may not call models at all.
 */
public enum RouteClass {
    PUBLIC,
    INFO,
    MANAGEMENT,
    LLM_API,
    /** {@code /global/spend/reset}: the master key only, never a virtual key. */
    MASTER_KEY_ONLY;

    private static final Set<String> PUBLIC_ROUTES =
            Set.of("/", "/health/liveliness", "/health/liveness", "/health/readiness", "/routes");
    private static final Set<String> INFO_ROUTES = Set.of("/key/info", "/v2/key/info", "/key/health", "/key/list",
            "/key/aliases", "/key/verify", "/team/info", "/team/list", "/v2/team/list", "/team/available", "/user/info",
            "/v2/user/info", "/user/list", "/user/available_roles", "/organization/info", "/organization/list",
            "/jwt/key/mapping/list", "/jwt/key/mapping/info", "/spend/logs", "/budget/info", "/budget/list");
    /** Model lists are both: an llm_api key lists what it may call, a read_only key reads it. */
    private static final Set<String> MODEL_LISTS = Set.of("/models", "/v1/models");
    private static final List<String> MANAGEMENT_PREFIXES = List.of("/key/", "/v2/key/", "/team/", "/v2/team/",
            "/user/", "/v2/user/", "/organization/", "/jwt/key/mapping/", "/budget/", "/spend/", "/audit/", "/global/",
            "/customer/", "/end_user/", "/model/");

    public static RouteClass of(String path) {
        if (path.equals("/global/spend/reset")) {
            return MASTER_KEY_ONLY;
        }
        if (PUBLIC_ROUTES.contains(path)) {
            return PUBLIC;
        }
        if (INFO_ROUTES.contains(path)) {
            return INFO;
        }
        for (String prefix : MANAGEMENT_PREFIXES) {
            if (path.startsWith(prefix) || (path + "/").equals(prefix)) {
                return MANAGEMENT;
            }
        }
        return LLM_API;
    }

    /** Whether a path of this class lists models (an info route and an LLM API route at once). */
    static boolean isModelList(String path) {
        return MODEL_LISTS.contains(path);
    }

    /** The {@code allowed_routes} group name LiteLLM uses for the class. */
    String groupName() {
        return switch (this) {
            case PUBLIC -> "public_routes";
            case INFO -> "info_routes";
            case MANAGEMENT -> "management_routes";
            case LLM_API -> "llm_api_routes";
            case MASTER_KEY_ONLY -> "master_key_only_routes";
        };
    }
}
