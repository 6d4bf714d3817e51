package dev.keygate.auth.cache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Opens the cache's own connections, outside the pool: a LISTEN must stay on one connection for
 * good, and the sync markers must not wait for a pooled connection behind the requests they serve.
 */
public final class ListenConnections {

    /** How the listener shows in pg_stat_activity (and how an operator or a test finds it). */
    public static final String LISTENER = "keygate-cache-listener";
    /** The connection that sends {@link CacheSync}'s markers. */
    public static final String SYNC = "keygate-cache-sync";

    private final String url;
    private final Properties properties;

    /** {@code extra}: the pool's connection properties (TLS settings and the like) apply here too. */
    public ListenConnections(String url, String user, String password, Map<String, String> extra) {
        this.url = url;
        this.properties = new Properties();
        properties.putAll(extra);
        if (user != null && !user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        // A half-open connection must fail the liveness probe, not hang it.
        properties.setProperty("socketTimeout", "10");
    }

    Connection open(String applicationName) throws SQLException {
        Properties named = new Properties();
        named.putAll(properties);
        named.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(url, named);
    }
}
