package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LiteLLM's duration strings over HTTP: {@code duration} on /key/generate and /key/update sets
 * {@code expires} that far from the request ({@code mo} a calendar month, in UTC); anything outside
 * the grammar is 400 naming the field, and stores nothing. The time is bracketed by the clock read
 * before and after the request, never compared with a tolerance.
 */
@BehaviorTest
class DurationGrammarTest {

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("1hr", (UnaryOperator<ZonedDateTime>) t -> t.plusHours(1)),
                Arguments.of("90min", (UnaryOperator<ZonedDateTime>) t -> t.plusMinutes(90)),
                Arguments.of("30days", (UnaryOperator<ZonedDateTime>) t -> t.plusDays(30)),
                Arguments.of("2weeks", (UnaryOperator<ZonedDateTime>) t -> t.plusWeeks(2)),
                Arguments.of("1mo", (UnaryOperator<ZonedDateTime>) t -> t.plusMonths(1)),
                Arguments.of("3months", (UnaryOperator<ZonedDateTime>) t -> t.plusMonths(3)),
                Arguments.of("daily", (UnaryOperator<ZonedDateTime>) t -> t.plusHours(24)));
    }

    @ParameterizedTest(name = "duration {0} -> expires")
    @MethodSource("durations")
    void generateSetsExpiresThatFarAhead(String duration, UnaryOperator<ZonedDateTime> ahead, Scratch scratch) {
        String alias = scratch.name("k");
        Instant before = now();
        Response response = Keygate.api().post("/key/generate", Map.of("key_alias", alias, "duration", duration),
                PROXY_ADMIN.credential());
        Instant after = now();

        response.assertStatus(200);
        Instant expires = Instant.parse(response.body().path("expires").asText());
        assertThat(expires).isBetween(shifted(before, ahead), shifted(after, ahead));
        assertThat(Keygate.api().keyInfo(response.body().path("token").asText(), PROXY_ADMIN.credential())
                .assertStatus(200).body().path("info").path("expires").asText())
                .isEqualTo(response.body().path("expires").asText());
    }

    @ParameterizedTest(name = "duration {0} -> expires")
    @MethodSource("durations")
    void updateSetsExpiresThatFarAhead(String duration, UnaryOperator<ZonedDateTime> ahead, Scratch scratch) {
        Scratch.ScratchKey key = scratch.insertKey(new KeyShape(World.BYSTANDER, null, null));
        Instant before = now();
        Response response = Keygate.api().post("/key/update", Map.of("key", key.token(), "duration", duration),
                PROXY_ADMIN.credential());
        Instant after = now();

        response.assertStatus(200);
        assertThat(Instant.parse(response.body().path("expires").asText()))
                .isBetween(shifted(before, ahead), shifted(after, ahead));
    }

    /**
     * Not the grammar: upper-case units, a bare number, two units, a typo LiteLLM's prefix match would
     * read as a minute ({@code 1mth}), and a duration past the year 9999.
     */
    @ParameterizedTest(name = "duration ''{0}'' -> 400")
    @ValueSource(strings = {"1H", "30", "1h30m", "1mth", "1hfoo", "soon", "999999999d"})
    void anythingElseIs400NamingDurationAndStoresNoKey(String duration, Scratch scratch) {
        String alias = scratch.name("k");
        Response response = Keygate.api().post("/key/generate", Map.of("key_alias", alias, "duration", duration),
                PROXY_ADMIN.credential());

        response.assertError(400);
        assertThat(response.body().path("error").path("param").asText()).isEqualTo("duration");
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE key_alias = ?", alias)).isZero();
    }

    /** A budget must reset: zero never does, and months reset monthly only (LiteLLM's validate_budget_duration). */
    @ParameterizedTest(name = "budget_duration ''{0}'' -> 400")
    @ValueSource(strings = {"0d", "2mo", "1hfoo", "999999999w"})
    void aBudgetDurationThatCannotResetIs400AndStoresNothing(String budgetDuration, Scratch scratch) {
        String alias = scratch.name("k");
        String teamId = scratch.name("team");
        Map<String, Object> key = new HashMap<>(Map.of("key_alias", alias, "budget_duration", budgetDuration));
        Map<String, Object> team = new HashMap<>(Map.of("team_id", teamId, "budget_duration", budgetDuration));

        for (Response response : new Response[] {
                Keygate.api().post("/key/generate", key, PROXY_ADMIN.credential()),
                Keygate.api().post("/team/new", team, PROXY_ADMIN.credential())}) {
            response.assertError(400);
            assertThat(response.body().path("error").path("param").asText()).isEqualTo("budget_duration");
        }
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE key_alias = ?", alias)).isZero();
        assertThat(Keygate.db().count("SELECT count(*) FROM teams WHERE team_id = ?", teamId)).isZero();
    }

    private static Instant shifted(Instant at, UnaryOperator<ZonedDateTime> ahead) {
        return ahead.apply(at.atZone(ZoneOffset.UTC)).toInstant();
    }

    /**
     * The clock as Postgres keeps it (microseconds), so the bracket holds whichever way the stored
     * time was rounded.
     */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
