package dev.keygate.health;

import com.codahale.metrics.health.HealthCheck;
import org.jdbi.v3.core.Jdbi;

/** The admin port's "database" check, and the readiness probe's test. */
public final class DatabaseHealthCheck extends HealthCheck {

    private final Jdbi jdbi;

    public DatabaseHealthCheck(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    static boolean reachable(Jdbi jdbi) {
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    protected Result check() {
        return reachable(jdbi) ? Result.healthy() : Result.unhealthy("database unreachable");
    }
}
