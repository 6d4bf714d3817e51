package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two Keygate instances sharing one Redis ({@link RedisInstances}: C and D) enforce one rate limit
 * exactly, as if they were one: the calls of a key split across both, at once, are admitted up to its
 * rpm_limit and no further. With Redis stopped, a key with rate limits is refused with 503 (fail
 * closed, never an unlimited allow) while a key without any is still answered; once Redis is back,
 * limited keys are checked again, without a restart.
 */
@BehaviorTest
@ExtendWith(RedisInstancesExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitsAcrossInstancesTest {

    private static final int RPM_LIMIT = 20;
    private static final Map<String, Object> CALL = Map.of("route", "/v1/chat/completions", "model", "gpt-4o");

    private static RedisInstances instances;

    @BeforeAll
    static void instancesSharingRedis(RedisInstances started) {
        instances = started;
    }

    @Order(1)
    @Test
    void twiceTheLimitAtOnceAcrossTwoInstancesAdmitsExactlyTheLimit(Scratch scratch) throws Exception {
        ScratchKey key = keyWithRpmLimit(scratch, RPM_LIMIT);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<String> codes = new ArrayList<>();
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 2 * RPM_LIMIT; i++) {
                Api instance = i % 2 == 0 ? instances.c() : instances.d();
                calls.add(() -> instance.post("/key/verify", CALL, key.credential()).assertStatus(200).body()
                        .path("code").asText());
            }
            for (Future<String> call : threads.invokeAll(calls)) {
                codes.add(call.get());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(codes.stream().filter("VALID"::equals).count()).as("VALID among %s", codes).isEqualTo(RPM_LIMIT);
        assertThat(codes.stream().filter("RATE_LIMITED"::equals).count()).as("RATE_LIMITED among %s", codes)
                .isEqualTo(RPM_LIMIT);
        JsonNode status = instances.d().verify(key.credential()).assertStatus(200).body();
        assertThat(status.path("rate_limits").path(0).path("remaining").asLong()).as("D's standing: %s", status).isZero();
    }

    @Order(2)
    @Test
    void redisDownRefusesLimitedKeysWith503AnswersUnlimitedOnesAndRecovers(Scratch scratch) throws InterruptedException {
        ScratchKey limited = keyWithRpmLimit(scratch, 1000);
        ScratchKey unlimited = scratch.insertKey(new KeyShape(user(scratch, "unlimited"), null, null));
        assertThat(code(instances.c().post("/key/verify", CALL, limited.credential()).assertStatus(200))).isEqualTo("VALID");

        instances.redis().stop();
        try {
            for (Api instance : List.of(instances.c(), instances.d())) {
                Response refused = instance.post("/key/verify", CALL, limited.credential()).assertError(503);
                assertThat(refused.body().path("error").path("message").asText())
                        .isEqualTo("Rate limits cannot be checked: Redis is unreachable");
                assertThat(code(instance.post("/key/verify", CALL, unlimited.credential()).assertStatus(200)))
                        .as("a key without rate limits needs no Redis").isEqualTo("VALID");
            }
        } finally {
            instances.redis().restart();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response answer = instances.c().post("/key/verify", CALL, limited.credential());
        while (answer.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            answer = instances.c().post("/key/verify", CALL, limited.credential());
        }
        assertThat(code(answer.assertStatus(200))).as("once Redis is back").isEqualTo("VALID");
    }

    private static ScratchKey keyWithRpmLimit(Scratch scratch, int rpmLimit) {
        ScratchKey key = scratch.insertKey(new KeyShape(user(scratch, "limited"), null, null));
        // Before any instance has seen the key, so none caches it without its limit.
        Keygate.db().update("UPDATE keys SET rpm_limit = ? WHERE token = ?", rpmLimit, key.token());
        return key;
    }

    private static String user(Scratch scratch, String base) {
        String userId = scratch.name(base);
        scratch.insertUser(userId);
        return userId;
    }

    private static String code(Response response) {
        return response.body().path("code").asText();
    }
}
