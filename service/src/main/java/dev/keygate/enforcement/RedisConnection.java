package dev.keygate.enforcement;

import io.dropwizard.lifecycle.Managed;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the Redis that holds the shared rate-limit counters (Lettuce multiplexes every
 * request's commands over it). Every failure is quick: commands time out after the configured timeout,
 * and while the connection is down they are rejected at once rather than queued, so a verify never
 * waits for Redis longer than that. The connection comes back by itself: Lettuce reconnects a dropped
 * one (within a second of Redis answering again), and a first connection that failed (Redis down when
 * Keygate started) is tried again on use, at most once a second.
 *
 * <p>An outage is logged once when it starts and once when it ends, never per request.
 */
public final class RedisConnection implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);
    private static final long CONNECT_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ClientResources resources;
    private final RedisClient client;
    /** host:port, for logs: the url may hold a password. */
    private final String where;
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private volatile StatefulRedisConnection<String, String> connection;
    private long nextConnectAttempt = System.nanoTime();

    public RedisConnection(String url, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.where = uri.getHost() + ":" + uri.getPort();
        // Reconnects back off up to a second, not Lettuce's default 30 s: limited calls are refused meanwhile.
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
    }

    /** Connects now, so that a Redis missing at start is logged at start; Keygate starts either way. */
    @Override
    public void start() {
        try {
            call(RedisCommands::ping);
            LOG.info("Rate limits are shared through Redis at {}", where);
        } catch (RedisException e) {
            // Logged by call(); limited calls are refused until Redis answers.
        }
    }

    @Override
    public void stop() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Runs {@code command}; a {@link RedisException} means Redis could not answer in time. */
    <T> T call(Function<RedisCommands<String, String>, T> command) {
        try {
            T result = command.apply(connection().sync());
            if (reachable.compareAndSet(false, true)) {
                LOG.info("Redis at {} answers again: rate limits are checked again", where);
            }
            return result;
        } catch (RedisException e) {
            if (reachable.compareAndSet(true, false)) {
                LOG.error("Redis at {} is unreachable ({}): calls with rate limits are refused (503) until it "
                        + "answers again", where, e.getMessage());
            }
            throw e;
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (connection == null) {
                if (System.nanoTime() - nextConnectAttempt < 0) {
                    throw new RedisConnectionException("Not connected to Redis; the next attempt is within a second");
                }
                try {
                    connection = client.connect();
                } catch (RedisException e) {
                    nextConnectAttempt = System.nanoTime() + CONNECT_RETRY_NANOS;
                    throw e;
                }
            }
            return connection;
        }
    }
}
