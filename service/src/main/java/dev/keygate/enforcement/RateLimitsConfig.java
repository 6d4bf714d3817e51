package dev.keygate.enforcement;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The {@code rateLimits:} section of config.yml: where rate-limit counters live. No Redis url: in
 * this process ({@link LocalRateLimiter}), each instance on its own. A url: in Redis
 * ({@link RedisRateLimiter}), shared by every instance that names the same Redis.
 */
public class RateLimitsConfig {

    /** {@code redis://[:password@]host:port[/db]}; empty keeps the counters in process. */
    private String redisUrl = "";

    /**
     * How long a Redis command or connection attempt may take before the call is refused (503): a
     * verify waits at most this long for its rate limits, so it is short.
     */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration redisTimeout = Duration.milliseconds(500);

    @JsonProperty
    public String getRedisUrl() {
        return redisUrl;
    }

    @JsonProperty
    public void setRedisUrl(String redisUrl) {
        this.redisUrl = redisUrl == null ? "" : redisUrl.trim();
    }

    @JsonProperty
    public Duration getRedisTimeout() {
        return redisTimeout;
    }

    @JsonProperty
    public void setRedisTimeout(Duration redisTimeout) {
        this.redisTimeout = redisTimeout;
    }

    /** The limiter this configuration asks for; a Redis connection is managed by {@code lifecycle}. */
    public RateLimiter build(LifecycleEnvironment lifecycle) {
        if (redisUrl.isEmpty()) {
            return new LocalRateLimiter();
        }
        RedisConnection redis = new RedisConnection(redisUrl, redisTimeout.toJavaDuration());
        lifecycle.manage(redis);
        return new RedisRateLimiter(redis);
    }
}
