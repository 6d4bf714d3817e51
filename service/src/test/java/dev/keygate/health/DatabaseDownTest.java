package dev.keygate.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keygate.auth.AuthenticationMetrics;
import dev.keygate.auth.CallerQuery;
import dev.keygate.auth.KeyAuthenticator;
import dev.keygate.auth.KeyDirectory;
import dev.keygate.auth.cache.CacheConfig;
import dev.keygate.auth.cache.CallerCache;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.JdbiSetup;
import dev.keygate.web.ApiException;
import dev.keygate.web.ErrorBody;
import dev.keygate.web.UnexpectedExceptionMapper;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * With no database to reach (a real connection attempt to a closed port, not a mock), Keygate fails
 * closed: readiness is 503, and a key cannot authenticate — the failure surfaces as 503, never as a
 * caller.
 */
class DatabaseDownTest {

    private final Jdbi unreachable = JdbiSetup.configure(
            Jdbi.create("jdbc:postgresql://127.0.0.1:1/keygate?connectTimeout=2", "nobody", "nothing"));

    private static PGSimpleDataSource unreachableSource() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl("jdbc:postgresql://127.0.0.1:1/keygate?connectTimeout=2");
        source.setUser("nobody");
        source.setPassword("nothing");
        return source;
    }

    @Test
    void readinessIs503() {
        assertThatThrownBy(() -> new HealthResource(unreachable).readiness())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(new DatabaseHealthCheck(unreachable).execute().isHealthy()).isFalse();
    }

    @Test
    void keyAuthenticationFailsClosedAs503() {
        KeyAuthenticator authenticator = new KeyAuthenticator("sk-master-key-x", new KeyDirectory(
                new CallerQuery(unreachableSource(), new JsonColumns(new ObjectMapper())),
                new CallerCache(new CacheConfig()), Clock.systemUTC()), new AuthenticationMetrics());
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> authenticator.authenticate("sk-some-key"));
        assertThat(failure).as("no caller comes out of an unreachable database").isNotNull();

        Response response = new UnexpectedExceptionMapper().toResponse(failure);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((ErrorBody) response.getEntity()).error().message()).doesNotContain("127.0.0.1").doesNotContain("nobody");
    }

    @Test
    void aConnectionTerminatedByAStoppingServerIs503() {
        // What a pooled connection reports when Postgres is stopped under it (fast shutdown).
        Throwable failure = new IllegalStateException("The key lookup failed", new java.sql.SQLException(
                "FATAL: terminating connection due to administrator command", "57P01"));

        Response response = new UnexpectedExceptionMapper().toResponse(failure);

        assertThat(response.getStatus()).isEqualTo(503);
    }
}
