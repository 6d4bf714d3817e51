package dev.keygate.enforcement;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
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

    /**
     * The entries (time, amount) of one counter's window, oldest first, and their sum. Entries of
     * the same millisecond are one entry (the clock cannot tell them apart, so the window stays
     * exact), kept in two primitive rings: a busy key's minute is up to 60,000 entries and no
     * object per call, where a log of one object per call held hundreds of thousands of them for a
     * minute, which the garbage collector copied again and again.
     */
    private static final class Counter {

        final ReentrantLock lock = new ReentrantLock();
        private long[] times = new long[8];
        private long[] amounts = new long[8];
        /** Index of the oldest entry, and the number of entries. */
        private int head;
        private int size;
        private long sum;

        long used(long nowMillis, long windowMillis) {
            while (size > 0 && times[head] <= nowMillis - windowMillis) {
                sum -= amounts[head];
                dropOldest();
            }
            return sum;
        }

        void add(long nowMillis, long amount) {
            sum += amount;
            if (size > 0) {
                int newest = slot(size - 1);
                // The clock may step back; an entry is never placed before a later one.
                if (times[newest] >= nowMillis) {
                    amounts[newest] += amount;
                    return;
                }
            }
            if (size == times.length) {
                grow();
            }
            int slot = slot(size);
            times[slot] = nowMillis;
            amounts[slot] = amount;
            size++;
        }

        /** A parallel slot given back: the oldest lease ends. */
        void releaseOldest(long nowMillis) {
            used(nowMillis, SLOT_LEASE.toMillis());
            if (size > 0) {
                sum--;
                if (--amounts[head] == 0) {
                    dropOldest();
                }
            }
        }

        /** Milliseconds until at most {@code allowed} remain in the window. */
        long waitUntilFree(long nowMillis, long allowed) {
            long remaining = sum;
            for (int i = 0; i < size && remaining > allowed; i++) {
                int slot = slot(i);
                remaining -= amounts[slot];
                if (remaining <= allowed) {
                    return times[slot] + WINDOW_MILLIS - nowMillis;
                }
            }
            return remaining <= allowed ? 0 : WINDOW_MILLIS;
        }

        private int slot(int index) {
            return (head + index) % times.length;
        }

        private void dropOldest() {
            head = (head + 1) % times.length;
            size--;
        }

        private void grow() {
            long[] longerTimes = new long[times.length * 2];
            long[] longerAmounts = new long[times.length * 2];
            for (int i = 0; i < size; i++) {
                longerTimes[i] = times[slot(i)];
                longerAmounts[i] = amounts[slot(i)];
            }
            times = longerTimes;
            amounts = longerAmounts;
            head = 0;
        }
    }
}
