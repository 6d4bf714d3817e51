package dev.keygate.limits;

import dev.keygate.db.RowUpdate;
import dev.keygate.web.ApiException;
import dev.keygate.web.Durations;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * When a budget next resets ({@code budget_reset_at}), worked out from its {@code budget_duration}
 * when the duration is set, as LiteLLM does on create and on update of keys, teams, users and
 * budgets; {@link BudgetResetJob} resets the budgets when it comes.
 *
 * <p>LiteLLM (newest source read): {@code get_budget_reset_time} in
 * {@code litellm/proxy/common_utils/timezone_utils.py} calls {@code get_next_standardized_reset_time}
 * in {@code litellm/litellm_core_utils/duration_parser.py} with the current time, in the configured
 * timezone (default UTC) and reset time of day (default midnight); Keygate has neither setting and
 * uses those defaults. Resets land on boundaries, not at now + duration: see {@link #next}. Before a
 * budget_duration is stored it must be positive and have a reset time that can be worked out
 * ({@code validate_budget_duration}, same file): {@code 0d} and {@code 2mo} are refused. LiteLLM's
 * reset path reads only the short units and sends a long spelling such as {@code 30days} to the next
 * midnight; Keygate resets on the unit the duration names (as LiteLLM's open PR #29321 does).
 */
public final class BudgetReset {

    private static final String PARAM = "budget_duration";

    private BudgetReset() {}

    /** The first reset of a budget given {@code budgetDuration} at {@code now}; null without a duration. */
    public static Instant first(String budgetDuration, Instant now) {
        if (budgetDuration == null) {
            return null;
        }
        Durations.Span span = Durations.parse(budgetDuration, PARAM);
        if (span.amount() == 0) {
            throw ApiException.badRequest(PARAM + " must be more than zero, got '" + budgetDuration + "'", PARAM);
        }
        if (span.unit() == Durations.Unit.MONTHS && span.amount() != 1) {
            throw ApiException.badRequest(PARAM + " in months resets on the 1st of every month: use 1mo, got '"
                    + budgetDuration + "'", PARAM);
        }
        return Durations.requireStorable(next(span, now.atZone(ZoneOffset.UTC)), budgetDuration, PARAM);
    }

    /**
     * For patch requests: when {@code budgetDuration} was sent (see {@link RowUpdate#setIfSent}), sets
     * it and its first reset together; null clears both.
     */
    public static void setIfSent(RowUpdate update, Optional<String> budgetDuration, Instant now) {
        if (budgetDuration != null) {
            String value = budgetDuration.orElse(null);
            update.set("budget_reset_at", first(value, now));
            update.set("budget_duration", value);
        }
    }

    /**
     * LiteLLM's {@code get_next_standardized_reset_time} for a positive span at {@code now} (UTC):
     * seconds, minutes and hours step to the next multiple of the span on the clock face of the day,
     * carried into the next hour and minute; any hour past 23 wraps into tomorrow, whatever the carry
     * ({@code 48h} resets at tomorrow's midnight, as in LiteLLM). {@code 1d} resets at the next
     * midnight, {@code 7d} (and {@code 1w}) next Monday at midnight, {@code 30d} (and {@code 1mo}) on
     * the 1st of next month; other days and weeks N days after today's midnight.
     */
    static ZonedDateTime next(Durations.Span span, ZonedDateTime now) {
        ZonedDateTime midnight = now.truncatedTo(ChronoUnit.DAYS);
        long n = span.amount();
        return switch (span.unit()) {
            case SECONDS -> onClock(midnight, now.getHour(), now.getMinute(), stepped(now.getSecond(), n));
            case MINUTES -> onClock(midnight, now.getHour(), stepped(now.getMinute(), n), 0);
            case HOURS -> onClock(midnight, stepped(now.getHour(), n), 0, 0);
            case DAYS -> afterDays(midnight, n);
            case WEEKS -> afterDays(midnight, 7 * n);
            case MONTHS -> midnight.with(TemporalAdjusters.firstDayOfNextMonth());
        };
    }

    /** The next multiple of {@code step} after {@code current}, as LiteLLM counts it on the clock face. */
    private static long stepped(long current, long step) {
        return current + step - current % step;
    }

    private static ZonedDateTime onClock(ZonedDateTime midnight, long hour, long minute, long second) {
        long minutes = minute + second / 60;
        long hours = hour + minutes / 60;
        ZonedDateTime day = hours >= 24 ? midnight.plusDays(1) : midnight;
        return day.withHour((int) (hours % 24)).withMinute((int) (minutes % 60)).withSecond((int) (second % 60));
    }

    private static ZonedDateTime afterDays(ZonedDateTime midnight, long days) {
        if (days == 1) {
            return midnight.plusDays(1);
        }
        if (days == 7) {
            return midnight.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        }
        if (days == 30) {
            return midnight.with(TemporalAdjusters.firstDayOfNextMonth());
        }
        return midnight.plusDays(days);
    }
}
