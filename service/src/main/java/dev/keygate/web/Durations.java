package dev.keygate.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LiteLLM's duration strings, read in one place for every {@code duration}, {@code budget_duration}
 * and {@code grace_period}: a number, then a unit ({@code 30s}, {@code 15min}, {@code 1hr},
 * {@code 30days}, {@code 2weeks}, {@code 1mo}), or one of the words {@code hourly}, {@code daily},
 * {@code weekly}, {@code monthly}.
 *
 * <p>As in LiteLLM's {@code litellm/litellm_core_utils/duration_parser.py}: {@code _extract_from_regex}
 * reads the unit from the letters after the number ({@code mo} before {@code m}, then one of
 * {@code s m h d w}), {@code duration_in_seconds} turns {@code mo} into calendar months (same day of
 * the month, the month's last day when it has fewer), and {@code _BUDGET_DURATION_WORD_ALIASES} maps
 * the words to {@code 1h}, {@code 24h}, {@code 7d}, {@code 30d}. LiteLLM stops reading after the
 * unit's first letters, so {@code 1hfoo} is an hour and {@code 1mth} a minute there; Keygate takes
 * only the spellings below, each meaning what LiteLLM reads in it, so a typo is a 400 instead of a
 * quietly different duration (what LiteLLM's open PR #29321 does too). Units are lower case, as in
 * LiteLLM; the words are read in any case.
 */
public final class Durations {

    /** What a duration counts. */
    public enum Unit { SECONDS, MINUTES, HOURS, DAYS, WEEKS, MONTHS }

    /** A duration as read: {@code amount} of {@code unit}. */
    public record Span(long amount, Unit unit) {

        /** {@code start} plus this span, in UTC: months are calendar months (Jan 31 + 1mo = Feb 28 or 29). */
        ZonedDateTime after(ZonedDateTime start) {
            return switch (unit) {
                case SECONDS -> start.plusSeconds(amount);
                case MINUTES -> start.plusMinutes(amount);
                case HOURS -> start.plusHours(amount);
                case DAYS -> start.plusDays(amount);
                case WEEKS -> start.plusWeeks(amount);
                case MONTHS -> start.plusMonths(amount);
            };
        }
    }

    /**
     * Nine digits at most: enough for any date Keygate can store, and far from overflowing a
     * {@code long} in seconds; a longer number is a 400, never an arithmetic error.
     */
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})([a-z]+)");

    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("s", Unit.SECONDS), Map.entry("sec", Unit.SECONDS), Map.entry("secs", Unit.SECONDS),
            Map.entry("second", Unit.SECONDS), Map.entry("seconds", Unit.SECONDS),
            Map.entry("m", Unit.MINUTES), Map.entry("min", Unit.MINUTES), Map.entry("mins", Unit.MINUTES),
            Map.entry("minute", Unit.MINUTES), Map.entry("minutes", Unit.MINUTES),
            Map.entry("h", Unit.HOURS), Map.entry("hr", Unit.HOURS), Map.entry("hrs", Unit.HOURS),
            Map.entry("hour", Unit.HOURS), Map.entry("hours", Unit.HOURS),
            Map.entry("d", Unit.DAYS), Map.entry("day", Unit.DAYS), Map.entry("days", Unit.DAYS),
            Map.entry("w", Unit.WEEKS), Map.entry("wk", Unit.WEEKS), Map.entry("wks", Unit.WEEKS),
            Map.entry("week", Unit.WEEKS), Map.entry("weeks", Unit.WEEKS),
            Map.entry("mo", Unit.MONTHS), Map.entry("mon", Unit.MONTHS), Map.entry("month", Unit.MONTHS),
            Map.entry("months", Unit.MONTHS));

    private static final Map<String, Span> WORDS = Map.of(
            "hourly", new Span(1, Unit.HOURS),
            "daily", new Span(24, Unit.HOURS),
            "weekly", new Span(7, Unit.DAYS),
            "monthly", new Span(30, Unit.DAYS));

    /** Timestamps stop before the year 10000, as in LiteLLM (Python's datetime) and ISO 8601 answers. */
    private static final int LAST_YEAR = 9999;

    private Durations() {}

    /** Reads {@code value}; anything else than the grammar above is a 400 naming {@code param}. */
    public static Span parse(String value, String param) {
        String text = value == null ? "" : value.strip();
        Span word = WORDS.get(text.toLowerCase(Locale.ROOT));
        if (word != null) {
            return word;
        }
        Matcher m = FORMAT.matcher(text);
        Unit unit = m.matches() ? UNITS.get(m.group(2)) : null;
        if (unit == null) {
            throw ApiException.badRequest(param + " must be a number and a unit (30s, 30m, 1hr, 30days, 2weeks, 1mo)"
                    + " or hourly, daily, weekly or monthly, got '" + value + "'", param);
        }
        return new Span(Long.parseLong(m.group(1)), unit);
    }

    /** {@code start} plus the duration {@code value} ({@code duration}, {@code grace_period}); 400 past the year 9999. */
    public static Instant after(String value, Instant start, String param) {
        return requireStorable(parse(value, param).after(start.atZone(ZoneOffset.UTC)), value, param);
    }

    /** {@code time}, or a 400 naming {@code param} when it is past the last year a timestamp may have. */
    public static Instant requireStorable(ZonedDateTime time, String value, String param) {
        if (time.getYear() > LAST_YEAR) {
            throw ApiException.badRequest(param + " '" + value + "' reaches past the year " + LAST_YEAR, param);
        }
        return time.toInstant();
    }
}
