package dev.keygate.models;

import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * Every model Keygate knows of: the {@code models:} list of config.yml and every name on a key or a
 * team. Read from the database on each call: listing models is not the hot path, and an answer that
 * lags a new key's models would be wrong for no gain.
 */
final class ModelCatalog {

    private static final String NAMED = """
            SELECT model FROM keys, unnest(models) AS model
            UNION
            SELECT model FROM teams, unnest(models) AS model""";

    private final List<String> configured;
    private final Jdbi jdbi;

    ModelCatalog(List<String> configured, Jdbi jdbi) {
        this.configured = List.copyOf(configured);
        this.jdbi = jdbi;
    }

    /** Names as written, rules such as {@code openai/*} included: the caller's access filters them. */
    List<String> names() {
        List<String> named = jdbi.withHandle(handle -> handle.createQuery(NAMED).mapTo(String.class).list());
        return Stream.concat(configured.stream(), named.stream()).distinct().toList();
    }
}
