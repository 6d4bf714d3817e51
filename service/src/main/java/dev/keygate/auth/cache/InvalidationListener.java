package dev.keygate.auth.cache;

import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@value #CHANNEL} on a dedicated connection and applies every announced change to the
 * {@link CallerCache}. While it is not listening (before the first LISTEN, after the connection
 * drops, until it listens again) the cache is suspended: requests go to the database.
 *
 * <p>A dropped connection is noticed at once when the server closes it (the next read fails) and
 * within {@link #PROBE_EVERY} plus the socket timeout when the network silently loses it (a probe).
 */
public final class InvalidationListener implements Managed {

    public static final String CHANNEL = "keygate_cache";
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationListener.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration PROBE_EVERY = Duration.ofSeconds(2);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final ListenConnections connections;
    private final CallerCache cache;
    private final CacheSync markers;
    private volatile boolean running;
    private volatile Thread thread;
    // Written by the listener's thread only, read by scrapes: volatile is enough.
    private volatile long reconnects;
    private volatile long received;

    public InvalidationListener(ListenConnections connections, CallerCache cache, CacheSync markers) {
        this.connections = connections;
        this.cache = cache;
        this.markers = markers;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "keygate-cache-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            current.join(Duration.ofSeconds(5).toMillis());
        }
        cache.suspend();
        markers.close();
    }

    /** How many times the listener had to connect again after losing its connection. */
    public long reconnects() {
        return reconnects;
    }

    /** How many change announcements arrived (sync markers aside), applied or not yet. */
    public long received() {
        return received;
    }

    private void run() {
        long backoffMillis = 50;
        boolean lost = false;
        while (running) {
            try (Connection connection = connections.open(ListenConnections.LISTENER)) {
                listen(connection);
                if (lost) {
                    reconnects++;
                    LOG.info("Cache invalidation listener connected again; the cache was cleared meanwhile");
                }
                backoffMillis = 50;
                lost = false;
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                cache.suspend();
                markers.releaseWaiters();
                if (running && !lost) {
                    LOG.warn("Cache invalidation listener lost its connection ({}); answering from the database"
                            + " until it listens again", e.getMessage());
                }
                lost = true;
            }
            if (running) {
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        // Changes made before LISTEN took effect were never announced to us: forget all, then serve.
        cache.resume();
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long lastProbe = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                Invalidation batch = new Invalidation();
                long synced = -1;
                long syncedInTransaction = -1;
                for (PGNotification notification : notifications) {
                    String payload = notification.getParameter();
                    long marker = markers.parse(payload);
                    long inTransaction = markers.parseInTransaction(payload);
                    if (marker >= 0) {
                        synced = Math.max(synced, marker);
                    } else if (inTransaction >= 0) {
                        syncedInTransaction = Math.max(syncedInTransaction, inTransaction);
                    } else if (!CacheSync.isMarker(payload)) {
                        batch.add(payload);
                        received++;
                    }
                }
                if (!batch.isEmpty()) {
                    cache.apply(batch);
                }
                if (synced >= 0 || syncedInTransaction >= 0) {
                    markers.applied(synced, syncedInTransaction);
                }
            }
            if (System.nanoTime() - lastProbe > PROBE_EVERY.toNanos()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                lastProbe = System.nanoTime();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
