package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's request and response field lists (issue 7; where they come from and their conventions are
 * in {@code src/test/resources/litellm/README.md}) are data the service and the compatibility family
 * trust, so a malformed entry must fail here rather than quietly accept or skip a field: both files
 * parse (duplicate keys included), every route key is {@code METHOD /path}, every type is a JSON type,
 * every nested path and required field names a field that exists, and every LiteLLM route Keygate
 * serves is listed in both.
 */
@BehaviorTest
class LiteLlmFieldListsTest {

    private static final String REQUESTS = "/litellm/request-fields.json";
    private static final String RESPONSES = "/litellm/response-fields.json";

    private static final Pattern ROUTE = Pattern.compile("(GET|POST|PATCH|PUT|DELETE) (/[a-z0-9_.-]+|/\\{[a-z_]+})+");
    private static final Pattern NESTED_PATH = Pattern.compile("(\\[]|[a-z_]+(\\[])?)(\\.[a-z_]+(\\[])?)*");
    private static final Set<String> JSON_TYPES = Set.of("string", "number", "integer", "boolean", "array", "object", "null");
    private static final Set<String> REQUEST_KEYS = Set.of("model", "path", "query", "fields", "required", "nested", "deprecated", "note");
    private static final Set<String> RESPONSE_KEYS = Set.of("model", "type", "fields", "items", "nested", "variants", "note");
    /** The route families the lists cover; /key/verify is Keygate's own and has no LiteLLM counterpart. */
    private static final List<String> LITELLM_FAMILIES = List.of("/key/", "/team/", "/user/", "/organization/");
    private static final Set<String> KEYGATE_ONLY = Set.of("GET /key/verify", "POST /key/verify");

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Test
    void requestListsAreWellFormed() {
        List<String> problems = new ArrayList<>();
        each(read(REQUESTS), (route, spec) -> {
            checkRoute(route, problems);
            unknownKeys(route, spec, REQUEST_KEYS, problems);
            boolean get = route.startsWith("GET ");
            if (get ? !spec.has("query") || spec.has("fields") : !spec.has("fields")) {
                problems.add(route + ": a GET route lists query, any other route lists fields");
            }
            checkTypes(route, "path", spec.path("path"), problems);
            checkTypes(route, "query", spec.path("query"), problems);
            checkTypes(route, "fields", spec.path("fields"), problems);
            Set<String> declared = new HashSet<>();
            for (String part : List.of("path", "query", "fields")) {
                spec.path(part).fieldNames().forEachRemaining(declared::add);
            }
            for (String list : List.of("required", "deprecated")) {
                for (JsonNode name : spec.path(list)) {
                    if (!declared.contains(name.asText())) {
                        problems.add(route + ": " + list + " names " + name + ", which the route does not declare");
                    }
                }
            }
            checkNested(route, spec.path("fields"), spec.path("nested"), problems);
        });
        assertThat(problems).as("request-fields.json").isEmpty();
    }

    @Test
    void responseListsAreWellFormed() {
        List<String> problems = new ArrayList<>();
        each(read(RESPONSES), (route, spec) -> {
            checkRoute(route, problems);
            unknownKeys(route, spec, RESPONSE_KEYS, problems);
            String type = spec.path("type").asText();
            if (!JSON_TYPES.contains(type) || type.equals("null")) {
                problems.add(route + ": answer type " + spec.path("type") + " is not a JSON type");
            }
            if (spec.has("fields") != type.equals("object") || spec.has("items") != type.equals("array")) {
                problems.add(route + ": an object answer lists fields, an array answer lists items, any other neither");
            }
            checkTypes(route, "fields", spec.path("fields"), problems);
            checkTypes(route, "items", spec.path("items"), problems);
            JsonNode root = type.equals("array") ? JSON.createObjectNode().set("[]", spec.path("items")) : spec.path("fields");
            checkNested(route, root, spec.path("nested"), problems);
            each(spec.path("variants"), (variant, nested) -> checkNested(route + " (" + variant + ")", root, nested, problems));
        });
        assertThat(problems).as("response-fields.json").isEmpty();
    }

    @Test
    void bothListsCoverTheSameRoutes() {
        assertThat(routes(read(RESPONSES))).isEqualTo(routes(read(REQUESTS)));
    }

    @Test
    void everyLiteLlmRouteKeygateServesIsListed() {
        Set<String> served = new TreeSet<>();
        for (JsonNode route : Keygate.api().get("/routes", Credential.none()).assertStatus(200).body().path("routes")) {
            String path = route.path("path").asText();
            String key = route.path("method").asText() + " " + path;
            if (LITELLM_FAMILIES.stream().anyMatch(path::startsWith) && !KEYGATE_ONLY.contains(key)) {
                served.add(key);
            }
        }
        assertThat(served).as("LiteLLM routes Keygate serves").hasSizeGreaterThan(30);
        assertThat(routes(read(REQUESTS))).as(REQUESTS).containsAll(served);
        assertThat(routes(read(RESPONSES))).as(RESPONSES).containsAll(served);
    }

    private static void checkRoute(String route, List<String> problems) {
        if (!ROUTE.matcher(route).matches()) {
            problems.add(route + ": not METHOD /path");
        }
    }

    private static void unknownKeys(String route, JsonNode spec, Set<String> allowed, List<String> problems) {
        spec.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                problems.add(route + ": unknown entry " + key);
            }
        });
    }

    private static void checkTypes(String route, String where, JsonNode fields, List<String> problems) {
        each(fields, (name, type) -> {
            if (!validType(type.asText())) {
                problems.add(route + ": " + where + "." + name + " has type " + type + ", not a JSON type or |-list of them");
            }
        });
    }

    /** A JSON type, or several joined by |, at most one of them null and never null alone. */
    private static boolean validType(String type) {
        String[] alternatives = type.split("\\|", -1);
        Set<String> seen = new HashSet<>();
        for (String alternative : alternatives) {
            if (!JSON_TYPES.contains(alternative) || !seen.add(alternative)) {
                return false;
            }
        }
        return !(seen.size() == 1 && seen.contains("null"));
    }

    /**
     * Every nested path ({@code team_info}, {@code keys[]}, {@code [].members[]}) extends a field of the
     * answer or of a shorter nested path, and that field is an object ({@code name}) or array ({@code name[]}).
     */
    private static void checkNested(String route, JsonNode root, JsonNode nested, List<String> problems) {
        each(nested, (path, fields) -> {
            checkTypes(route, path, fields, problems);
            if (!NESTED_PATH.matcher(path).matches()) {
                problems.add(route + ": nested path " + path + " is not a.b[].c");
                return;
            }
            int dot = path.lastIndexOf('.');
            String segment = path.substring(dot + 1);
            String prefix = dot < 0 ? "" : path.substring(0, dot);
            JsonNode parent = dot < 0 ? root : nested.has(prefix) ? nested.get(prefix) : root.path(prefix);
            if (segment.equals("[]")) {
                return;
            }
            boolean list = segment.endsWith("[]");
            String field = list ? segment.substring(0, segment.length() - 2) : segment;
            if (!parent.has(field) || !parent.get(field).asText().contains(list ? "array" : "object")) {
                problems.add(route + ": nested path " + path + " names no " + (list ? "array" : "object") + " field of its parent");
            }
        });
    }

    private static Set<String> routes(JsonNode list) {
        Set<String> routes = new TreeSet<>();
        list.fieldNames().forEachRemaining(routes::add);
        return routes;
    }

    private interface Entry {
        void accept(String name, JsonNode value);
    }

    private static void each(JsonNode object, Entry entry) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            entry.accept(field.getKey(), field.getValue());
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = LiteLlmFieldListsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the test classpath").isNotNull();
            JsonNode list = JSON.readTree(in);
            assertThat(list.isObject() && list.size() > 0).as(resource + " is a non-empty object").isTrue();
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
