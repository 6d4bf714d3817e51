package dev.keygate.db;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import javax.sql.DataSource;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;

/**
 * The connection pool on the admin port's /metrics: connections in use and idle, its bound, and the
 * requests waiting for a connection (the sign of a pool too small, or of slow queries holding it).
 */
public final class PoolMetrics {

    private PoolMetrics() {}

    /** {@code dataSource}: Dropwizard's pooled data source (a Tomcat JDBC pool), as DataSourceFactory builds it. */
    public static void register(PrometheusRegistry registry, DataSource dataSource) {
        if (!(dataSource instanceof DataSourceProxy pool)) {
            throw new IllegalArgumentException("Not a Tomcat JDBC pool: " + dataSource.getClass().getName());
        }
        GaugeWithCallback.builder()
                .name("keygate_db_pool_connections")
                .help("Connections of the pool, by state: active (lent to a request) or idle")
                .labelNames("state")
                .callback(callback -> {
                    callback.call(pool.getActive(), "active");
                    callback.call(pool.getIdle(), "idle");
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("keygate_db_pool_max_connections")
                .help("The most connections the pool opens (database.maxSize)")
                .callback(callback -> callback.call(pool.getMaxActive()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("keygate_db_pool_waiting_threads")
                .help("Requests waiting for a connection now")
                .callback(callback -> callback.call(pool.getWaitCount()))
                .register(registry);
    }
}
