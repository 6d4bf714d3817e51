package dev.keygate.metrics;

import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code GET /metrics} on the admin port, in Prometheus' text format: Keygate's own metrics
 * ({@code keygate_*}, registered by the features that count them) and the JVM's ({@code jvm_*},
 * {@code process_*}). It takes the place of Dropwizard's JSON /metrics there.
 */
public final class MetricsEndpoint {

    private MetricsEndpoint() {}

    /**
     * The registry every metric of this application registers with: one per application rather than
     * the library's global default, so that two applications in one JVM (the harness's second
     * instance) each export their own.
     */
    public static PrometheusRegistry install(Environment environment) {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        environment.admin().addServlet("prometheus-metrics", new PrometheusMetricsServlet(registry))
                .addMapping("/metrics");
        environment.jersey().register(new RequestMetrics(registry));
        return registry;
    }
}
