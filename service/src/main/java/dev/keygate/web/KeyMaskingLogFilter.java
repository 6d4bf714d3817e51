package dev.keygate.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * No key in any log line, whoever writes it: every line, Keygate's or a library's, has anything
 * shaped like a key ({@code sk-...}) masked before an appender sees it. Keygate's own lines never
 * hold one (the request log logs route templates); this is for the lines of others, which quote
 * what a client sent: Jetty warns with a duplicate {@code Host} header's values or a bad
 * {@code CONNECT} authority, exception messages quote paths.
 *
 * <p>A turbo filter runs before the event is made, so a line holding a key is refused and logged
 * again, masked. Lines below their logger's level are never formatted here.
 */
public final class KeyMaskingLogFilter extends TurboFilter {

    /**
     * {@code sk-} starting a word and what follows, up to a character that ends a key in a URI, a
     * header or JSON ("task-1" is left alone).
     */
    private static final Pattern KEY = Pattern.compile("\\bsk-[^\\s/?&#\"'<>,;()\\[\\]{}|\\\\]+");
    private static final String MASK = "sk-***";
    /** Causes looked at: a cause chain can loop (A caused by B caused by A). */
    private static final int MAX_CAUSES = 32;

    /** Adds the filter to logback; after Dropwizard has configured logging, which starts afresh. */
    public static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            KeyMaskingLogFilter filter = new KeyMaskingLogFilter();
            filter.setContext(logback);
            filter.start();
            logback.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        // No format: a level check (isDebugEnabled()), not a line.
        if (format == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        FormattingTuple line = MessageFormatter.arrayFormat(format, params);
        Throwable thrown = t != null ? t : line.getThrowable();
        if (!holdsKey(line.getMessage()) && !holdsKey(thrown)) {
            return FilterReply.NEUTRAL;
        }
        // Already formatted, so no arguments: braces in the masked text stay as they are.
        LoggingEvent masked = new LoggingEvent(Logger.FQCN, logger, level, mask(line.getMessage()), masked(thrown), null);
        if (marker != null) {
            masked.addMarker(marker);
        }
        logger.callAppenders(masked);
        return FilterReply.DENY;
    }

    static String mask(String text) {
        return text == null ? null : KEY.matcher(text).replaceAll(MASK);
    }

    private static boolean holdsKey(String text) {
        return text != null && KEY.matcher(text).find();
    }

    private static boolean holdsKey(Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (holdsKey(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static Throwable masked(Throwable thrown) {
        return masked(thrown, 0);
    }

    /**
     * The same chain and stack frames with masked messages; a chain holding no key is kept as it is,
     * one too long to look through is cut.
     */
    private static Throwable masked(Throwable thrown, int depth) {
        if (!holdsKey(thrown)) {
            return thrown;
        }
        if (depth == MAX_CAUSES) {
            return null;
        }
        Throwable copy = new MaskedException(thrown.getClass().getName() + ": " + mask(thrown.getMessage()),
                masked(thrown.getCause(), depth + 1));
        copy.setStackTrace(thrown.getStackTrace());
        return copy;
    }

    /** Stands in for an exception whose message held a key; its message starts with the original class. */
    static final class MaskedException extends RuntimeException {
        MaskedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
