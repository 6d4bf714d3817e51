package dev.keygate.db;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.sqlobject.SqlObjectFactory;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** What every Jdbi of Keygate's needs, in the service and in tests alike. */
public final class JdbiSetup {

    private JdbiSetup() {}

    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.setTemplateEngine(new NamedStatementTemplates());
        // text[] columns (models, tags, ...) bind from and map to List<String>.
        jdbi.registerArrayType(String.class, "text");
        jdbi.registerColumnMapper(TextArrays.TYPE, new TextArrays());
        // Rows map to Keygate's records by column name (RecordRows says why not ConstructorMapper).
        jdbi.registerRowMapper(new RecordRows());
        // A transaction that lost a race (deadlock, serialization failure) runs again, whole.
        jdbi.setTransactionHandler(new ConflictRetry(jdbi.getTransactionHandler()));
        return jdbi;
    }

    /**
     * Jdbi works out a SqlObject's metadata (reflection over all its methods) on first use and caches
     * it in the configuration it was asked from: each handle's own copy. Without this, every
     * {@code handle.attach(SomeDao.class)} did that work again, a fifth of the CPU of a
     * {@code /key/info} request (async-profiler). Worked out here, on the Jdbi's own configuration,
     * it is inherited by every handle.
     */
    public static void preloadSqlObjects(Jdbi jdbi, List<Class<?>> sqlObjects) {
        Extensions extensions = jdbi.getConfig(Extensions.class);
        ExtensionFactory factory = extensions.findFactory(SqlObjectFactory.class)
                .orElseThrow(() -> new IllegalStateException("The SqlObject plugin is not installed"));
        sqlObjects.forEach(type -> extensions.findMetadata(type, factory));
    }
}
