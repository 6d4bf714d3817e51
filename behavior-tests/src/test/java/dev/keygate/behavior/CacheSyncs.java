package dev.keygate.behavior;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * After the harness writes to the database directly, every running Keygate must have applied the
 * change before the next request: each instance's admin task {@code POST /tasks/cache-sync}
 * returns once it has. Without this, a scenario that changes a cached user's membership by JDBC
 * would race the change announcement.
 */
final class CacheSyncs {

    private final List<Integer> adminPorts = new CopyOnWriteArrayList<>();

    void add(int adminPort) {
        adminPorts.add(adminPort);
    }

    void remove(int adminPort) {
        adminPorts.remove(Integer.valueOf(adminPort));
    }

    /** Returns once every instance has applied what was committed before the call. */
    void awaitAll() {
        for (int port : adminPorts) {
            AdminTasks.run(port, "cache-sync");
        }
    }
}
