package dev.keygate.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keygate.compat.LiteLlmRequestFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each Keygate route's counterpart in LiteLLM's proxy ("POST /key/generate"), for the document's
 * {@code x-litellm-route}. A route LiteLLM declares a request for ({@code litellm/request-fields.json},
 * written from LiteLLM's sources) is its own counterpart; {@code openapi/litellm-routes.json} names
 * the others, or null for a route only Keygate has.
 */
final class LiteLlmRoutes {

    static final String RESOURCE = "/openapi/litellm-routes.json";

    private final LiteLlmRequestFields declared;
    /** Keygate route → LiteLLM route, or null when LiteLLM has none. */
    private final Map<String, String> named;

    private LiteLlmRoutes(LiteLlmRequestFields declared, Map<String, String> named) {
        this.declared = declared;
        this.named = named;
    }

    static LiteLlmRoutes load(ObjectMapper mapper) {
        Map<String, String> named = new HashMap<>();
        try (InputStream in = LiteLlmRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            JsonNode routes = mapper.readTree(in);
            routes.fields().forEachRemaining(route -> {
                if (!route.getKey().startsWith("_")) {
                    named.put(route.getKey(), route.getValue().isNull() ? null : route.getValue().asText());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
        return new LiteLlmRoutes(LiteLlmRequestFields.load(mapper), named);
    }

    /**
     * LiteLLM's route for a Keygate route ("GET /team/info"), empty when LiteLLM has none. A route
     * nobody has placed stops the document: every operation must say whether LiteLLM clients know it.
     */
    Optional<String> counterpartOf(String route) {
        if (named.containsKey(route)) {
            return Optional.ofNullable(named.get(route));
        }
        if (declared.isLiteLlmRoute(route)) {
            return Optional.of(route);
        }
        throw new IllegalStateException("No LiteLLM counterpart known for " + route + ": name it (or null, when"
                + " LiteLLM has none) in service/src/main/resources" + RESOURCE);
    }
}
