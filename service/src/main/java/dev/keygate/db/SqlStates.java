package dev.keygate.db;

import java.sql.SQLException;

/**
 * What Postgres said about a failed statement, read from the SQLSTATE of the exception or any of its
 * causes (Jdbi wraps the driver's). The one place Keygate reads SQLSTATEs: the transaction retry and
 * the error mapping agree because they ask the same questions here.
 */
public final class SqlStates {

    /** Another transaction's commit made this one's reads stale (class 40: transaction rollback). */
    public static final String SERIALIZATION_FAILURE = "40001";
    /** Postgres broke a lock cycle by aborting this transaction. */
    public static final String DEADLOCK_DETECTED = "40P01";

    private SqlStates() {}

    /** Whether {@code e} or one of its causes carries a SQLSTATE starting with one of {@code prefixes}. */
    public static boolean any(Throwable e, String... prefixes) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                for (String prefix : prefixes) {
                    if (sql.getSQLState().startsWith(prefix)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The transaction lost a race with another one and was rolled back whole: running it again from
     * the start is safe, and usually succeeds once the other has committed.
     */
    public static boolean isConflict(Throwable e) {
        return any(e, SERIALIZATION_FAILURE, DEADLOCK_DETECTED);
    }
}
