package dev.keygate.enforcement;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link RateLimiter} in this process: one exact sliding window per counter (a log of the trailing
 * minute's entries), so each instance enforces each limit on its own. Several counters are taken
 * all or nothing, their locks taken in one order so that two calls cannot deadlock.
 *
 * <p>A parallel slot that is never given back (the gateway never recorded the call) is released
 * after {@link #SLOT_LEASE}. Counters idle for longer than the window and the lease are dropped.
 */
public final class LocalRateLimiter implements RateLimiter {

    static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();
    static final Duration SLOT_LEASE = Duration.ofMinutes(10);

    private final Cache<String, Counter> counters = Caffeine.newBuilder()
            .expireAfterAccess(SLOT_LEASE.plusMinutes(1))
            .build();

    @Override
    public Admission admit(List<RateLimit> limits, long estimatedTokens, long nowMillis) {
        return judge(limits, estimatedTokens, nowMillis, true);
    }

    @Override
    public Admission peek(List<RateLimit> limits, long estimatedTokens, long nowMillis) {
        return judge(limits, estimatedTokens, nowMillis, false);
    }

    @Override
    public void finished(List<RateLimit> limits, long tokens, long nowMillis) {
        for (RateLimit limit : limits) {
            if (limit.kind() == RateLimit.Kind.RPM) {
                continue;
            }
            Counter counter = counter(limit);
            counter.lock.lock();
            try {
                if (limit.kind() == RateLimit.Kind.TPM) {
                    if (tokens > 0) {
                        counter.add(nowMillis, tokens);
                    }
                } else {
                    counter.releaseOldest(nowMillis);
                }
            } finally {
                counter.lock.unlock();
            }
        }
    }

    private Admission judge(List<RateLimit> limits, long estimatedTokens, long nowMillis, boolean take) {
        List<RateLimit> ordered = limits.stream().sorted(Comparator.comparing(RateLimit::counter)).toList();
        List<Counter> held = new ArrayList<>(ordered.size());
        try {
            for (RateLimit limit : ordered) {
                Counter counter = counter(limit);
                counter.lock.lock();
                held.add(counter);
            }
            RateLimit exceeded = null;
            long retryAfter = 0;
            for (int i = 0; i < ordered.size(); i++) {
                RateLimit limit = ordered.get(i);
                long wanted = limit.kind() == RateLimit.Kind.TPM ? Math.max(estimatedTokens, 0) : 1;
                Counter counter = held.get(i);
                long used = counter.used(nowMillis, window(limit));
                boolean fits = limit.kind() == RateLimit.Kind.TPM
                        ? used < limit.limit() && used + wanted <= limit.limit()
                        : used + 1 <= limit.limit();
                if (!fits) {
                    long wait = limit.kind() == RateLimit.Kind.PARALLEL ? 1000
                            : counter.waitUntilFree(nowMillis, limit.limit() - Math.max(wanted, 1));
                    if (exceeded == null || wait > retryAfter) {
                        exceeded = limit;
                        retryAfter = wait;
                    }
                }
            }
            boolean admitted = exceeded == null;
            Map<RateLimit, Standing> byLimit = new HashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                RateLimit limit = ordered.get(i);
                Counter counter = held.get(i);
                if (admitted && take && limit.kind() != RateLimit.Kind.TPM) {
                    counter.add(nowMillis, 1);
                }
                long used = counter.used(nowMillis, window(limit));
                byLimit.put(limit, new Standing(limit, Math.max(limit.limit() - used, 0)));
            }
            // Reported in the order asked (key before team before organization), not the lock order.
            List<Standing> standings = limits.stream().map(byLimit::get).toList();
            return new Admission(admitted, standings, exceeded, admitted ? 0 : Math.max(retryAfter, 1));
        } finally {
            held.forEach(counter -> counter.lock.unlock());
        }
    }

    private Counter counter(RateLimit limit) {
        return counters.get(limit.counter(), ignored -> new Counter());
    }

    private static long window(RateLimit limit) {
        return limit.kind() == RateLimit.Kind.PARALLEL ? SLOT_LEASE.toMillis() : WINDOW_MILLIS;
    }

    /** The entries (time, amount) of one counter's window, oldest first, and their sum. */
    private static final class Counter {

        final ReentrantLock lock = new ReentrantLock();
        private final ArrayDeque<long[]> entries = new ArrayDeque<>();
        private long sum;

        long used(long nowMillis, long windowMillis) {
            while (!entries.isEmpty() && entries.peekFirst()[0] <= nowMillis - windowMillis) {
                sum -= entries.pollFirst()[1];
            }
            return sum;
        }

        void add(long nowMillis, long amount) {
            entries.addLast(new long[] {nowMillis, amount});
            sum += amount;
        }

        /** A parallel slot given back: the oldest lease ends. */
        void releaseOldest(long nowMillis) {
            used(nowMillis, SLOT_LEASE.toMillis());
            long[] oldest = entries.pollFirst();
            if (oldest != null) {
                sum -= oldest[1];
            }
        }

        /** Milliseconds until at most {@code allowed} remain in the window. */
        long waitUntilFree(long nowMillis, long allowed) {
            long remaining = sum;
            for (long[] entry : entries) {
                if (remaining <= allowed) {
                    break;
                }
                remaining -= entry[1];
                if (remaining <= allowed) {
                    return entry[0] + WINDOW_MILLIS - nowMillis;
                }
            }
            return remaining <= allowed ? 0 : WINDOW_MILLIS;
        }
    }
}
