package dev.keygate.db;

import dev.keygate.KeygateConfiguration;
import io.dropwizard.db.DataSourceFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Decides which Postgres Keygate talks to: the one named by {@code DATABASE_URL}, or an embedded
 * one started here. Afterwards the configuration's data source points at it.
 */
public final class DatabaseSetup {

    private DatabaseSetup() {}

    /**
     * Postgres plans a prepared statement generically once it guesses that is no worse than
     * planning for the values; one admin listing keys could then leave a pooled connection with a
     * plan that reads the whole keys table for every user after. Every connection plans every
     * execution for its own values instead (planning costs well under a millisecond).
     */
    static final String CUSTOM_PLANS_ONLY = "-c plan_cache_mode=force_custom_plan";

    /** Returns the embedded database when one was started; the caller manages its lifecycle. */
    public static Optional<EmbeddedDatabase> prepare(KeygateConfiguration config) {
        DataSourceFactory database = config.getDatabase();
        forceCustomPlans(database);
        if (config.usesEmbeddedDatabase()) {
            EmbeddedDatabase embedded = EmbeddedDatabase.start(Path.of(config.getDataDir(), "postgres"));
            database.setUrl(embedded.jdbcUrl());
            database.setUser("postgres");
            database.setPassword("");
            return Optional.of(embedded);
        }
        DatabaseUrl url = DatabaseUrl.parse(database.getUrl(), database.getUser(), database.getPassword());
        database.setUrl(url.jdbcUrl());
        database.setUser(url.user());
        database.setPassword(url.password());
        return Optional.empty();
    }

    /** Adds {@link #CUSTOM_PLANS_ONLY} to the connections' startup options, keeping any configured ones. */
    static void forceCustomPlans(DataSourceFactory database) {
        Map<String, String> properties = new LinkedHashMap<>(database.getProperties());
        properties.merge("options", CUSTOM_PLANS_ONLY, (configured, ours) -> configured + " " + ours);
        database.setProperties(properties);
    }

    /**
     * Refuses to run on connections where generic plans are possible: options given in the
     * database URL replace the connection properties, and so would drop the setting.
     */
    public static void requireCustomPlans(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SHOW plan_cache_mode")) {
            result.next();
            if (!"force_custom_plan".equals(result.getString(1))) {
                throw new IllegalStateException("Database connections must run with plan_cache_mode="
                        + "force_custom_plan; add '" + CUSTOM_PLANS_ONLY + "' to the options in the database URL");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read plan_cache_mode from the database", e);
        }
    }
}
