package dev.keygate.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.enforcement.RateLimit.Kind;
import dev.keygate.enforcement.RateLimiter.Admission;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process sliding windows, on a clock the test sets (milliseconds), so nothing waits. */
class LocalRateLimiterTest {

    private static final RateLimit KEY_RPM = new RateLimit("key", "k", "key:k", Kind.RPM, 3);
    private static final RateLimit TEAM_RPM = new RateLimit("team", "t", "team:t", Kind.RPM, 5);
    private static final RateLimit KEY_TPM = new RateLimit("key", "k", "key:k", Kind.TPM, 100);
    private static final RateLimit KEY_PARALLEL = new RateLimit("key", "k", "key:k", Kind.PARALLEL, 2);

    private final LocalRateLimiter limiter = new LocalRateLimiter();

    @Test
    void rpmAdmitsTheLimitInAnyMinuteThenRefusesUntilTheOldestLeaves() {
        assertThat(limiter.admit(List.of(KEY_RPM), 0, 1_000).admitted()).isTrue();
        assertThat(limiter.admit(List.of(KEY_RPM), 0, 20_000).admitted()).isTrue();
        assertThat(limiter.admit(List.of(KEY_RPM), 0, 30_000).admitted()).isTrue();

        Admission refused = limiter.admit(List.of(KEY_RPM), 0, 40_000);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.exceeded()).isEqualTo(KEY_RPM);
        assertThat(refused.retryAfterMillis()).isEqualTo(21_000); // the call at 1 s leaves the window at 61 s
        assertThat(limiter.admit(List.of(KEY_RPM), 0, 60_999).admitted()).isFalse();
        assertThat(limiter.admit(List.of(KEY_RPM), 0, 61_000).admitted()).isTrue();
    }

    @Test
    void aRefusedCallTakesFromNoLimit() {
        for (int i = 0; i < 3; i++) {
            limiter.admit(List.of(KEY_RPM), 0, 0);
        }

        assertThat(limiter.admit(List.of(TEAM_RPM, KEY_RPM), 0, 1).admitted()).isFalse();

        Admission team = limiter.peek(List.of(TEAM_RPM), 0, 2);
        assertThat(team.standings()).singleElement().satisfies(s -> assertThat(s.remaining()).isEqualTo(5));
    }

    @Test
    void standingsComeInTheOrderAsked() {
        Admission admission = limiter.admit(List.of(TEAM_RPM, KEY_RPM), 0, 0);

        assertThat(admission.standings()).extracting(RateLimiter.Standing::limit).containsExactly(TEAM_RPM, KEY_RPM);
        assertThat(admission.standings()).extracting(RateLimiter.Standing::remaining).containsExactly(4L, 2L);
    }

    @Test
    void tpmCountsRecordedTokensAndTheEstimate() {
        limiter.finished(List.of(KEY_TPM), 90, 0);

        assertThat(limiter.admit(List.of(KEY_TPM), 10, 1).admitted()).isTrue();
        assertThat(limiter.admit(List.of(KEY_TPM), 11, 2).admitted()).isFalse();
        limiter.finished(List.of(KEY_TPM), 10, 3);
        assertThat(limiter.admit(List.of(KEY_TPM), 0, 4).admitted()).as("the window is full").isFalse();
        assertThat(limiter.admit(List.of(KEY_TPM), 0, 60_001).admitted()).as("the 90 left the window").isTrue();
    }

    @Test
    void parallelSlotsAreTakenAndGivenBack() {
        assertThat(limiter.admit(List.of(KEY_PARALLEL), 0, 0).admitted()).isTrue();
        assertThat(limiter.admit(List.of(KEY_PARALLEL), 0, 1).admitted()).isTrue();
        assertThat(limiter.admit(List.of(KEY_PARALLEL), 0, 2).admitted()).isFalse();

        limiter.finished(List.of(KEY_PARALLEL), 0, 3);

        assertThat(limiter.admit(List.of(KEY_PARALLEL), 0, 4).admitted()).isTrue();
    }

    @Test
    void aSlotNeverGivenBackEndsWithItsLease() {
        limiter.admit(List.of(KEY_PARALLEL), 0, 0);
        limiter.admit(List.of(KEY_PARALLEL), 0, 0);
        long leaseEnd = LocalRateLimiter.SLOT_LEASE.toMillis();

        assertThat(limiter.admit(List.of(KEY_PARALLEL), 0, leaseEnd - 1).admitted()).isFalse();
        assertThat(limiter.admit(List.of(KEY_PARALLEL), 0, leaseEnd).admitted()).isTrue();
    }

    @Test
    void peekTakesNothing() {
        for (int i = 0; i < 10; i++) {
            limiter.peek(List.of(KEY_RPM), 0, i);
        }

        assertThat(limiter.admit(List.of(KEY_RPM), 0, 10).standings().get(0).remaining()).isEqualTo(2);
    }

    @Test
    void callsOfOneMillisecondEachCountAndLeaveTogether() {
        RateLimit busy = new RateLimit("key", "b", "key:b", Kind.RPM, 1_000);
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.admit(List.of(busy), 0, 5_000 + i / 100).admitted()).isTrue();
        }

        Admission refused = limiter.admit(List.of(busy), 0, 5_020);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfterMillis()).as("the first millisecond's 100 calls leave at 65 s").isEqualTo(59_980);
        assertThat(limiter.admit(List.of(busy), 0, 64_999).admitted()).isFalse();
        Admission afterFirst = limiter.admit(List.of(busy), 0, 65_000);
        assertThat(afterFirst.admitted()).isTrue();
        assertThat(afterFirst.standings().get(0).remaining()).isEqualTo(99);
    }

    @Test
    void slotsTakenInOneMillisecondAreGivenBackOneByOne() {
        RateLimit parallel = new RateLimit("key", "p", "key:p", Kind.PARALLEL, 3);
        for (int i = 0; i < 3; i++) {
            limiter.admit(List.of(parallel), 0, 7);
        }
        limiter.finished(List.of(parallel), 0, 8);

        assertThat(limiter.peek(List.of(parallel), 0, 9).standings().get(0).remaining()).isEqualTo(1);
        assertThat(limiter.admit(List.of(parallel), 0, 9).admitted()).isTrue();
        assertThat(limiter.admit(List.of(parallel), 0, 9).admitted()).isFalse();
    }
}
