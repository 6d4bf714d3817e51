package dev.keygate.db;

import dev.keygate.KeygateConfiguration;
import io.dropwizard.db.DataSourceFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which Postgres Keygate talks to: the one named by {@code DATABASE_URL}, or an embedded
 * one started here. Afterwards the configuration's data source points at it.
 */
public final class DatabaseSetup {

    private DatabaseSetup() {}

    /**
     * Postgres plans a statement prepared on the server generically once it guesses that is no
     * worse than planning for the values; one admin listing keys could then leave a pooled
     * connection with a plan that reads the whole keys table for every user after. So the driver
     * never prepares on the server ({@code prepareThreshold=0}): each execution is planned for its
     * own values, and a generic plan cannot happen. A statement that is best planned once (the
     * authentication lookup, by primary keys only) opts back in, see {@code CallerQuery}; so does
     * the spend writer's batch statement ({@code SpendWriter}), whose every join is by a table's key.
     */
    static final String NEVER_PREPARE_ON_SERVER = "0";

    /** Returns the embedded database when one was started; the caller manages its lifecycle. */
    public static Optional<EmbeddedDatabase> prepare(KeygateConfiguration config) {
        DataSourceFactory database = config.getDatabase();
        neverPrepareOnServer(database);
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

    /** Sets {@link #NEVER_PREPARE_ON_SERVER} on the pool's connections, over any configured threshold. */
    static void neverPrepareOnServer(DataSourceFactory database) {
        Map<String, String> properties = new LinkedHashMap<>(database.getProperties());
        properties.put("prepareThreshold", NEVER_PREPARE_ON_SERVER);
        database.setProperties(properties);
    }
}
