package dev.keygate.behavior;

import dev.keygate.testing.RedisServerProcess;
import java.util.Map;

/**
 * A real redis-server and two more Keygate instances (C and D, peers as {@link KeygatePeer}) on the
 * main server's database, both keeping their rate-limit counters in that Redis
 * ({@code rateLimits.redisUrl}, as {@code REDIS_URL} sets it; not a {@link PeerSettings}, since the
 * Redis port is known only at run time). A and B keep theirs in process, so stopping this Redis (an
 * outage) touches no other test. Started once per test JVM, on first use, by {@link RedisInstancesExtension};
 * stopped at the end of the run, instances first.
 */
final class RedisInstances implements AutoCloseable {

    private final RedisServerProcess redis;
    private final KeygatePeer c;
    private final KeygatePeer d;

    private RedisInstances(RedisServerProcess redis, KeygatePeer c, KeygatePeer d) {
        this.redis = redis;
        this.c = c;
        this.d = d;
    }

    static RedisInstances start() {
        RedisServerProcess redis = RedisServerProcess.start();
        KeygatePeer c = null;
        try {
            Map<String, String> sharing = Map.of("rateLimits.redisUrl", redis.url(),
                    // Not the 500 ms of config.yml: a loaded CI machine must not turn a slow answer into a 503.
                    "rateLimits.redisTimeout", "10s");
            c = Keygate.startPeer(sharing);
            return new RedisInstances(redis, c, Keygate.startPeer(sharing));
        } catch (RuntimeException | Error e) {
            if (c != null) {
                c.close();
            }
            redis.close();
            throw e;
        }
    }

    RedisServerProcess redis() {
        return redis;
    }

    /** HTTP to instance C. */
    Api c() {
        return c.api();
    }

    /** HTTP to instance D. */
    Api d() {
        return d.api();
    }

    @Override
    public void close() {
        try {
            d.close();
            c.close();
        } finally {
            redis.close();
        }
    }
}
