package dev.keygate.web;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether an error that repeats (every request while the database is down) should be logged with its
 * stack trace: at most once per interval. The other occurrences are still logged, one line each with
 * their error id and cause, so an outage under load writes lines, not thousands of stack traces.
 */
public final class ThrottledTrace {

    private final Clock clock;
    private final long intervalMillis;
    /** When a trace was last let through; Long.MIN_VALUE: never. */
    private final AtomicLong lastTraceAt = new AtomicLong(Long.MIN_VALUE);

    public ThrottledTrace(Clock clock, Duration interval) {
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /** True for the first occurrence and then once per interval; false in between. */
    public boolean shouldTrace() {
        long now = clock.millis();
        long last = lastTraceAt.get();
        return (last == Long.MIN_VALUE || now - last >= intervalMillis) && lastTraceAt.compareAndSet(last, now);
    }
}
