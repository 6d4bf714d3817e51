package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "The answer has LiteLLM's fields" (issue 7): every field LiteLLM's response model names for a route
 * ({@code src/test/resources/litellm/response-fields.json}, its README says where they come from) is
 * present, with a JSON type that list allows; a field typed {@code X|null} may be null. Keygate's own
 * extra fields beside them are fine. For an array answer the check applies to each item. The nested
 * objects the list expands ({@code info}, {@code keys[]}, {@code [].members_with_roles[]}) are checked
 * the same way wherever the answer has them: each item of a listed array, and each listed object
 * that is not null.
 */
public final class LiteLlmShapes {

    private static final String RESPONSES = "/litellm/response-fields.json";
    private static final JsonNode LIST = read();

    private LiteLlmShapes() {}

    /** Asserts {@code answer} carries every field LiteLLM answers on {@code route} ("POST /key/generate"). */
    public static void assertHasFields(String route, JsonNode answer) {
        assertHasFieldsExcept(route, answer, Set.of());
    }

    /**
     * As {@link #assertHasFields}, but for the fields in {@code knownGaps}: the differences from LiteLLM
     * that are known and documented (docs/api.md), named in the test so each stays visible. A top-level
     * field is named as it is ({@code budget_id}), a nested one by its path ({@code keys[].budget_id},
     * {@code [].budget_id}, {@code [].teams[].spend} in an array answer); a nested path itself ({@code teams[]}) skips the
     * objects found there.
     */
    public static void assertHasFieldsExcept(String route, JsonNode answer, Set<String> knownGaps) {
        JsonNode spec = LIST.get(route);
        assertThat(spec).as("%s in %s", route, RESPONSES).isNotNull();
        List<String> problems = new ArrayList<>();
        if (spec.path("type").asText().equals("array")) {
            assertThat(answer.isArray()).as("%s answers an array: %s", route, answer).isTrue();
            int index = 0;
            for (JsonNode item : answer) {
                check(route + "[" + index++ + "]", "[].", spec.path("items"), item, knownGaps, problems);
            }
        } else if (spec.path("type").asText().equals("object")) {
            check(route, "", spec.path("fields"), answer, knownGaps, problems);
        } else if (!matches(spec.path("type").asText(), answer)) {
            problems.add(route + " answers " + answer.getNodeType() + ", LiteLLM: " + spec.path("type").asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("nested").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> nested = it.next();
            String path = nested.getKey();
            if (knownGaps.contains(path)) {
                continue;
            }
            for (Map.Entry<String, JsonNode> found : at(route, path, answer).entrySet()) {
                check(found.getKey(), path + ".", nested.getValue(), found.getValue(), knownGaps, problems);
            }
        }
        assertThat(problems).as("LiteLLM's fields missing or mistyped in %s", answer).isEmpty();
    }

    /**
     * The nodes at a nested path ({@code keys[].litellm_budget_table}), each under a name saying where
     * it was found ({@code GET /team/info.keys[0].litellm_budget_table}); null or absent ones are left
     * out, the level above checks whether they may be.
     */
    private static Map<String, JsonNode> at(String route, String path, JsonNode answer) {
        Map<String, JsonNode> found = new LinkedHashMap<>(Map.of(route, answer));
        for (String segment : path.split("\\.")) {
            boolean each = segment.endsWith("[]");
            String name = each ? segment.substring(0, segment.length() - 2) : segment;
            Map<String, JsonNode> next = new LinkedHashMap<>();
            found.forEach((where, node) -> {
                JsonNode value = name.isEmpty() ? node : node.path(name);
                String named = name.isEmpty() ? where : where + "." + name;
                if (!each) {
                    if (!value.isMissingNode() && !value.isNull()) {
                        next.put(named, value);
                    }
                    return;
                }
                int index = 0;
                for (JsonNode item : value) {
                    next.put(named + "[" + index++ + "]", item);
                }
            });
            found = next;
        }
        return found;
    }

    private static void check(String where, String path, JsonNode fields, JsonNode answer, Set<String> knownGaps,
                              List<String> problems) {
        if (!answer.isObject()) {
            problems.add(where + " is not an object");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            String type = field.getValue().asText();
            if (knownGaps.contains(path + name)) {
                continue;
            }
            if (!answer.has(name)) {
                problems.add(where + "." + name + " is missing (LiteLLM: " + type + ")");
            } else if (!matches(type, answer.get(name))) {
                problems.add(where + "." + name + " is " + answer.get(name).getNodeType() + ", LiteLLM: " + type);
            }
        }
    }

    /** {@code type} is a JSON type or several joined by |; {@code number} admits whole numbers too. */
    private static boolean matches(String type, JsonNode value) {
        for (String alternative : type.split("\\|")) {
            boolean match = switch (alternative) {
                case "null" -> value.isNull();
                case "string" -> value.isTextual();
                case "number" -> value.isNumber();
                case "integer" -> value.isIntegralNumber();
                case "boolean" -> value.isBoolean();
                case "array" -> value.isArray();
                case "object" -> value.isObject();
                default -> throw new IllegalArgumentException("Not a JSON type: " + alternative);
            };
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode read() {
        try (InputStream in = LiteLlmShapes.class.getResourceAsStream(RESPONSES)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
