package dev.keygate.db;

import dev.keygate.KeygateConfiguration;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code java -jar keygate.jar db migrate config.yml}: applies pending migrations and exits. */
public final class DbMigrateCommand extends ConfiguredCommand<KeygateConfiguration> {

    public DbMigrateCommand() {
        super("db", "Database maintenance: 'db migrate config.yml' applies pending migrations");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("migrate").help("what to do: migrate");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<KeygateConfiguration> bootstrap, Namespace namespace, KeygateConfiguration config)
            throws Exception {
        var embedded = DatabaseSetup.prepare(config);
        ManagedDataSource dataSource = config.getDatabase().build(bootstrap.getMetricRegistry(), "migrate");
        try {
            Migrations.migrate(dataSource);
        } finally {
            dataSource.stop();
            if (embedded.isPresent()) {
                embedded.get().stop();
            }
        }
    }
}
