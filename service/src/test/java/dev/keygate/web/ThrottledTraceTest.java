package dev.keygate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottledTraceTest {

    /** A clock the test moves by hand. */
    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    };
    private final ThrottledTrace traces = new ThrottledTrace(clock, Duration.ofSeconds(10));

    @Test
    void firstOccurrenceIsTraced() {
        assertThat(traces.shouldTrace()).isTrue();
    }

    @Test
    void repeatsWithinTheIntervalAreNot() {
        traces.shouldTrace();
        millis.addAndGet(9_999);

        assertThat(traces.shouldTrace()).isFalse();
        assertThat(traces.shouldTrace()).isFalse();
    }

    @Test
    void nextIntervalIsTracedOnceAgain() {
        traces.shouldTrace();
        millis.addAndGet(10_000);

        assertThat(traces.shouldTrace()).isTrue();
        assertThat(traces.shouldTrace()).isFalse();
    }
}
