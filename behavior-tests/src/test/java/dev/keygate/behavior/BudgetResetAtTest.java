package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code budget_reset_at} on keys, teams, users and organizations: set from {@code budget_duration}
 * by the write that sets the duration, on LiteLLM's boundaries (UTC midnight, Monday, the 1st, the
 * next full hour), the same in every answer that shows the object (create, info, list, update),
 * untouched by updates of other fields, and cleared with the duration. Each expected time is
 * worked out for the clock read just before and just after the write; the answer must be one of the
 * two.
 */
@BehaviorTest
class BudgetResetAtTest {

    @Test
    void keyResetFollowsItsBudgetDuration(Scratch scratch) {
        String alias = scratch.name("k");
        JsonNode key = timed("1d", () -> post("/key/generate", Map.of("key_alias", alias, "budget_duration", "1d")));
        String token = key.path("token").asText();

        assertSameReset(key, Keygate.api().keyInfo(token, PROXY_ADMIN.credential()).assertStatus(200).body()
                .path("info"));
        assertSameReset(key, get("/key/list?return_full_object=true&key_alias=" + alias).path("keys").path(0));

        assertUpdatesFollow(body -> post("/key/update", body), "key", token, "1mo",
                Map.entry("metadata", Map.of("note", "other field")));
    }

    @Test
    void aKeyWithoutBudgetDurationHasNoReset(Scratch scratch) {
        JsonNode key = post("/key/generate", Map.of("key_alias", scratch.name("k")));
        assertCleared(key);
    }

    @Test
    void teamResetFollowsItsBudgetDuration(Scratch scratch) {
        String teamId = scratch.name("team");
        JsonNode team = timed("1w", () -> post("/team/new", Map.of("team_id", teamId, "budget_duration", "1w")));

        assertSameReset(team, get("/team/info?team_id=" + teamId).path("team_info"));
        assertSameReset(team, find(get("/team/list"), "team_id", teamId));

        assertUpdatesFollow(body -> post("/team/update", body), "team_id", teamId, "1hr",
                Map.entry("team_alias", scratch.name("t")));
    }

    @Test
    void userResetFollowsItsBudgetDuration(Scratch scratch) {
        String userId = scratch.name("user");
        String email = scratch.name("user") + "@example.com";
        JsonNode user = timed("30days", () -> post("/user/new", Map.of("user_id", userId, "user_email", email,
                "budget_duration", "30days", "auto_create_key", false)));

        assertSameReset(user, get("/user/info?user_id=" + userId).path("user_info"));
        assertSameReset(user, get("/user/list?user_email=" + email).path("users").path(0));

        assertUpdatesFollow(body -> post("/user/update", body), "user_id", userId, "daily",
                Map.entry("user_alias", scratch.name("u")));
    }

    @Test
    void organizationResetFollowsItsBudgetDuration(Scratch scratch) {
        String organizationId = scratch.name("org");
        JsonNode organization = timed("monthly", () -> post("/organization/new", Map.of("organization_id", organizationId,
                "organization_alias", organizationId, "budget_duration", "monthly")));

        assertSameReset(organization, get("/organization/info?organization_id=" + organizationId));
        assertSameReset(organization, find(get("/organization/list"), "organization_id", organizationId));

        assertUpdatesFollow(body -> Keygate.api().patch("/organization/update", body, PROXY_ADMIN.credential())
                .assertStatus(200).body(), "organization_id", organizationId, "1d",
                Map.entry("metadata", Map.of("note", "other field")));
    }

    /**
     * Updates of the object named {@code idField: id}: a new {@code budgetDuration} moves the reset,
     * an update of {@code otherField} leaves it, {@code budget_duration: null} clears both.
     */
    private static void assertUpdatesFollow(Function<Map<String, Object>, JsonNode> update, String idField, String id,
                                            String budgetDuration, Map.Entry<String, Object> otherField) {
        JsonNode moved = timed(budgetDuration, () -> update.apply(Map.of(idField, id, "budget_duration", budgetDuration)));
        assertSameReset(moved, update.apply(Map.of(idField, id, otherField.getKey(), otherField.getValue())));
        Map<String, Object> cleared = new HashMap<>();
        cleared.put(idField, id);
        cleared.put("budget_duration", null);
        assertCleared(update.apply(cleared));
    }

    /**
     * Runs the write and checks its answer: the duration as sent, and a reset on the duration's next
     * boundary after the clock read before or after the write.
     */
    private static JsonNode timed(String budgetDuration, Supplier<JsonNode> write) {
        Instant before = Instant.now();
        JsonNode answer = write.get();
        Instant after = Instant.now();
        assertThat(answer.path("budget_duration").asText()).isEqualTo(budgetDuration);
        assertThat(Instant.parse(answer.path("budget_reset_at").asText()))
                .isIn(nextReset(budgetDuration, before), nextReset(budgetDuration, after));
        return answer;
    }

    /** LiteLLM's documented boundaries for the durations used here (UTC, reset at midnight). */
    private static Instant nextReset(String budgetDuration, Instant at) {
        ZonedDateTime now = at.atZone(ZoneOffset.UTC);
        ZonedDateTime midnight = now.truncatedTo(ChronoUnit.DAYS);
        ZonedDateTime reset = switch (budgetDuration) {
            case "1hr" -> now.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            case "1d", "daily" -> midnight.plusDays(1);
            case "1w" -> midnight.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            case "1mo", "30days", "monthly" -> midnight.with(TemporalAdjusters.firstDayOfNextMonth());
            default -> throw new IllegalArgumentException("no expected reset for " + budgetDuration);
        };
        return reset.toInstant();
    }

    private static void assertSameReset(JsonNode expected, JsonNode actual) {
        assertThat(actual.path("budget_duration").asText()).isEqualTo(expected.path("budget_duration").asText());
        assertThat(actual.path("budget_reset_at").asText()).isEqualTo(expected.path("budget_reset_at").asText());
    }

    /** Both fields are in the answer, as null. */
    private static void assertCleared(JsonNode answer) {
        assertThat(answer.has("budget_duration") && answer.path("budget_duration").isNull()).as("budget_duration null")
                .isTrue();
        assertThat(answer.has("budget_reset_at") && answer.path("budget_reset_at").isNull()).as("budget_reset_at null")
                .isTrue();
    }

    private static JsonNode find(JsonNode list, String idField, String id) {
        return StreamSupport.stream(list.spliterator(), false)
                .filter(item -> item.path(idField).asText().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError(id + " not listed"));
    }

    private static JsonNode post(String path, Map<String, Object> body) {
        return Keygate.api().post(path, body, PROXY_ADMIN.credential()).assertStatus(200).body();
    }

    private static JsonNode get(String path) {
        return Keygate.api().get(path, PROXY_ADMIN.credential()).assertStatus(200).body();
    }
}
