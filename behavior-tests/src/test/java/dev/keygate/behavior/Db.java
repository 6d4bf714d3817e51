package dev.keygate.behavior;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Plain JDBC against Keygate's database, for what must not go through the API: seeding the world
 * and scratch rows, and checking post-conditions the API could misreport.
 * One connection per test JVM (reopened if it drops): the harness issues thousands of statements,
 * and a connection per statement cost more than the statements. Scenarios run one at a time; the
 * methods are synchronized all the same. A committed write makes the next request to any instance
 * wait until every instance has applied it ({@link CacheSyncs}).
 */
public final class Db implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final CacheSyncs cacheSyncs;
    private Connection connection;

    Db(String url, String user, String password, CacheSyncs cacheSyncs) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.cacheSyncs = cacheSyncs;
    }

    /** Statements run on one connection, committed together. */
    public interface Work {
        void run(Db.Session session) throws SQLException;
    }

    public int update(String sql, Object... params) {
        return inTransaction(session -> session.update(sql, params));
    }

    public long count(String sql, Object... params) {
        Optional<Map<String, Object>> row = row(sql, params);
        return ((Number) row.orElseThrow().values().iterator().next()).longValue();
    }

    /** The first row of a query, columns by name; empty when there is none. */
    public synchronized Optional<Map<String, Object>> row(String sql, Object... params) {
        try (PreparedStatement statement = prepare(connect(), sql, params);
                ResultSet result = statement.executeQuery()) {
            if (!result.next()) {
                return Optional.empty();
            }
            ResultSetMetaData meta = result.getMetaData();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnLabel(i), result.getObject(i));
            }
            return Optional.of(row);
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }

    public void transaction(Work work) {
        inTransaction(session -> {
            work.run(session);
            return 0;
        });
    }

    private synchronized int inTransaction(SessionFunction function) {
        try {
            Connection open = connect();
            open.setAutoCommit(false);
            try {
                int result = function.apply(new Session(open));
                open.commit();
                cacheSyncs.written();
                return result;
            } catch (SQLException | RuntimeException e) {
                open.rollback();
                throw e;
            } finally {
                open.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Database write failed", e);
        }
    }

    private Connection connect() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url, user, password);
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // Closing at the end of the run: the database is about to stop anyway.
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            // pgjdbc maps String[] to text[], which the "= ANY(?)" filters rely on.
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }

    private interface SessionFunction {
        int apply(Session session) throws SQLException;
    }

    /** One open connection inside {@link #transaction}. */
    public static final class Session {
        private final Connection connection;

        private Session(Connection connection) {
            this.connection = connection;
        }

        public int update(String sql, Object... params) throws SQLException {
            try (PreparedStatement statement = prepare(connection, sql, params)) {
                return statement.executeUpdate();
            }
        }
    }
}
