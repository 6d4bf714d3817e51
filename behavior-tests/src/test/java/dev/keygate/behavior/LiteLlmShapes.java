package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "The answer has LiteLLM's fields" (issue 7): every top-level field LiteLLM's response model names
 * for a route ({@code src/test/resources/litellm/response-fields.json}, its README says where they come
 * from) is present, with a JSON type that list allows; a field typed {@code X|null} may be null. Keygate's
 * own extra fields beside them are fine. For an array answer the check applies to each item.
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
     * that are known and documented (docs/api.md), named in the test so each stays visible.
     */
    public static void assertHasFieldsExcept(String route, JsonNode answer, Set<String> knownGaps) {
        JsonNode spec = LIST.get(route);
        assertThat(spec).as("%s in %s", route, RESPONSES).isNotNull();
        List<String> problems = new ArrayList<>();
        if (spec.path("type").asText().equals("array")) {
            assertThat(answer.isArray()).as("%s answers an array: %s", route, answer).isTrue();
            int index = 0;
            for (JsonNode item : answer) {
                check(route + "[" + index++ + "]", spec.path("items"), item, knownGaps, problems);
            }
        } else {
            check(route, spec.path("fields"), answer, knownGaps, problems);
        }
        assertThat(problems).as("LiteLLM's fields missing or mistyped in %s", answer).isEmpty();
    }

    private static void check(String where, JsonNode fields, JsonNode answer, Set<String> knownGaps,
                              List<String> problems) {
        if (!answer.isObject()) {
            problems.add(where + " is not an object");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            String type = field.getValue().asText();
            if (knownGaps.contains(name)) {
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
