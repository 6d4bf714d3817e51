package dev.keygate.db;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a transaction again, whole, when it lost a race ({@link SqlStates#isConflict}: a deadlock or a
 * serialization failure). Installed as the Jdbi's transaction handler, so every
 * {@code jdbi.inTransaction} of every service gets it without asking.
 *
 * <p>Safe because what is repeated is the entire callback of the outermost transaction, after
 * Postgres rolled all of it back and before anything was answered: its audit rows and cache
 * announcements went with the rollback, and the handle drops the after-commit callbacks of the failed
 * attempt. A nested transaction is never retried alone; its outermost one is.
 *
 * <p>{@link LockOrder} makes such races rare between Keygate's own writes; this covers the rest (a
 * hand-run statement, a lock cycle the order does not rule out). A few attempts with a short random
 * pause, so two transactions that collided do not collide again in step; the last failure is thrown
 * as it was, and the error mapping answers it 503.
 */
public final class ConflictRetry extends DelegatingTransactionHandler {

    static final int ATTEMPTS = 4;
    /** The pause before the n-th retry is random within n times this. */
    private static final Duration PAUSE_STEP = Duration.ofMillis(40);
    private static final Logger LOG = LoggerFactory.getLogger(ConflictRetry.class);

    public ConflictRetry(TransactionHandler delegate) {
        super(delegate);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        return retried(handle, () -> getDelegate().inTransaction(handle, callback));
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                    HandleCallback<R, X> callback) throws X {
        return retried(handle, () -> getDelegate().inTransaction(handle, level, callback));
    }

    /** Jdbi binds a transaction handler to each handle; the retry wraps the bound one. */
    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new ConflictRetry(getDelegate().specialize(handle));
    }

    private interface Attempt<R, X extends Exception> {
        R run() throws X;
    }

    private static <R, X extends Exception> R retried(Handle handle, Attempt<R, X> attempt) throws X {
        if (handle.isInTransaction()) {
            return attempt.run();
        }
        for (int tried = 1; ; tried++) {
            try {
                return attempt.run();
            } catch (Exception e) {
                if (tried == ATTEMPTS || !SqlStates.isConflict(e) || !pause(tried, e)) {
                    throw e;
                }
            }
        }
    }

    /** Logs the retry (the SQLSTATE only: no statement, no values) and waits; false when interrupted. */
    private static boolean pause(int tried, Exception e) {
        long millis = ThreadLocalRandom.current().nextLong(1, PAUSE_STEP.toMillis() * tried + 1);
        LOG.warn("Transaction lost a race with another ({}); running it again in {} ms (attempt {} of {})",
                SqlStates.any(e, SqlStates.DEADLOCK_DETECTED) ? "deadlock" : "serialization failure", millis,
                tried + 1, ATTEMPTS);
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
