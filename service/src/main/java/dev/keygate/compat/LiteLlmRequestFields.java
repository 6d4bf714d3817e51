package dev.keygate.compat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.keygate.routes.RoutesResource.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What Keygate knows of LiteLLM's request bodies: the fields LiteLLM's request model declares for
 * each route ({@code litellm/request-fields.json}, written from LiteLLM's sources; the README beside
 * the response lists in behavior-tests says how), and those of them Keygate refuses rather than
 * ignores ({@code litellm/unsupported-fields.json}: each would limit or change what a key may do, so
 * taking it without its effect would be a quiet wrong answer). A field no LiteLLM model declares
 * for the route is a typo, and stays a 422.
 */
public final class LiteLlmRequestFields {

    static final String DECLARED = "/litellm/request-fields.json";
    static final String IGNORED = "/litellm/ignored-fields.json";
    static final String UNSUPPORTED = "/litellm/unsupported-fields.json";

    /** "POST /key/generate" → the body fields LiteLLM declares there. */
    private final Map<String, Set<String>> fieldsByRoute;
    /** "POST /key/bulk_update" → a list field ("keys") → the fields LiteLLM declares for its items. */
    private final Map<String, Map<String, Set<String>>> itemFieldsByRoute;
    /** Field name → why Keygate may take it without acting on it. */
    private final Map<String, String> ignored;
    /** Field name → why Keygate refuses it. */
    private final Map<String, String> unsupported;

    private LiteLlmRequestFields(Map<String, Set<String>> fieldsByRoute,
                                 Map<String, Map<String, Set<String>>> itemFieldsByRoute, Map<String, String> ignored,
                                 Map<String, String> unsupported) {
        this.fieldsByRoute = fieldsByRoute;
        this.itemFieldsByRoute = itemFieldsByRoute;
        this.ignored = ignored;
        this.unsupported = unsupported;
    }

    public static LiteLlmRequestFields load(ObjectMapper mapper) {
        Map<String, Set<String>> fieldsByRoute = new TreeMap<>();
        Map<String, Map<String, Set<String>>> itemFieldsByRoute = new TreeMap<>();
        read(mapper, DECLARED).fields().forEachRemaining(route -> {
            fieldsByRoute.put(route.getKey(), namesOf(route.getValue().path("fields")));
            Map<String, Set<String>> items = new TreeMap<>();
            route.getValue().path("nested").fields().forEachRemaining(nested -> {
                String path = nested.getKey();
                // "keys[]": the items of a top-level list; deeper paths describe objects, not list items.
                if (path.endsWith("[]") && path.indexOf('.') < 0) {
                    items.put(path.substring(0, path.length() - 2), namesOf(nested.getValue()));
                }
            });
            itemFieldsByRoute.put(route.getKey(), Map.copyOf(items));
        });
        return new LiteLlmRequestFields(Map.copyOf(fieldsByRoute), Map.copyOf(itemFieldsByRoute),
                reasons(mapper, IGNORED), reasons(mapper, UNSUPPORTED));
    }

    private static Set<String> namesOf(JsonNode fields) {
        Set<String> names = new LinkedHashSet<>();
        fields.fieldNames().forEachRemaining(names::add);
        return Set.copyOf(names);
    }

    /** A file of field name → reason; names starting with "_" are comments. */
    private static Map<String, String> reasons(ObjectMapper mapper, String resource) {
        Map<String, String> reasons = new TreeMap<>();
        read(mapper, resource).fields().forEachRemaining(field -> {
            if (!field.getKey().startsWith("_")) {
                reasons.put(field.getKey(), field.getValue().asText());
            }
        });
        return Map.copyOf(reasons);
    }

    private static JsonNode read(ObjectMapper mapper, String resource) {
        try (InputStream in = LiteLlmRequestFields.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    /** LiteLLM serves this route ("POST /key/generate"), with or without a request body. */
    public boolean isLiteLlmRoute(String route) {
        return fieldsByRoute.containsKey(route);
    }

    /** The body fields LiteLLM declares for a route ("POST /key/generate"); empty when it has none. */
    public Set<String> declaredFor(String route) {
        return fieldsByRoute.getOrDefault(route, Set.of());
    }

    /**
     * The fields LiteLLM declares for {@code route} that {@code body}, the type Keygate reads the body
     * into, does not have: the ones that need a decision, {@link #isIgnored} or refused.
     */
    public Set<String> unmodelled(Route route, JavaType body, ObjectMapper mapper) {
        Set<String> declared = declaredFor(route.toString());
        if (declared.isEmpty()) {
            return Set.of();
        }
        Set<String> unmodelled = new TreeSet<>(declared);
        mapper.getDeserializationConfig().introspect(body).findProperties().stream()
                .map(BeanPropertyDefinition::getName).forEach(unmodelled::remove);
        return Set.copyOf(unmodelled);
    }

    /**
     * For each list of objects LiteLLM declares in the body ({@code keys} of /key/bulk_update), the
     * fields it declares for the items that the item type Keygate reads them into does not have; lists
     * whose items Keygate reads as plain values (ids) are left to Jackson.
     */
    public Map<String, Set<String>> unmodelledInItems(Route route, JavaType body, ObjectMapper mapper) {
        Map<String, Set<String>> unmodelled = new TreeMap<>();
        Map<String, JavaType> lists = new TreeMap<>();
        mapper.getDeserializationConfig().introspect(body).findProperties()
                .forEach(property -> lists.put(property.getName(), property.getPrimaryType()));
        itemFieldsByRoute.getOrDefault(route.toString(), Map.of()).forEach((list, declared) -> {
            JavaType type = lists.get(list);
            if (type == null || !type.isCollectionLikeType() || type.getContentType().getRawClass().getName()
                    .startsWith("java.")) {
                return;
            }
            Set<String> fields = new TreeSet<>(declared);
            mapper.getDeserializationConfig().introspect(type.getContentType()).findProperties().stream()
                    .map(BeanPropertyDefinition::getName).forEach(fields::remove);
            if (!fields.isEmpty()) {
                unmodelled.put(list, Set.copyOf(fields));
            }
        });
        return Map.copyOf(unmodelled);
    }

    /** Whether Keygate takes this LiteLLM field and does nothing with it (named back to the client). */
    public boolean isIgnored(String field) {
        return ignored.containsKey(field);
    }

    /** Why Keygate refuses a LiteLLM field, or null when it does not. */
    public String whyUnsupported(String field) {
        return unsupported.get(field);
    }
}
