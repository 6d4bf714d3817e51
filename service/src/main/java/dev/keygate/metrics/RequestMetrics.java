package dev.keygate.metrics;

import dev.keygate.policy.PolicyDenial;
import dev.keygate.web.RouteTemplate;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * Every API request's latency ({@code keygate_http_request_duration_seconds}, a histogram by method,
 * route template and status class) and the policy's denials by route ({@code keygate_policy_denials_total}).
 * Labels are templates ({@code /key/{key}/regenerate}), never paths: paths can carry keys, and there
 * are few templates. A route's series are looked up once, when it is first served, so a request
 * costs two clock reads and a few adder increments, no label lookup.
 */
public final class RequestMetrics implements ApplicationEventListener {

    /** A request no route matched (404, or 405 before matching): one series, whatever the path. */
    private static final String UNMATCHED = "unmatched";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final Histogram latency;
    private final Counter denials;
    private final Map<ResourceMethod, Route> routes = new ConcurrentHashMap<>();

    public RequestMetrics(PrometheusRegistry registry) {
        Histogram.Builder latency = Histogram.builder()
                .name("keygate_http_request_duration_seconds")
                .help("API requests by method, route template and status class: from Jersey taking the request"
                        + " to its response written")
                .labelNames("method", "route", "status_class")
                // Classic buckets (the text format has no native histograms), from the cache-answered
                // checks (well under a millisecond) to the slowest management calls.
                .classicOnly()
                .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);
        latency.withoutExemplars();
        this.latency = latency.build();
        Counter.Builder denials = Counter.builder()
                .name("keygate_policy_denials_total")
                .help("Requests the authorization policy refused (403), by method and route template")
                .labelNames("method", "route");
        denials.withoutExemplars();
        this.denials = denials.build();
        registry.register(this.latency);
        registry.register(this.denials);
    }

    @Override
    public void onEvent(ApplicationEvent event) {
        // Nothing to measure about the application's own lifecycle.
    }

    @Override
    public RequestEventListener onRequest(RequestEvent start) {
        return new Request();
    }

    /** One request's events: when it started, and whether the policy refused it. */
    private final class Request implements RequestEventListener {
        private final long started = System.nanoTime();
        private boolean denied;

        @Override
        public void onEvent(RequestEvent event) {
            if (event.getType() == RequestEvent.Type.ON_EXCEPTION) {
                denied |= isPolicyDenial(event.getException());
            } else if (event.getType() == RequestEvent.Type.FINISHED) {
                finished(event, System.nanoTime() - started, denied);
            }
        }
    }

    /** What a resource method throws reaches listeners wrapped (Jersey's MappableException); a filter's as thrown. */
    private static boolean isPolicyDenial(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof PolicyDenial) {
                return true;
            }
        }
        return false;
    }

    private void finished(RequestEvent event, long nanos, boolean denied) {
        int status = event.getContainerResponse() == null ? 500 : event.getContainerResponse().getStatus();
        int statusClass = Math.min(Math.max(status / 100, 1), 5) - 1;
        String method = event.getContainerRequest().getMethod();
        ExtendedUriInfo uriInfo = event.getUriInfo();
        ResourceMethod matched = uriInfo.getMatchedResourceMethod();
        Route route = matched == null ? null
                : routes.computeIfAbsent(matched, resource -> new Route(resource, RouteTemplate.of(uriInfo)));
        if (route != null && method.equals(route.method)) {
            route.latency(statusClass).observe(nanos / 1e9);
            if (denied) {
                route.denials().inc();
            }
            return;
        }
        // HEAD served by a GET method, Jersey's own OPTIONS answers, and requests no route matched.
        String template = route == null ? UNMATCHED : route.template;
        String label = METHODS.contains(method) ? method : "other";
        latency.labelValues(label, template, STATUS_CLASSES[statusClass]).observe(nanos / 1e9);
        if (denied) {
            denials.labelValues(label, template).inc();
        }
    }

    /**
     * The series of one resource method, for requests with its own HTTP method, each created when
     * first needed (a route that never failed has no 5xx series).
     */
    private final class Route {
        final String method;
        final String template;
        private final AtomicReferenceArray<DistributionDataPoint> latency =
                new AtomicReferenceArray<>(STATUS_CLASSES.length);
        private final AtomicReference<CounterDataPoint> denials = new AtomicReference<>();

        Route(ResourceMethod resourceMethod, String template) {
            this.method = resourceMethod.getHttpMethod();
            this.template = template;
        }

        DistributionDataPoint latency(int statusClass) {
            DistributionDataPoint point = latency.get(statusClass);
            if (point == null) {
                // The registry returns the one series of these labels, so a race stores the same one twice.
                point = RequestMetrics.this.latency.labelValues(method, template, STATUS_CLASSES[statusClass]);
                latency.set(statusClass, point);
            }
            return point;
        }

        CounterDataPoint denials() {
            CounterDataPoint point = denials.get();
            if (point == null) {
                point = RequestMetrics.this.denials.labelValues(method, template);
                denials.set(point);
            }
            return point;
        }
    }
}
