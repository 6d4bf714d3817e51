package dev.keygate.auth.cache;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes for this instance: {@link #awaitApplied()} returns once every change committed
 * before the call has been applied to the cache. It sends a marker on the channel after the commit;
 * Postgres delivers notifications in commit order, so when the listener has seen the marker it has
 * seen the changes. Management writes wait for it before answering ({@link #afterCommit}), so a key
 * blocked through this instance is refused by this instance on the very next request; other
 * instances follow as soon as the announcement reaches them.
 */
public final class CacheSync {

    private static final Logger LOG = LoggerFactory.getLogger(CacheSync.class);
    private static final String MARKER = "sync:";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ListenConnections connections;
    private final CallerCache cache;
    private final String prefix;
    private final Set<Handle> pending = ConcurrentHashMap.newKeySet();
    /** Sending holds its own lock: the listener must never wait behind a marker's round trip. */
    private final Object sendLock = new Object();
    private long applied = -1;
    /** {@link #markInTransaction}'s markers: their prefix, how many were sent (its one writer's) and applied. */
    private final String inTransactionPrefix;
    private long sentInTransaction;
    private long appliedInTransaction = -1;
    /** Markers sent so far, and the connection that sends them: both under {@link #sendLock}. */
    private long sent;
    private Connection sender;

    public CacheSync(ListenConnections connections, CallerCache cache) {
        this.connections = connections;
        this.cache = cache;
        byte[] id = new byte[6];
        new SecureRandom().nextBytes(id);
        this.prefix = MARKER + HexFormat.of().formatHex(id) + ":";
        this.inTransactionPrefix = prefix + "tx:";
    }

    /** Makes the transaction on {@code handle} wait, after it commits, until its changes are applied. */
    public void afterCommit(Handle handle) {
        if (!handle.isInTransaction()) {
            // Autocommit: the change is committed already.
            awaitApplied();
            return;
        }
        if (pending.add(handle)) {
            handle.afterCommit(() -> {
                pending.remove(handle);
                awaitApplied();
            });
            handle.afterRollback(() -> pending.remove(handle));
        }
    }

    public void awaitApplied() {
        awaitApplied(mark());
    }

    /**
     * Marks this point in the announcements: every change committed before this call is applied
     * once {@link #awaitApplied(long)} of the answer returns.
     *
     * @return the marker, or -1 when there is nothing to wait for (the cache is not serving, or
     *     the marker could not be sent and the cache was cleared instead)
     */
    private long mark() {
        if (!cache.isServing()) {
            return -1;
        }
        try {
            return send();
        } catch (SQLException e) {
            LOG.warn("Could not send a cache sync marker ({}); clearing the cache instead", e.getMessage());
            cache.clear();
            return -1;
        }
    }

    /** Waits until the changes committed before {@link #mark()} answered {@code marker} are applied. */
    private void awaitApplied(long marker) {
        await(marker, false);
    }

    /**
     * Marks, inside the transaction on {@code handle}, the point after its changes: once
     * {@link #awaitAppliedInTransaction} of the answer returns after the commit, they are applied.
     * The marker commits with the changes, so it costs no round trip of its own and no commit
     * (a NOTIFY commits with a transaction id, so a marker sent alone is a disk flush).
     *
     * <p>For one writer thread only: these markers are numbered in their own sequence, and are
     * delivered in the order their transactions commit, which is the order numbered only when one
     * thread commits them one after another (the spend writer).
     *
     * @return the marker, or -1 when there is nothing to wait for (the cache is not serving)
     */
    public long markInTransaction(Handle handle) {
        if (!cache.isServing()) {
            return -1;
        }
        long marker = ++sentInTransaction;
        handle.createQuery("SELECT pg_notify(:channel, :payload)")
                .bind("channel", InvalidationListener.CHANNEL)
                .bind("payload", inTransactionPrefix + marker)
                .mapTo(String.class)
                .one();
        return marker;
    }

    /** Waits until the transaction {@link #markInTransaction} marked is applied (after its commit). */
    public void awaitAppliedInTransaction(long marker) {
        await(marker, true);
    }

    private void await(long marker, boolean inTransaction) {
        if (marker < 0) {
            return;
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (this) {
            while ((inTransaction ? appliedInTransaction : applied) < marker && cache.isServing()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("The cache listener did not confirm a change within {}; clearing the cache", TIMEOUT);
                    cache.clear();
                    return;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cache.clear();
                    return;
                }
            }
        }
    }

    private long send() throws SQLException {
        synchronized (sendLock) {
            long marker = ++sent;
            try {
                if (sender == null || sender.isClosed()) {
                    sender = connections.open(ListenConnections.SYNC);
                }
                try (PreparedStatement notify = sender.prepareStatement("SELECT pg_notify(?, ?)")) {
                    notify.setString(1, InvalidationListener.CHANNEL);
                    notify.setString(2, prefix + marker);
                    notify.execute();
                }
                return marker;
            } catch (SQLException e) {
                closeSender();
                throw e;
            }
        }
    }

    /** This instance's marker number in {@code payload}, or -1. */
    long parse(String payload) {
        return number(payload, prefix);
    }

    /** This instance's in-transaction marker number in {@code payload}, or -1. */
    long parseInTransaction(String payload) {
        return number(payload, inTransactionPrefix);
    }

    /** The number after {@code prefix} in {@code payload} (an in-transaction marker is none of the others'). */
    private static long number(String payload, String prefix) {
        if (!payload.startsWith(prefix)) {
            return -1;
        }
        try {
            return Long.parseLong(payload.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean isMarker(String payload) {
        return payload.startsWith(MARKER);
    }

    synchronized void applied(long marker, long inTransaction) {
        applied = Math.max(applied, marker);
        appliedInTransaction = Math.max(appliedInTransaction, inTransaction);
        notifyAll();
    }

    /** The listener stopped: nobody waits for it (the cache is suspended, so nothing stale is served). */
    synchronized void releaseWaiters() {
        notifyAll();
    }

    void close() {
        synchronized (sendLock) {
            closeSender();
        }
    }

    private void closeSender() {
        if (sender != null) {
            try {
                sender.close();
            } catch (SQLException ignored) {
                // Already broken: nothing to release.
            }
            sender = null;
        }
    }
}
