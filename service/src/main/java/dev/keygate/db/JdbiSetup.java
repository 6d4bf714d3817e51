package dev.keygate.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** What every Jdbi of Keygate's needs, in the service and in tests alike. */
public final class JdbiSetup {

    private JdbiSetup() {}

    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        // text[] columns (models, tags, ...) bind from and map to List<String>.
        jdbi.registerArrayType(String.class, "text");
        return jdbi;
    }
}
