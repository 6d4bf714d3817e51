package dev.keygate.enforcement;

import java.util.List;

/**
 * The LLM call a gateway is about to make: its route, model and fallback models (each may be
 * absent), and how many tokens it expects to use (0: unknown). A call with a route or a model is
 * counted against rate limits; one with neither only asks where the key stands.
 */
public record CallRequest(String route, String model, List<String> fallbacks, long estimatedTokens) {

    public static final CallRequest STATUS_ONLY = new CallRequest(null, null, List.of(), 0);

    public CallRequest {
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    }

    boolean isCall() {
        return route != null || model != null;
    }
}
