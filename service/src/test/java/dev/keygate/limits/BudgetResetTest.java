package dev.keygate.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keygate.db.RowUpdate;
import dev.keygate.web.ApiException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * budget_reset_at as LiteLLM's get_next_standardized_reset_time gives it (UTC, midnight), row by
 * row: the time the budget_duration was set, the duration, the first reset.
 */
class BudgetResetTest {

    /** 2025-05-14 is a Wednesday. */
    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-05-14T10:37:25.5Z | 1d          | 2025-05-15T00:00:00Z
            2025-05-14T10:37:25.5Z | 1day        | 2025-05-15T00:00:00Z
            2025-05-14T00:00:00Z   | 1d          | 2025-05-15T00:00:00Z
            2025-05-14T10:37:25.5Z | 2d          | 2025-05-16T00:00:00Z
            2025-05-14T10:37:25.5Z | 7d          | 2025-05-19T00:00:00Z
            2025-05-14T10:37:25.5Z | 1w          | 2025-05-19T00:00:00Z
            2025-05-14T10:37:25.5Z | 1week       | 2025-05-19T00:00:00Z
            2025-05-14T10:37:25.5Z | weekly      | 2025-05-19T00:00:00Z
            2025-05-19T00:00:00Z   | 1w          | 2025-05-26T00:00:00Z
            2025-05-18T23:59:59Z   | 1w          | 2025-05-19T00:00:00Z
            2025-05-14T10:37:25.5Z | 2weeks      | 2025-05-28T00:00:00Z
            2025-05-14T10:37:25.5Z | 30d         | 2025-06-01T00:00:00Z
            2025-05-14T10:37:25.5Z | 30days      | 2025-06-01T00:00:00Z
            2025-05-14T10:37:25.5Z | monthly     | 2025-06-01T00:00:00Z
            2025-05-14T10:37:25.5Z | 1mo         | 2025-06-01T00:00:00Z
            2025-05-14T10:37:25.5Z | 1month      | 2025-06-01T00:00:00Z
            2025-12-31T23:00:00Z   | 1mo         | 2026-01-01T00:00:00Z
            2025-05-01T00:00:00Z   | 1mo         | 2025-06-01T00:00:00Z
            2024-02-29T12:00:00Z   | 1mo         | 2024-03-01T00:00:00Z
            2025-05-14T10:37:25.5Z | 31d         | 2025-06-14T00:00:00Z
            2025-05-14T10:37:25.5Z | 1h          | 2025-05-14T11:00:00Z
            2025-05-14T10:37:25.5Z | 1hr         | 2025-05-14T11:00:00Z
            2025-05-14T10:37:25.5Z | hourly      | 2025-05-14T11:00:00Z
            2025-05-14T10:37:25.5Z | 6h          | 2025-05-14T12:00:00Z
            2025-05-14T10:37:25.5Z | 5h          | 2025-05-14T15:00:00Z
            2025-05-14T10:00:00Z   | 5h          | 2025-05-14T15:00:00Z
            2025-05-14T10:37:25.5Z | 24h         | 2025-05-15T00:00:00Z
            2025-05-14T10:37:25.5Z | daily       | 2025-05-15T00:00:00Z
            2025-05-14T00:30:00Z   | daily       | 2025-05-15T00:00:00Z
            2025-05-14T10:37:25.5Z | 30h         | 2025-05-15T06:00:00Z
            2025-05-14T10:37:25.5Z | 48h         | 2025-05-15T00:00:00Z
            2025-05-14T10:37:25.5Z | 999999999h  | 2025-05-15T15:00:00Z
            2025-05-14T10:37:25.5Z | 15m         | 2025-05-14T10:45:00Z
            2025-05-14T10:37:25.5Z | 30min       | 2025-05-14T11:00:00Z
            2025-05-14T10:37:25.5Z | 90minutes   | 2025-05-14T11:30:00Z
            2025-05-14T23:50:00Z   | 15m         | 2025-05-15T00:00:00Z
            2025-05-14T10:37:25.5Z | 10s         | 2025-05-14T10:37:30Z
            2025-05-14T10:37:25.5Z | 45sec       | 2025-05-14T10:37:45Z
            2025-05-14T10:37:25.5Z | 90seconds   | 2025-05-14T10:38:30Z
            2025-05-14T10:37:30Z   | 10s         | 2025-05-14T10:37:40Z
            2025-05-14T23:59:50Z   | 15s         | 2025-05-15T00:00:00Z
            2025-05-14T10:37:25.5Z | 2912674d    | 9999-12-31T00:00:00Z
            """)
    void resetsOnLiteLlmsBoundaries(String now, String budgetDuration, String expected) {
        assertThat(BudgetReset.first(budgetDuration, Instant.parse(now))).isEqualTo(Instant.parse(expected));
    }

    @Test
    void noDurationNoReset() {
        assertThat(BudgetReset.first(null, Instant.parse("2025-05-14T10:37:25Z"))).isNull();
    }

    /** Zero never resets (LiteLLM: "must be positive"), months only monthly, and no date past 9999. */
    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"0s", "0m", "0h", "0d", "0w", "0mo", "2mo", "12months", "999999999d", "2912675d",
            "999999999w", "soon", "", "1H"})
    void refusedDurationsAre400NamingBudgetDuration(String budgetDuration) {
        assertThatThrownBy(() -> BudgetReset.first(budgetDuration, Instant.parse("2025-05-14T10:37:25Z")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).isEqualTo("budget_duration");
                });
    }

    @Test
    void aSentDurationSetsItsResetAndANullOneClearsBoth() {
        Instant now = Instant.parse("2025-05-14T10:37:25Z");
        RowUpdate set = new RowUpdate("teams", "team_id", Set.of());
        BudgetReset.setIfSent(set, Optional.of("1d"), now);
        assertThat(set.value("budget_duration")).isEqualTo("1d");
        assertThat(set.value("budget_reset_at")).isEqualTo(Instant.parse("2025-05-15T00:00:00Z"));

        RowUpdate cleared = new RowUpdate("teams", "team_id", Set.of());
        BudgetReset.setIfSent(cleared, Optional.empty(), now);
        assertThat(cleared.columns()).containsExactlyInAnyOrder("budget_duration", "budget_reset_at");
        assertThat(cleared.value("budget_duration")).isNull();
        assertThat(cleared.value("budget_reset_at")).isNull();

        RowUpdate absent = new RowUpdate("teams", "team_id", Set.of());
        BudgetReset.setIfSent(absent, null, now);
        assertThat(absent.columns()).isEmpty();
    }
}
