package dev.keygate.auth.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The caller cache on the admin port's /metrics: hits, misses, evictions and sizes of its three
 * parts ({@code cache="known"}: keys found, {@code "unknown"}: secrets that name no key,
 * {@code "tokens"}: verified sign-in tokens), whether it is serving, and its listener's announcements
 * and reconnects. Read from Caffeine's own statistics and the listener's counts at each scrape, so
 * the request path counts nothing more for them.
 */
public final class CacheMetrics {

    private CacheMetrics() {}

    public static void register(PrometheusRegistry registry, CallerCache cache, InvalidationListener listener) {
        Map<String, Cache<String, ?>> caches = Map.of("known", cache.known(), "unknown", cache.unknown(),
                "tokens", cache.tokens());
        counter(registry, "keygate_auth_cache_hits", "Lookups answered from the cache", caches,
                CacheStats::hitCount);
        counter(registry, "keygate_auth_cache_misses", "Lookups the cache could not answer", caches,
                CacheStats::missCount);
        counter(registry, "keygate_auth_cache_evictions", "Entries dropped to stay within the size bound or TTL",
                caches, CacheStats::evictionCount);
        GaugeWithCallback.builder()
                .name("keygate_auth_cache_entries")
                .help("Entries in the cache now (an estimate)")
                .labelNames("cache")
                .callback(callback -> caches.forEach((name, entries) -> callback.call(entries.estimatedSize(), name)))
                .register(registry);
        GaugeWithCallback.builder()
                .name("keygate_auth_cache_serving")
                .help("1 while the cache answers (its listener listens), 0 while every lookup goes to the database")
                .callback(callback -> callback.call(cache.isServing() ? 1 : 0))
                .register(registry);
        CounterWithCallback.builder()
                .name("keygate_cache_invalidations_received")
                .help("Change announcements received from Postgres (LISTEN/NOTIFY)")
                .callback(callback -> callback.call(listener.received()))
                .register(registry);
        CounterWithCallback.builder()
                .name("keygate_cache_listener_reconnects")
                .help("Times the invalidation listener connected again after losing its connection")
                .callback(callback -> callback.call(listener.reconnects()))
                .register(registry);
    }

    private static void counter(PrometheusRegistry registry, String name, String help,
                                Map<String, Cache<String, ?>> caches, ToLongFunction<CacheStats> count) {
        CounterWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames("cache")
                .callback(callback -> caches.forEach((cacheName, entries) ->
                        callback.call(count.applyAsLong(entries.stats()), cacheName)))
                .register(registry);
    }
}
