package dev.keygate.enforcement;

import dev.keygate.web.ApiException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link RateLimiter} in Redis, so that several instances share one limit exactly: the semantics of
 * {@link LocalRateLimiter}, one sorted set per counter ({@code keygate:rl:<kind>:<subject>}), and one
 * Lua script ({@code sliding-window.lua}) that trims the windows, checks every limit of the call and
 * takes all of them or none in one atomic step. Nothing is read in Java and written back. The window
 * is timed by Redis' clock, not this instance's ({@code nowMillis} is ignored), so instances whose
 * clocks disagree still share one window.
 *
 * <p>Fails closed: a call that has rate limits is refused (503) while Redis cannot answer, never
 * admitted unlimited. A call without rate limits never asks Redis. A status question
 * ({@link #peek}) answers without standings rather than fail, and a finished call that cannot be
 * counted is dropped (its parallel slot ends with its lease): both are logged as part of the outage.
 */
public final class RedisRateLimiter implements RateLimiter {

    static final String KEY_PREFIX = "keygate:rl:";
    static final String UNREACHABLE = "Rate limits cannot be checked: Redis is unreachable";
    private static final String SCRIPT = script("sliding-window.lua");

    private final RedisConnection redis;
    private final String windowMillis;
    private final String leaseMillis;
    /** Entry ids: this instance's random prefix and a sequence, unique across instances. */
    private final String instance = Long.toHexString(new SecureRandom().nextLong());
    private final AtomicLong sequence = new AtomicLong();
    private volatile String digest;

    public RedisRateLimiter(RedisConnection redis) {
        this(redis, Duration.ofMillis(LocalRateLimiter.WINDOW_MILLIS), LocalRateLimiter.SLOT_LEASE);
    }

    /** A shorter window and lease, for tests that must not wait a minute. */
    RedisRateLimiter(RedisConnection redis, Duration window, Duration lease) {
        this.redis = redis;
        this.windowMillis = Long.toString(window.toMillis());
        this.leaseMillis = Long.toString(lease.toMillis());
    }

    @Override
    public Admission admit(List<RateLimit> limits, long estimatedTokens, long nowMillis) {
        if (limits.isEmpty()) {
            return unlimited();
        }
        try {
            return judge("admit", limits, estimatedTokens);
        } catch (RedisException e) {
            throw ApiException.unavailable(UNREACHABLE);
        }
    }

    @Override
    public Admission peek(List<RateLimit> limits, long estimatedTokens, long nowMillis) {
        if (limits.isEmpty()) {
            return unlimited();
        }
        try {
            return judge("peek", limits, estimatedTokens);
        } catch (RedisException e) {
            // A status question takes nothing: it is answered, without the standings Redis holds.
            return unlimited();
        }
    }

    @Override
    public void finished(List<RateLimit> limits, long tokens, long nowMillis) {
        List<RateLimit> counted = limits.stream().filter(limit -> limit.kind() != RateLimit.Kind.RPM).toList();
        if (counted.isEmpty()) {
            return;
        }
        try {
            run("finish", counted, Math.max(tokens, 0));
        } catch (RedisException e) {
            // The spend is recorded already; only this call's tokens and slot go uncounted (see the class comment).
        }
    }

    private Admission judge(String mode, List<RateLimit> limits, long estimatedTokens) {
        // The order of LocalRateLimiter's locks: of limits that wait equally long, the same one is named.
        List<RateLimit> ordered = limits.stream().sorted(Comparator.comparing(RateLimit::counter)).toList();
        List<Object> result = run(mode, ordered, Math.max(estimatedTokens, 0));
        boolean admitted = number(result, 0) == 1;
        int exceeded = (int) number(result, 1);
        List<Standing> standings = new ArrayList<>(limits.size());
        // Reported in the order asked (key before team before organization), not the script's order.
        for (RateLimit limit : limits) {
            standings.add(new Standing(limit, number(result, 3 + ordered.indexOf(limit))));
        }
        return admitted
                ? new Admission(true, standings, null, 0)
                : new Admission(false, standings, ordered.get(exceeded - 1), Math.max(number(result, 2), 1));
    }

    private List<Object> run(String mode, List<RateLimit> limits, long amount) {
        String[] keys = new String[limits.size()];
        String[] args = new String[5 + 2 * limits.size()];
        args[0] = mode;
        args[1] = windowMillis;
        args[2] = leaseMillis;
        args[3] = Long.toString(amount);
        args[4] = instance + "-" + sequence.incrementAndGet();
        for (int i = 0; i < limits.size(); i++) {
            RateLimit limit = limits.get(i);
            keys[i] = KEY_PREFIX + limit.counter();
            args[5 + 2 * i] = limit.kind().name();
            args[6 + 2 * i] = Long.toString(limit.limit());
        }
        return redis.call(commands -> {
            String loaded = digest;
            if (loaded != null) {
                try {
                    return commands.evalsha(loaded, ScriptOutputType.MULTI, keys, args);
                } catch (RedisNoScriptException e) {
                    // Redis restarted (or flushed its scripts): load the script again.
                }
            }
            digest = commands.scriptLoad(SCRIPT);
            return commands.evalsha(digest, ScriptOutputType.MULTI, keys, args);
        });
    }

    private static Admission unlimited() {
        return new Admission(true, List.of(), null, 0);
    }

    private static long number(List<Object> result, int index) {
        return (Long) result.get(index);
    }

    private static String script(String name) {
        try (InputStream in = RedisRateLimiter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
