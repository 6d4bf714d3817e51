package dev.keygate.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.enforcement.RateLimit.Kind;
import dev.keygate.enforcement.RateLimiter.Admission;
import dev.keygate.testing.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisRateLimiter} against a real redis-server: the sliding window of {@link LocalRateLimiter}
 * exactly (here 3 s long, and a 2 s slot lease, so that nothing waits a minute), all limits of a call
 * or none, tpm sums, parallel slots, and two instances (two connections) sharing one limit.
 */
class RedisRateLimiterTest {

    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final Duration LEASE = Duration.ofSeconds(2);
    /** Generous: on a loaded machine a slow answer must not look like an outage. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static RedisServerProcess redis;
    private static RedisConnection first;
    private static RedisConnection second;
    private static RedisRateLimiter limiter;
    private static RedisRateLimiter otherInstance;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.start();
        first = connect();
        second = connect();
        limiter = new RedisRateLimiter(first, WINDOW, LEASE);
        otherInstance = new RedisRateLimiter(second, WINDOW, LEASE);
    }

    @AfterAll
    static void stopRedis() {
        for (AutoCloseable closing : new AutoCloseable[] {first::stop, second::stop, redis}) {
            try {
                if (closing != null) {
                    closing.close();
                }
            } catch (Exception ignored) {
                // Best effort: the other resources still close.
            }
        }
    }

    @Test
    void aLimitOfNAdmitsNRefusesTheNextAndAdmitsAgainWhenTheOldestLeaves() throws InterruptedException {
        // The window is Redis' real clock: an attempt the machine stalled through (a pause longer
        // than the margin, so calls meant to be inside the window may have left it) proves nothing
        // either way and is made again, rather than failing a correct limiter on a slow machine.
        for (int attempt = 1; attempt <= 5; attempt++) {
            if (oldestLeavesFirst()) {
                return;
            }
        }
        throw new AssertionError("Every attempt was stalled for longer than the window allows; the machine is too slow to tell");
    }

    /** One attempt; false when the machine stalled too long for it to tell anything. */
    private static boolean oldestLeavesFirst() throws InterruptedException {
        long margin = WINDOW.toMillis() / 6;
        List<RateLimit> rpm = List.of(limit(Kind.RPM, 3));
        long oldestAt = System.nanoTime();
        assertThat(limiter.admit(rpm, 0, 0).admitted()).isTrue();
        Thread.sleep(WINDOW.toMillis() / 2);
        long laterAt = System.nanoTime();
        assertThat(limiter.admit(rpm, 0, 0).admitted()).isTrue();
        Admission third = limiter.admit(rpm, 0, 0);
        Admission refused = limiter.admit(rpm, 0, 0);
        long sinceOldest = (System.nanoTime() - oldestAt) / 1_000_000;
        if (sinceOldest > WINDOW.toMillis() - margin) {
            return false;
        }
        assertThat(third.admitted()).isTrue();
        assertThat(third.standings().get(0).remaining()).isZero();
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.exceeded()).isEqualTo(rpm.get(0));
        // When the oldest leaves, not the later two (Redis' clock and ours may differ by a few ms).
        assertThat(refused.retryAfterMillis()).isBetween(1L, WINDOW.toMillis() - sinceOldest + 100);

        Thread.sleep(refused.retryAfterMillis() + 50);
        boolean admitted = limiter.admit(rpm, 0, 0).admitted();
        boolean refusedAgain = !limiter.admit(rpm, 0, 0).admitted();
        if ((System.nanoTime() - laterAt) / 1_000_000 > WINDOW.toMillis() - margin) {
            return false;
        }
        assertThat(admitted).as("the oldest has left the window").isTrue();
        assertThat(refusedAgain).as("the two later ones are still in it").isTrue();
        return true;
    }

    @Test
    void allLimitsOfACallAreTakenTogetherOrNotAtAll() {
        RateLimit wide = limit(Kind.RPM, 5);
        RateLimit narrow = limit(Kind.RPM, 1);
        assertThat(limiter.admit(List.of(wide, narrow), 0, 0).admitted()).isTrue();

        Admission refused = limiter.admit(List.of(wide, narrow), 0, 0);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.exceeded()).isEqualTo(narrow);
        assertThat(refused.standings()).extracting(RateLimiter.Standing::limit).containsExactly(wide, narrow);
        assertThat(limiter.peek(List.of(wide), 0, 0).standings().get(0).remaining())
                .as("the refused call took nothing of the wide limit").isEqualTo(4);
    }

    @Test
    void tokensOfRecordedCallsSumUpAgainstTheTpmLimit() {
        RateLimit tpm = limit(Kind.TPM, 100);
        assertThat(limiter.admit(List.of(tpm), 0, 0).admitted()).isTrue();
        limiter.finished(List.of(tpm), 60, 0);

        assertThat(limiter.peek(List.of(tpm), 40, 0).admitted()).as("60 + 40 fit in 100").isTrue();
        Admission tooMany = limiter.admit(List.of(tpm), 41, 0);
        assertThat(tooMany.admitted()).as("60 + 41 do not").isFalse();
        assertThat(tooMany.standings().get(0).remaining()).isEqualTo(40);
        assertThat(tooMany.retryAfterMillis()).isBetween(1L, WINDOW.toMillis());

        limiter.finished(List.of(tpm), 40, 0);
        assertThat(limiter.admit(List.of(tpm), 0, 0).admitted()).as("a full window admits nothing more").isFalse();
    }

    @Test
    void aParallelSlotIsGivenBackByTheCallOrByItsLease() throws InterruptedException {
        List<RateLimit> parallel = List.of(limit(Kind.PARALLEL, 2));
        assertThat(limiter.admit(parallel, 0, 0).admitted()).isTrue();
        assertThat(limiter.admit(parallel, 0, 0).admitted()).isTrue();
        Admission full = limiter.admit(parallel, 0, 0);
        assertThat(full.admitted()).isFalse();
        assertThat(full.retryAfterMillis()).isEqualTo(1000);

        limiter.finished(parallel, 0, 0);
        assertThat(limiter.admit(parallel, 0, 0).admitted()).as("a slot given back").isTrue();
        assertThat(limiter.admit(parallel, 0, 0).admitted()).isFalse();

        Thread.sleep(LEASE.toMillis() + 100);
        assertThat(limiter.peek(parallel, 0, 0).standings().get(0).remaining()).as("every lease ended").isEqualTo(2);
    }

    @Test
    void twoInstancesShareOneLimitExactly() throws Exception {
        int limit = 20;
        List<RateLimit> rpm = List.of(limit(Kind.RPM, limit));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 2 * limit; i++) {
                RedisRateLimiter instance = i % 2 == 0 ? limiter : otherInstance;
                calls.add(() -> instance.admit(rpm, 0, 0).admitted());
            }
            long admitted = 0;
            for (Future<Boolean> call : threads.invokeAll(calls)) {
                admitted += call.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(limit);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void countersLiveUnderTheKeygatePrefixAndVanishWhenIdle() {
        RateLimit rpm = limit(Kind.RPM, 5);
        RateLimit parallel = new RateLimit("key", rpm.id(), rpm.subject(), Kind.PARALLEL, 5);
        limiter.admit(List.of(rpm, parallel), 0, 0);

        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            assertThat(raw.sync().pttl("keygate:rl:RPM:" + rpm.subject())).isBetween(1L, WINDOW.toMillis());
            assertThat(raw.sync().pttl("keygate:rl:PARALLEL:" + rpm.subject())).isBetween(1L, LEASE.toMillis());
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aCallWithoutLimitsNeedsNoRedis() {
        RedisConnection nowhere = new RedisConnection("redis://127.0.0.1:1", Duration.ofMillis(200));
        try {
            RedisRateLimiter unreachable = new RedisRateLimiter(nowhere, WINDOW, LEASE);
            assertThat(unreachable.admit(List.of(), 0, 0).admitted()).isTrue();
            unreachable.finished(List.of(limit(Kind.RPM, 1)), 10, 0);
        } finally {
            nowhere.stop();
        }
    }

    static RedisConnection connect() {
        RedisConnection connection = new RedisConnection(redis.url(), TIMEOUT);
        connection.start();
        return connection;
    }

    /** A limit on a subject of its own, so that tests never share a counter. */
    static RateLimit limit(Kind kind, long limit) {
        String id = UUID.randomUUID().toString();
        return new RateLimit("key", id, "key:" + id, kind, limit);
    }
}
