package dev.keygate.db;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * The one order in which Keygate's writes lock rows, so that two writes needing the same rows wait
 * for each other instead of deadlocking (issue 8: {@code POST /team/delete} and
 * {@code POST /key/{key}/regenerate} on that team's keys deadlocked in most rounds):
 *
 * <pre>
 *   organizations → teams → users → keys → grace tokens, key_days counts → memberships
 * </pre>
 *
 * Parents before children, and within a level in id order (keys in token order). A transaction may
 * skip levels but never climbs back: once it holds a row of one level it locks nothing above it.
 * Two kinds of lock:
 * <ul>
 *   <li>a row the transaction changes or deletes: {@code FOR UPDATE} (the DAOs' {@code findForUpdate},
 *       the cascades' {@code lock…} queries);
 *   <li>a row that rows it writes point at (a key's organization, team and user; a membership's
 *       user): {@code FOR KEY SHARE}, by {@link #holdParents}. That is the lock Postgres's own
 *       foreign-key check takes, but taken up front and top-down instead of in the middle of an
 *       {@code UPDATE} of a key already locked. Holders never block each other, only the parent's
 *       deletion: a cascade and a key write meet at the parent, and the later one waits there before
 *       it holds anything the earlier one needs.
 * </ul>
 *
 * Who does what:
 * <ul>
 *   <li>Key writes (generate, update, regenerate, block, unblock, delete) hold the key's organization,
 *       team and user, then lock the keys in token order ({@code KeyLookup}, {@code KeyService}); a key
 *       about to move holds where it goes with where it is, in the same pass. A key's organization, team
 *       and user (and a team's organization) are read before they are held, so a write checks, once it
 *       holds the row, that they did not change meanwhile (a move that won the race) with
 *       {@link #requireUnmoved}, and runs again if they did.
 *   <li>Cascades (organization, team and user delete; team and organization member delete) lock what
 *       they delete top-down (an organization, then its teams), hold a membership's user, lock the keys
 *       they remove in token order and delete them in one statement (the {@code key_days} trigger then
 *       updates each day once, in day order), and only then delete the rows whose foreign keys cascade
 *       to memberships.
 * </ul>
 *
 * Outside the order, because they never wait on a row another write holds: audit rows (inserts into
 * a table nothing locks), cache announcements ({@code pg_notify}, sent at commit) and the sweep of
 * expired grace tokens ({@code SKIP LOCKED}). Whatever still deadlocks (hand-run SQL, a cycle the
 * order does not rule out) is run again by {@link ConflictRetry}. docs/architecture.md has the
 * same in prose.
 */
public final class LockOrder {

    private LockOrder() {}

    /** The order rows of one level are locked in: by id (or token), each once. */
    public static List<String> inOrder(Collection<String> ids) {
        return ids.stream().filter(Objects::nonNull).distinct().sorted().toList();
    }

    /**
     * Locks the row of each id with {@code lock} in {@link #inOrder} order, and returns the rows in the
     * order of {@code ids} (repeats included), which is the order the request named them in.
     */
    public static <T> List<T> lockEach(Collection<String> ids, Function<String, T> lock) {
        Map<String, T> locked = new HashMap<>();
        for (String id : inOrder(ids)) {
            locked.put(id, lock.apply(id));
        }
        return ids.stream().map(locked::get).toList();
    }

    /**
     * Holds ({@code FOR KEY SHARE}) the organizations, then the teams, then the users that rows about
     * to be written point at; nulls are skipped. One that a cascade deleted meanwhile is simply not
     * there afterwards: the caller's lookups after this call (not before it) find it gone and answer 404.
     */
    public static void holdParents(Handle handle, Collection<String> organizationIds, Collection<String> teamIds,
                                   Collection<String> userIds) {
        hold(handle, "organizations", "organization_id", organizationIds);
        hold(handle, "teams", "team_id", teamIds);
        hold(handle, "users", "user_id", userIds);
    }

    /**
     * Takes a lock, until the transaction ends, on a row that does not exist yet: {@code kind} and
     * {@code id} name it (a user or a team a sign-in creates on first sight). Two transactions about to
     * create the same row take turns, so the second finds the first's row instead of colliding.
     */
    public static void claim(Handle handle, String kind, String id) {
        handle.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:name, 0))")
                .bind("name", kind + ":" + id).mapTo(Integer.class).one();
    }

    /**
     * A write read where a row sits (a key's organization, team and user; a team's organization), held
     * those parents, then locked the row: if a move committed in between, what it holds is not what the
     * row points at now. Thrown as a serialization failure, so {@link ConflictRetry} runs the whole
     * transaction again, which then reads the new place first.
     */
    public static void requireUnmoved(Object held, Object now) {
        if (!Objects.equals(held, now)) {
            throw new IllegalStateException("The row moved while its parents were being held",
                    new SQLException("moved meanwhile", SqlStates.SERIALIZATION_FAILURE));
        }
    }

    private static void hold(Handle handle, String table, String idColumn, Collection<String> ids) {
        List<String> ordered = inOrder(ids);
        if (ordered.isEmpty()) {
            return;
        }
        // The lock is taken row by row as the sorted rows come out: in id order.
        handle.createQuery("SELECT " + idColumn + " FROM " + table + " WHERE " + idColumn + " = ANY(:ids) ORDER BY "
                        + idColumn + " FOR KEY SHARE")
                .bindArray("ids", String.class, ordered)
                .mapTo(String.class)
                .list();
    }
}
