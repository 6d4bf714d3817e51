package dev.keygate.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.keygate.testing.TestPostgres;
import dev.keygate.web.ErrorBody;
import dev.keygate.web.UnexpectedExceptionMapper;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transaction that lost a race runs again, whole, and no more than {@link ConflictRetry#ATTEMPTS}
 * times; then it is 503. Real Postgres raises the SQLSTATEs (a {@code DO} block), so they come through
 * the driver and Jdbi exactly as a deadlock does.
 */
class ConflictRetryTest {

    private static TestPostgres.Database database;
    private static Jdbi jdbi;

    @BeforeAll
    static void start() {
        database = TestPostgres.newDatabase();
        jdbi = JdbiSetup.configure(Jdbi.create(database.jdbcUrl()));
        jdbi.useHandle(handle -> handle.execute("CREATE TABLE attempts (attempt int)"));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void empty() {
        jdbi.useHandle(handle -> handle.execute("DELETE FROM attempts"));
    }

    @Test
    void aDeadlockedTransactionRunsAgainAndOnlyTheLastAttemptStays() {
        AtomicInteger attempts = new AtomicInteger();

        int result = jdbi.inTransaction(handle -> {
            int attempt = attempts.incrementAndGet();
            handle.execute("INSERT INTO attempts VALUES (?)", attempt);
            if (attempt < 3) {
                raise(handle, SqlStates.DEADLOCK_DETECTED);
            }
            return attempt;
        });

        assertThat(result).isEqualTo(3);
        List<Integer> left = jdbi.withHandle(handle -> handle.createQuery("SELECT attempt FROM attempts")
                .mapTo(Integer.class).list());
        assertThat(left).as("rows left by the attempts").containsExactly(3);
    }

    @Test
    void aTransactionThatKeepsConflictingGivesUpAndIs503() {
        AtomicInteger attempts = new AtomicInteger();

        Throwable failure = catchThrowable(() -> jdbi.useTransaction(handle -> {
            attempts.incrementAndGet();
            raise(handle, SqlStates.SERIALIZATION_FAILURE);
        }));

        assertThat(attempts).hasValue(ConflictRetry.ATTEMPTS);
        Response response = new UnexpectedExceptionMapper().toResponse(failure);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((ErrorBody) response.getEntity()).error().message()).doesNotContain("DO").doesNotContain("40001");
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        Throwable failure = catchThrowable(() -> jdbi.useTransaction(handle -> {
            attempts.incrementAndGet();
            raise(handle, "23505");
        }));

        assertThat(attempts).hasValue(1);
        assertThat(SqlStates.any(failure, "23505")).isTrue();
    }

    @Test
    void aNestedTransactionIsRetriedOnlyWithTheOutermost() {
        AtomicInteger outer = new AtomicInteger();
        AtomicInteger inner = new AtomicInteger();

        jdbi.useTransaction(handle -> {
            int attempt = outer.incrementAndGet();
            handle.useTransaction(nested -> {
                inner.incrementAndGet();
                if (attempt == 1) {
                    raise(nested, SqlStates.DEADLOCK_DETECTED);
                }
            });
        });

        assertThat(outer).hasValue(2);
        assertThat(inner).hasValue(2);
    }

    private static void raise(Handle handle, String sqlState) {
        handle.execute("DO $$ BEGIN RAISE EXCEPTION 'raised by the test' USING ERRCODE = '" + sqlState + "'; END $$");
    }
}
