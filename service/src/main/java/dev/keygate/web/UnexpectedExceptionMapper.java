package dev.keygate.web;

import dev.keygate.db.SqlStates;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpException;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything unforeseen: logged with an id, answered with only that id, never a stack trace or SQL.
 * A database that cannot be reached is 503 (callers may retry), not 500; so is a transaction that
 * kept losing races with concurrent writes after its retries (see ConflictRetry). The one place a
 * SQLSTATE becomes a status. A body Jetty could not read is the client's fault, with Jetty's status.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);
    /** While the database is down every request fails the same way: one stack trace per 10 s is enough. */
    private final ThrottledTrace outageTraces = new ThrottledTrace(Clock.systemUTC(), Duration.ofSeconds(10));

    @Override
    public Response toResponse(Throwable e) {
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
        HttpException unreadable = unreadableRequest(e);
        if (unreadable != null) {
            // Jetty failed reading the body (a chunked body cut short: "Early EOF"; a bad chunk size)
            // and says which 4xx that is. Its reason is not echoed: it can quote the input.
            int status = unreadable.getCode();
            return ErrorResponses.of(status, ErrorBody.typeOf(status), "The request body could not be read", null);
        }
        if (SqlStates.any(e, "23505")) {
            // A unique constraint caught a race the service's own check could not: same as a duplicate.
            return ErrorResponses.of(400, "invalid_request_error", "A record with this id or alias already exists", null);
        }
        if (SqlStates.any(e, "22021", "22P05")) {
            // A character Postgres cannot store (NUL) that got past the input checks: bad input, not a fault.
            return ErrorResponses.of(400, "invalid_request_error", "A value contains a character that cannot be stored",
                    null);
        }
        if (isDatabaseUnavailable(e)) {
            if (outageTraces.shouldTrace()) {
                LOG.error("Database unavailable (error id {}); stack traces of the same failure are "
                        + "left out for the next 10 s", id, e);
            } else {
                LOG.error("Database unavailable (error id {}): {}", id, rootCause(e));
            }
            return ErrorResponses.of(503, "service_unavailable", "Database unavailable (error id " + id + ")", null);
        }
        if (SqlStates.isConflict(e)) {
            // Nothing was changed (the transaction rolled back): the same request may simply be sent again.
            LOG.warn("Gave up on a transaction that kept conflicting with concurrent writes (error id {})", id, e);
            return ErrorResponses.of(503, "service_unavailable",
                    "Too many concurrent changes to the same objects; retry (error id " + id + ")", null);
        }
        LOG.error("Unexpected error (error id {})", id, e);
        return ErrorResponses.of(500, "internal_server_error", "Internal error (error id " + id + ")", null);
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static HttpException unreadableRequest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException jetty && jetty.getCode() >= 400 && jetty.getCode() < 500) {
                return jetty;
            }
        }
        return null;
    }

    private static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectionException || t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
        }
        // 08: connection exceptions; 57P: the server is shutting down, crashed or not yet accepting
        // connections (a pooled connection sees 57P01 when Postgres is stopped under it).
        return SqlStates.any(e, "08", "57P");
    }
}
