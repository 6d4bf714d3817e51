package dev.keygate.auth.cache;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.github.benmanes.caffeine.cache.Cache;

/** The caller cache on the admin port's /metrics: sizes, hits, misses, evictions, the listener's state. */
public final class CacheMetrics {

    private static final String PREFIX = "keygate.auth.cache.";

    private CacheMetrics() {}

    public static void register(MetricRegistry metrics, CallerCache cache, InvalidationListener listener) {
        register(metrics, PREFIX + "known.", cache.known());
        register(metrics, PREFIX + "unknown.", cache.unknown());
        metrics.register(PREFIX + "serving", (Gauge<Integer>) () -> cache.isServing() ? 1 : 0);
        metrics.register(PREFIX + "listener.reconnects", (Gauge<Long>) listener::reconnects);
    }

    private static void register(MetricRegistry metrics, String prefix, Cache<?, ?> cache) {
        metrics.register(prefix + "size", (Gauge<Long>) cache::estimatedSize);
        metrics.register(prefix + "hits", (Gauge<Long>) () -> cache.stats().hitCount());
        metrics.register(prefix + "misses", (Gauge<Long>) () -> cache.stats().missCount());
        metrics.register(prefix + "evictions", (Gauge<Long>) () -> cache.stats().evictionCount());
    }
}
