package dev.keygate.behavior;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * After the harness writes to the database directly, every running Keygate must have applied the
 * change before the next request: each instance's admin task {@code POST /tasks/cache-sync}
 * returns once it has. Without this, a scenario that changes a cached user's membership by JDBC
 * would race the change announcement.
 *
 * <p>The wait is deferred to the next request ({@link #awaitWrites()}, called by everything that
 * talks to an instance), not taken after each write: a scenario's setup writes several times, and
 * its teardown writes with no request after it at all, so one sync before the request covers them
 * all. Every sync costs a round trip through each instance and the database's notifications.
 */
final class CacheSyncs {

    /** The server's, while one runs in this JVM: request senders find it here. */
    private static volatile CacheSyncs current;

    private final List<Integer> adminPorts = new CopyOnWriteArrayList<>();
    /**
     * A JDBC write committed since the last wait. Every method holding it is synchronized, and a wait
     * holds the lock throughout, so no write can slip in between the wait and clearing this.
     */
    private boolean unsynced;

    CacheSyncs() {
        current = this;
    }

    void add(int adminPort) {
        adminPorts.add(adminPort);
    }

    void remove(int adminPort) {
        adminPorts.remove(Integer.valueOf(adminPort));
    }

    /** A JDBC write has committed: the next request waits until every instance has applied it. */
    synchronized void written() {
        unsynced = true;
    }

    /** Returns once every instance has applied what was committed before the call. */
    synchronized void awaitAll() {
        for (int port : adminPorts) {
            AdminTasks.run(port, "cache-sync");
        }
        unsynced = false;
    }

    /**
     * Before any request to an instance: returns once every instance has applied the harness's JDBC
     * writes so far (at once when there were none since the last wait).
     */
    static void awaitWrites() {
        CacheSyncs syncs = current;
        if (syncs != null) {
            syncs.awaitPending();
        }
    }

    private synchronized void awaitPending() {
        if (unsynced) {
            awaitAll();
        }
    }

    /** The server has stopped: nothing to wait for any more. */
    void close() {
        current = null;
    }
}
