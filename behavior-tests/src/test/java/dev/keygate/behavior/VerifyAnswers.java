package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;

/**
 * What {@code /key/verify} answers, written out in full by the tests, and the one comparison they
 * use: the whole body, field for field. Two leniencies only, both about notation and not content:
 * numbers compare by value ({@code 10} and {@code 10.000000} are the same budget) and ISO-8601
 * timestamps by instant ({@code 2100-01-01T00:00:00Z} and {@code …00.000Z} are the same moment).
 */
final class VerifyAnswers {

    /** The master key of behavior-config.yml. */
    static final String MASTER_KEY = "sk-behavior-master-key-0000";
    static final Credential MASTER = Credential.bearer(MASTER_KEY);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private VerifyAnswers() {}

    /** {@code {"valid":false,"code":"NOT_FOUND","key":null,"user":null,"team":null}}. */
    static ObjectNode notFound() {
        return answer("NOT_FOUND", null, null, null);
    }

    /** The master key in header mode: valid, no key, a proxy admin without a user id, no team. */
    static ObjectNode masterKey() {
        return answer("VALID", null, user(null, "proxy_admin"), null);
    }

    /**
     * {@code valid} is {@code code == VALID}; a key that cannot be used says why ({@code message});
     * {@code null} parts are JSON nulls.
     */
    static ObjectNode answer(String code, ObjectNode key, ObjectNode user, ObjectNode team) {
        ObjectNode answer = NODES.objectNode();
        answer.put("valid", code.equals("VALID"));
        answer.put("code", code);
        String message = switch (code) {
            case "EXPIRED" -> "The key has expired";
            case "BLOCKED" -> "The key is blocked";
            case "TEAM_BLOCKED" -> "The key's team is blocked";
            default -> null;
        };
        if (message != null) {
            answer.put("message", message);
        }
        answer.set("key", key == null ? NullNode.getInstance() : key);
        answer.set("user", user == null ? NullNode.getInstance() : user);
        answer.set("team", team == null ? NullNode.getInstance() : team);
        return answer;
    }

    static ObjectNode user(String userId, String userRole) {
        ObjectNode user = NODES.objectNode();
        user.put("user_id", userId);
        user.put("user_role", userRole);
        return user;
    }

    static ObjectNode team(String teamId, boolean blocked, String... models) {
        ObjectNode team = NODES.objectNode();
        team.put("team_id", teamId);
        team.put("blocked", blocked);
        team.set("models", strings(models));
        return team;
    }

    /**
     * The {@code key} part of a key stored with the harness's defaults (as {@link World#insertKey}
     * writes it): type {@code default}, no models, no expiry, no limits, nothing spent, no metadata.
     * {@link #set} the fields a test stored otherwise.
     */
    static ObjectNode key(String token, String alias, KeyShape shape) {
        ObjectNode key = NODES.objectNode();
        key.put("token", token);
        key.put("key_alias", alias);
        key.put("key_type", "default");
        key.put("user_id", shape.userId());
        key.put("team_id", shape.teamId());
        key.put("organization_id", shape.organizationId());
        key.set("models", strings());
        key.putNull("expires");
        key.putNull("max_budget");
        key.put("spend", 0);
        key.putNull("soft_budget");
        key.putNull("tpm_limit");
        key.putNull("rpm_limit");
        key.putNull("max_parallel_requests");
        key.set("metadata", NODES.objectNode());
        return key;
    }

    /** Adds one budget the key draws on to an expected answer ({@code budgets}, in the order Keygate lists them). */
    static ObjectNode budget(ObjectNode answer, String scope, String id, Object maxBudget, Object spend, Object remaining) {
        ObjectNode budget = NODES.objectNode();
        budget.put("scope", scope);
        budget.put("id", id);
        budget.set("max_budget", JSON.valueToTree(maxBudget));
        budget.set("spend", JSON.valueToTree(spend));
        budget.set("remaining", JSON.valueToTree(remaining));
        array(answer, "budgets").add(budget);
        return answer;
    }

    /** Adds one rate limit to an expected answer ({@code rate_limits}: rpm, tpm, parallel; key, team, organization). */
    static ObjectNode rateLimit(ObjectNode answer, String scope, String id, String limitType, long limit, long remaining) {
        ObjectNode standing = NODES.objectNode();
        standing.put("scope", scope);
        standing.put("id", id);
        standing.put("limit_type", limitType);
        standing.put("limit", limit);
        standing.put("remaining", remaining);
        array(answer, "rate_limits").add(standing);
        return answer;
    }

    private static ArrayNode array(ObjectNode answer, String field) {
        return answer.has(field) ? (ArrayNode) answer.get(field) : answer.putArray(field);
    }

    /** Replaces one field of an expected part with any value Jackson writes (a String, a number, a List, a Map). */
    static ObjectNode set(ObjectNode part, String field, Object value) {
        part.set(field, JSON.valueToTree(value));
        return part;
    }

    static ArrayNode strings(String... values) {
        ArrayNode array = NODES.arrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    /** 200 and exactly {@code expected} (numbers by value, timestamps by instant); never {@code secrets}. */
    static Response assertAnswer(Response response, ObjectNode expected, String... secrets) {
        response.assertStatus(200);
        assertThat(response.body().equals(SAME_VALUE, expected))
                .as("body of %s%n  expected: %s", response, expected)
                .isTrue();
        for (String secret : secrets) {
            assertThat(response.raw()).as("the answer holds no cleartext key: %s", response).doesNotContain(secret);
        }
        return response;
    }

    /**
     * Equal leaves; numbers by value; text by instant when both sides are ISO-8601 timestamps.
     * Jackson calls it for every leaf and compares objects (same field names) and arrays itself.
     */
    private static final Comparator<JsonNode> SAME_VALUE = (left, right) -> {
        if (left.isNumber() && right.isNumber()) {
            return left.decimalValue().compareTo(right.decimalValue());
        }
        if (left.isTextual() && right.isTextual()) {
            Optional<Instant> a = instant(left.asText());
            Optional<Instant> b = instant(right.asText());
            if (a.isPresent() && b.isPresent()) {
                return a.get().compareTo(b.get());
            }
        }
        return left.equals(right) ? 0 : 1;
    };

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
