package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What came back: the status, the body parsed as JSON ({@code MissingNode} when it is not JSON), the
 * raw text for failure messages, and the headers (empty where the client that sent it reads none).
 */
public record Response(String request, int status, JsonNode body, String raw, Map<String, List<String>> headers) {

    public Response(String request, int status, JsonNode body, String raw) {
        this(request, status, body, raw, Map.of());
    }

    /** A header's first value, by case-insensitive name; null when absent. */
    public String header(String name) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty())
                .map(header -> header.getValue().get(0))
                .findFirst().orElse(null);
    }

    /** Used as the AssertJ description, so a wrong status shows what the server said. */
    @Override
    public String toString() {
        return request + " -> " + status + " " + raw;
    }

    /** Asserts the exact status, showing the request and body on failure. */
    public Response assertStatus(int expected) {
        assertThat(status).as("status of %s", this).isEqualTo(expected);
        return this;
    }

    /**
     * Asserts the one error envelope every error carries:
     * {@code {"error":{"message","type","param","code"}}} with {@code code} the status as a string,
     * and nothing else (no stack traces, no extra fields).
     */
    public Response assertErrorEnvelope() {
        assertThat(fieldNames(body)).as("top-level fields of %s", this).containsExactly("error");
        JsonNode error = body.get("error");
        assertThat(fieldNames(error)).as("error fields of %s", this)
                .containsExactlyInAnyOrder("message", "type", "param", "code");
        assertThat(error.get("message").isTextual() && !error.get("message").asText().isBlank())
                .as("error.message is non-empty text in %s", this).isTrue();
        assertThat(error.get("type").isTextual()).as("error.type is text in %s", this).isTrue();
        assertThat(error.get("param").isTextual() || error.get("param").isNull())
                .as("error.param is text or null in %s", this).isTrue();
        assertThat(error.get("code").isTextual()).as("error.code is a string in %s", this).isTrue();
        assertThat(error.get("code").asText()).as("error.code of %s", this).isEqualTo(Integer.toString(status));
        return this;
    }

    /** Status and envelope together: the usual assertion for a denial. */
    public Response assertError(int expected) {
        return assertStatus(expected).assertErrorEnvelope();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node != null && node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
