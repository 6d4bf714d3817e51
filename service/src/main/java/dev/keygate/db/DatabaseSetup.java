package dev.keygate.db;

import dev.keygate.KeygateConfiguration;
import io.dropwizard.db.DataSourceFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides which Postgres Keygate talks to: the one named by {@code DATABASE_URL}, or an embedded
 * one started here. Afterwards the configuration's data source points at it.
 */
public final class DatabaseSetup {

    private DatabaseSetup() {}

    /** Returns the embedded database when one was started; the caller manages its lifecycle. */
    public static Optional<EmbeddedDatabase> prepare(KeygateConfiguration config) {
        DataSourceFactory database = config.getDatabase();
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
}
