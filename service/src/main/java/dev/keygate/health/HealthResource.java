package dev.keygate.health;

import dev.keygate.openapi.PublicRoute;
import dev.keygate.web.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Public probes, LiteLLM's paths: liveliness/liveness (the process answers), readiness (it can serve). */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
@PublicRoute
public final class HealthResource {

    private static final Map<String, String> ALIVE = Map.of("status", "healthy");

    private final Jdbi jdbi;

    public HealthResource(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @GET
    @Path("/liveliness")
    public Map<String, String> liveliness() {
        return ALIVE;
    }

    @GET
    @Path("/liveness")
    public Map<String, String> liveness() {
        return ALIVE;
    }

    @GET
    @Path("/readiness")
    public Map<String, String> readiness() {
        if (!DatabaseHealthCheck.reachable(jdbi)) {
            throw ApiException.unavailable("Database unreachable");
        }
        return Map.of("status", "healthy", "db", "connected");
    }
}
