package dev.keygate.web;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LiteLLM duration strings: "30s", "30m", "30h", "30d", "2w", "1mo" (30 days). */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("^(\\d{1,9})(s|m|h|d|w|mo)$");

    private Durations() {}

    public static Duration parse(String value, String param) {
        Matcher m = FORMAT.matcher(value == null ? "" : value.trim());
        if (!m.matches()) {
            throw ApiException.badRequest(
                    param + " must look like 30s, 30m, 30h, 30d, 2w or 1mo, got '" + value + "'", param);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofDays(30 * n);
        };
    }

    /** Validates without using the value: budget_duration is stored as given. */
    public static String requireValid(String value, String param) {
        if (value != null) {
            parse(value, param);
        }
        return value;
    }
}
