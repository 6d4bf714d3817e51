package dev.keygate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keygate.web.Durations.Span;
import dev.keygate.web.Durations.Unit;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The duration grammar: every spelling LiteLLM reads the same way is accepted, nothing else. */
class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            30s       | 30        | SECONDS
            30sec     | 30        | SECONDS
            30secs    | 30        | SECONDS
            1second   | 1         | SECONDS
            30seconds | 30        | SECONDS
            0s        | 0         | SECONDS
            999999999s| 999999999 | SECONDS
            30m       | 30        | MINUTES
            15min     | 15        | MINUTES
            15mins    | 15        | MINUTES
            1minute   | 1         | MINUTES
            15minutes | 15        | MINUTES
            6h        | 6         | HOURS
            1hr       | 1         | HOURS
            6hrs      | 6         | HOURS
            1hour     | 1         | HOURS
            6hours    | 6         | HOURS
            1d        | 1         | DAYS
            1day      | 1         | DAYS
            30days    | 30        | DAYS
            007d      | 7         | DAYS
            2w        | 2         | WEEKS
            2wk       | 2         | WEEKS
            2wks      | 2         | WEEKS
            1week     | 1         | WEEKS
            2weeks    | 2         | WEEKS
            1mo       | 1         | MONTHS
            1mon      | 1         | MONTHS
            1month    | 1         | MONTHS
            3months   | 3         | MONTHS
            hourly    | 1         | HOURS
            daily     | 24        | HOURS
            weekly    | 7         | DAYS
            monthly   | 30        | DAYS
            DAILY     | 24        | HOURS
            Monthly   | 30        | DAYS
            ' 30d '   | 30        | DAYS
            ' weekly' | 7         | DAYS
            """)
    void readsEverySpelling(String value, long amount, Unit unit) {
        assertThat(Durations.parse(value, "duration")).isEqualTo(new Span(amount, unit));
    }

    /**
     * Refused with a 400 naming the parameter: no unit, an unknown one, upper case (LiteLLM's units
     * are lower case), a sign, a fraction, two units, ten digits, and what LiteLLM's prefix match would
     * quietly read as something else ({@code 1mth} is a minute there, {@code 1hfoo} an hour).
     */
    @ParameterizedTest(name = "''{0}''")
    @NullSource
    @ValueSource(strings = {"", " ", "30", "d30", "30x", "1y", "1H", "1HR", "1Mo", "1 h", "1h30m", "30dd", "1mth",
            "1hfoo", "1ms", "1mo1", "-1d", "+1d", "1.5h", "1e3s", "1000000000s", "99999999999d", "none", "null",
            "hourly1", "every day", "\u0663d", "30d\u0000"})
    void refusesAnythingElse(String value) {
        assertBadRequest(() -> Durations.parse(value, "budget_duration"), "budget_duration");
    }

    static Stream<Arguments> calendarMonths() {
        return Stream.of(
                Arguments.of("2025-05-10T08:30:00Z", "1mo", "2025-06-10T08:30:00Z"),
                Arguments.of("2025-01-31T10:00:00Z", "1mo", "2025-02-28T10:00:00Z"),
                Arguments.of("2024-01-31T10:00:00Z", "1mo", "2024-02-29T10:00:00Z"),
                Arguments.of("2024-02-29T10:00:00Z", "12mo", "2025-02-28T10:00:00Z"),
                Arguments.of("2024-02-29T10:00:00Z", "48months", "2028-02-29T10:00:00Z"),
                Arguments.of("2025-03-31T23:59:59Z", "1month", "2025-04-30T23:59:59Z"),
                Arguments.of("2025-01-31T00:00:00Z", "2mo", "2025-03-31T00:00:00Z"),
                Arguments.of("2023-12-15T12:00:00Z", "1mo", "2024-01-15T12:00:00Z"),
                Arguments.of("2025-11-30T12:00:00Z", "3mo", "2026-02-28T12:00:00Z"));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @MethodSource("calendarMonths")
    void monthsAreCalendarMonths(String start, String duration, String expected) {
        assertThat(Durations.after(duration, Instant.parse(start), "duration")).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "2025-05-10T08:30:00Z + {0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            90s     | 2025-05-10T08:31:30Z
            1hr     | 2025-05-10T09:30:00Z
            30days  | 2025-06-09T08:30:00Z
            2weeks  | 2025-05-24T08:30:00Z
            daily   | 2025-05-11T08:30:00Z
            monthly | 2025-06-09T08:30:00Z
            0s      | 2025-05-10T08:30:00Z
            """)
    void otherUnitsAreExactLengths(String duration, String expected) {
        assertThat(Durations.after(duration, Instant.parse("2025-05-10T08:30:00Z"), "duration"))
                .isEqualTo(Instant.parse(expected));
    }

    @Test
    void aDurationReachingPastTheYear9999Is400NotAnOverflow() {
        Instant now = Instant.parse("2025-05-10T08:30:00Z");
        assertBadRequest(() -> Durations.after("999999999d", now, "duration"), "duration");
        assertBadRequest(() -> Durations.after("999999999w", now, "grace_period"), "grace_period");
        assertBadRequest(() -> Durations.after("999999999mo", now, "duration"), "duration");
        assertThat(Durations.after("999999999s", now, "duration")).isEqualTo(now.plusSeconds(999_999_999));
        assertThat(Durations.after("95000mo", now, "duration")).isEqualTo(Instant.parse("9942-01-10T08:30:00Z"));
    }

    static void assertBadRequest(Runnable call, String param) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).isEqualTo(param);
        });
    }
}
