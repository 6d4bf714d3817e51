package dev.keygate.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.keygate.enforcement.RateLimit.Kind;
import dev.keygate.testing.RedisServerProcess;
import dev.keygate.web.ApiException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Redis stopped under a running {@link RedisRateLimiter} (its own redis-server, so no other test sees
 * the outage): a call with rate limits is refused with 503, never admitted unlimited; a call without
 * limits and a status question still answer; once Redis is back, calls are checked again by themselves.
 * The outage is logged once when it starts and once when it ends, not per refused call.
 */
class RedisOutageTest {

    private static RedisServerProcess redis;
    private static RedisConnection connection;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.start();
        connection = new RedisConnection(redis.url(), RedisRateLimiterTest.TIMEOUT);
        connection.start();
    }

    @AfterAll
    static void stopRedis() {
        if (connection != null) {
            connection.stop();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void redisDownRefusesLimitedCallsAndRecoversWhenItReturns() throws InterruptedException {
        RedisRateLimiter limiter = new RedisRateLimiter(connection, Duration.ofSeconds(3), Duration.ofSeconds(3));
        List<RateLimit> limited = List.of(RedisRateLimiterTest.limit(Kind.RPM, 100),
                RedisRateLimiterTest.limit(Kind.PARALLEL, 100));
        assertThat(limiter.admit(limited, 0, 0).admitted()).isTrue();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(RedisConnection.class);
        logger.addAppender(log);

        redis.stop();

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> limiter.admit(limited, 0, 0))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503))
                    .hasMessage("Rate limits cannot be checked: Redis is unreachable");
        }
        assertThat(limiter.admit(List.of(), 0, 0).admitted()).as("a call without limits").isTrue();
        assertThat(limiter.peek(limited, 0, 0).standings()).as("a status question, without standings").isEmpty();
        limiter.finished(limited, 10, 0);

        redis.restart();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        RateLimiter.Admission admission = null;
        while (admission == null) {
            try {
                admission = limiter.admit(limited, 0, 0);
            } catch (ApiException stillDown) {
                assertThat(System.nanoTime()).as("Redis answers again within 30 s").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
        assertThat(admission.admitted()).isTrue();
        assertThat(admission.standings()).extracting(RateLimiter.Standing::remaining)
                .as("a restarted Redis without persistence starts its windows anew").containsExactly(99L, 99L);
        logger.detachAppender(log);
        // Only the lines about this test's Redis: other test classes may run meanwhile, with their own.
        String address = redis.url().substring("redis://".length());
        List<ILoggingEvent> lines = log.list.stream()
                .filter(line -> line.getFormattedMessage().contains(address)).toList();
        assertThat(lines).extracting(ILoggingEvent::getLevel).as("lines logged: %s", lines)
                .containsExactly(Level.ERROR, Level.INFO);
        assertThat(lines.get(0).getFormattedMessage()).contains("is unreachable");
        assertThat(lines.get(1).getFormattedMessage()).contains("answers again");
    }
}
