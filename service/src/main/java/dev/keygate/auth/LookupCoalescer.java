package dev.keygate.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Runs the first-sight key lookups of concurrent requests together: one query for every token
 * waiting, instead of one round trip each. Most of a lookup's cost is the round trip's, not the
 * index reads (system calls and wake-ups on both sides, a transaction in Postgres): under load, a
 * query for eight tokens costs Postgres about a third of what eight queries do (pgbench, 2 cores).
 * A request alone runs its own query at once; nothing waits for a batch to fill.
 *
 * <p>No thread of its own. A request that finds a free lane leads: it takes the waiting tokens
 * (its own among them, as a rule) into one query and answers every waiter. The others wait. A
 * leader leaving hands its lane to the next waiter still queued, who leads the next batch, so no
 * token waits without a leader and no request leads for longer than one query. The lanes bound the
 * lookup queries in flight: a few keep Postgres busy while the next batch gathers, and every
 * request arriving meanwhile joins that batch.
 */
public final class LookupCoalescer<V> {

    /** Lookup queries in flight at once: enough to keep two cores busy, few enough to gather batches. */
    static final int LANES = 2;

    private final Function<List<String>, Map<String, V>> query;
    private final Semaphore lanes;
    private final ConcurrentLinkedQueue<Waiter<V>> waiting = new ConcurrentLinkedQueue<>();

    private final int maxBatch;

    /** {@code query} answers up to {@code maxBatch} tokens at once; {@code lanes} queries run at once. */
    public LookupCoalescer(Function<List<String>, Map<String, V>> query, int maxBatch, int lanes) {
        this.query = query;
        this.maxBatch = maxBatch;
        this.lanes = new Semaphore(lanes);
    }

    /** What {@code token} names, looked up together with whatever other tokens are waiting. */
    public Optional<V> find(String token) {
        Waiter<V> mine = new Waiter<>(token);
        waiting.add(mine);
        if (lanes.tryAcquire()) {
            lead(null);
        }
        while (mine.awaitTurn()) {
            lead(mine);
        }
        return mine.answer();
    }

    /** Runs one batch (starting with {@code first}, if given) while holding a lane, then passes the lane on. */
    private void lead(Waiter<V> first) {
        try {
            List<Waiter<V>> batch = new ArrayList<>();
            if (first != null) {
                batch.add(first);
            }
            Waiter<V> next;
            while (batch.size() < maxBatch && (next = waiting.poll()) != null) {
                batch.add(next);
            }
            if (!batch.isEmpty()) {
                answer(batch);
            }
        } finally {
            passLane();
        }
    }

    private void answer(List<Waiter<V>> batch) {
        List<String> tokens = new ArrayList<>(batch.size());
        for (Waiter<V> waiter : batch) {
            tokens.add(waiter.token);
        }
        Map<String, V> found;
        try {
            found = query.apply(tokens);
        } catch (RuntimeException e) {
            for (Waiter<V> waiter : batch) {
                waiter.fail(e);
            }
            return;
        }
        for (Waiter<V> waiter : batch) {
            waiter.answer(Optional.ofNullable(found.get(waiter.token)));
        }
    }

    /**
     * Hands the lane to the next waiter, or releases it when none waits. A token queued by a request
     * that found no free lane just before the release is seen by the check after it.
     */
    private void passLane() {
        while (true) {
            Waiter<V> next = waiting.poll();
            if (next != null) {
                next.lead();
                return;
            }
            lanes.release();
            if (waiting.isEmpty() || !lanes.tryAcquire()) {
                return;
            }
        }
    }

    /** One request's token, parked until it is answered or handed a lane. */
    private static final class Waiter<V> {

        private static final int WAITING = 0;
        private static final int LEAD = 1;
        private static final int ANSWERED = 2;

        final String token;
        private final Thread thread = Thread.currentThread();
        private volatile int state = WAITING;
        private Optional<V> answer;
        private RuntimeException failure;

        Waiter(String token) {
            this.token = token;
        }

        void lead() {
            state = LEAD;
            LockSupport.unpark(thread);
        }

        void answer(Optional<V> record) {
            answer = record;
            state = ANSWERED;
            LockSupport.unpark(thread);
        }

        void fail(RuntimeException cause) {
            failure = cause;
            state = ANSWERED;
            LockSupport.unpark(thread);
        }

        /** Parks until answered (false) or handed a lane (true, and this waiter leads next). */
        boolean awaitTurn() {
            boolean interrupted = false;
            int seen;
            while ((seen = state) == WAITING) {
                LockSupport.park(this);
                // A lane may be on its way to this thread: it cannot stop waiting on an interrupt.
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (seen == LEAD) {
                state = WAITING;
                return true;
            }
            return false;
        }

        Optional<V> answer() {
            if (failure != null) {
                // Each request fails with an exception of its own (its own stack), caused by the query's.
                throw new IllegalStateException("The key lookup failed", failure);
            }
            return answer;
        }
    }
}
