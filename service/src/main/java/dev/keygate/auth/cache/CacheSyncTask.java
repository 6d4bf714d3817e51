package dev.keygate.auth.cache;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tasks/cache-sync} on the admin port: returns once this instance has applied every
 * change committed before the call. For scripts (and the behavior harness) that change the database
 * directly and then expect this instance to answer accordingly.
 */
public final class CacheSyncTask extends Task {

    private final CacheSync sync;

    public CacheSyncTask(CacheSync sync) {
        super("cache-sync");
        this.sync = sync;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        sync.awaitApplied();
        output.println("applied");
    }
}
